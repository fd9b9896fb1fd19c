// "Label every occurrence" in the window: right after a span is labelled, an offer counts the
// other places its exact text occurs (in this article and the whole set); its preview lists
// them with their context, in the scope and case asked for, and labels them all as one batch
// (one undo). The count is read after the new span has been painted, never on the way to it.
import type { Occurrences, OccurrenceScope } from '../../../shared/across';
import type { Span } from '../../../shared/model';
import { call } from '../api';
import { afterPaint } from '../lib/perf';
import { clip } from './edits';
import { writesSettled } from './save';
import type { Slice } from './types';

/** The span whose text is looked for: its place and its label. */
export interface OccurrenceTarget {
  articleId: number;
  start: number;
  end: number;
  labelId: number;
  text: string;
}

export interface OccurrenceOffer extends OccurrenceTarget {
  /** Other places in the span's article still to label. */
  inArticle: number;
  /** Every other place in the set still to label (this article's included). */
  inSet: number;
  /** The set holds more than `inSet`: the count stopped at the preview's cap. */
  inSetMore: boolean;
}

export interface OccurrencePreview extends OccurrenceTarget {
  scope: OccurrenceScope;
  caseSensitive: boolean;
  /** What findOccurrences listed for this scope and case (null while it is read). */
  found: Occurrences | null;
  error: string | null;
  applying: boolean;
  /** Enter came while the list was still being read: it is labelled as soon as it arrives. */
  applyQueued: boolean;
}

export interface OccurrencesSlice {
  occurrenceOffer: OccurrenceOffer | null;
  occurrencePreview: OccurrencePreview | null;
  /** After a span is labelled: count its text's other places, and offer them when there are any. */
  offerOccurrences(span: Span): void;
  dismissOccurrenceOffer(): void;
  /** Opens the preview for a span (default: the offer's, else the selected span). */
  openOccurrences(span?: Span): void;
  setOccurrenceScope(scope: OccurrenceScope): void;
  toggleOccurrenceCase(): void;
  /** Labels every place the preview lists, as one batch; closes the preview. */
  applyOccurrences(): Promise<void>;
  closeOccurrences(): void;
}

/** "12", or "1000+" when more were left uncounted. */
const countText = (n: number, more: boolean) => `${n}${more ? '+' : ''}`;

/** Whether the preview stopped at its cap: the count is then a floor, not the total. */
export const capped = (found: Occurrences) => found.unread !== undefined;

/** "12 occurrences", "1 occurrence", "1000+ occurrences" (more not counted). */
export const occurrencesText = (n: number, more = false) =>
  `${countText(n, more)} occurrence${n === 1 && !more ? '' : 's'}`;

/** What the offer says: "Label 3 more in this article · 14 in the set" ("1000+" when capped). */
export function offerText(offer: Pick<OccurrenceOffer, 'inArticle' | 'inSet' | 'inSetMore'>): string {
  const inSet = countText(offer.inSet, offer.inSetMore);
  if (offer.inArticle === 0) return `Label ${inSet} more in the set`;
  return `Label ${offer.inArticle} more in this article · ${inSet} in the set`;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const createOccurrencesSlice: Slice<OccurrencesSlice> = (set, get) => {
  /** Tells a reply from the latest question: an offer or a preview read that was overtaken is dropped. */
  let asked = 0;

  const targetOf = (span: Span): OccurrenceTarget | null => {
    const article = get().article;
    if (!article || article.id !== span.articleId) return null;
    const { articleId, start, end, labelId } = span;
    return { articleId, start, end, labelId, text: article.text.slice(start, end) };
  };

  const find = (t: OccurrenceTarget, scope: OccurrenceScope, caseSensitive: boolean) =>
    call('findOccurrences', {
      articleId: t.articleId,
      start: t.start,
      end: t.end,
      labelId: t.labelId,
      scope,
      caseSensitive,
    });

  /** Reads the preview's list for its current scope and case. */
  const readPreview = async () => {
    const p = get().occurrencePreview;
    if (!p) return;
    const mine = ++asked;
    set({ occurrencePreview: { ...p, found: null, error: null } });
    try {
      await writesSettled();
      const found = await find(p, p.scope, p.caseSensitive);
      const now = get().occurrencePreview;
      if (mine !== asked || !now) return;
      set({ occurrencePreview: { ...now, found } });
      if (now.applyQueued) await get().applyOccurrences();
    } catch (err) {
      const now = get().occurrencePreview;
      if (mine !== asked || !now) return;
      set({ occurrencePreview: { ...now, applyQueued: false, error: errorText(err) } });
    }
  };

  return {
    occurrenceOffer: null,
    occurrencePreview: null,
    offerOccurrences: (span) => {
      const target = targetOf(span);
      const mine = ++asked;
      if (get().occurrenceOffer) set({ occurrenceOffer: null });
      if (!target || target.text.trim() === '') return;
      // The new span is on the screen first; the count follows when the backend has it.
      afterPaint(() => {
        void (async () => {
          try {
            await writesSettled();
            if (mine !== asked) return;
            const found = await find(target, 'set', true);
            // Overtaken (another label, another article) or the span is gone: no offer.
            const s = get();
            if (mine !== asked || s.article?.id !== target.articleId || !s.spans.some((x) => x.id === span.id)) return;
            const inSet = found.occurrences.length;
            if (inSet === 0) return;
            const inArticle = found.occurrences.filter((o) => o.articleId === target.articleId).length;
            set({ occurrenceOffer: { ...target, inArticle, inSet, inSetMore: capped(found) } });
          } catch {
            // The offer is a convenience: when it cannot be counted, there is none.
          }
        })();
      });
    },
    dismissOccurrenceOffer: () => {
      // A count still on its way is dropped too.
      asked++;
      if (get().occurrenceOffer) set({ occurrenceOffer: null });
    },
    openOccurrences: (span) => {
      const s = get();
      const offer = s.occurrenceOffer;
      const picked = span ?? s.spans.find((x) => x.id === s.selectedSpanId);
      const target = span ? targetOf(span) : (offer ?? (picked ? targetOf(picked) : null));
      if (!target) {
        s.notify('Select a span first: its text is what is looked for');
        return;
      }
      const scope: OccurrenceScope = offer && !span && offer.inArticle === 0 ? 'set' : 'article';
      set({
        occurrenceOffer: null,
        occurrencePreview: {
          ...target,
          scope,
          caseSensitive: true,
          found: null,
          error: null,
          applying: false,
          applyQueued: false,
        },
      });
      s.setOverlay('occurrences');
      void readPreview();
    },
    setOccurrenceScope: (scope) => {
      const p = get().occurrencePreview;
      if (!p || p.scope === scope || p.applying) return;
      // A queued Enter was meant for the list on the screen, not for the one this reads.
      set({ occurrencePreview: { ...p, scope, applyQueued: false } });
      void readPreview();
    },
    toggleOccurrenceCase: () => {
      const p = get().occurrencePreview;
      if (!p || p.applying) return;
      set({ occurrencePreview: { ...p, caseSensitive: !p.caseSensitive, applyQueued: false } });
      void readPreview();
    },
    applyOccurrences: async () => {
      const p = get().occurrencePreview;
      if (!p || p.applying || get().editingLocked()) return;
      if (!p.found) {
        if (!p.error) set({ occurrencePreview: { ...p, applyQueued: true } });
        return;
      }
      if (p.found.occurrences.length === 0) {
        get().closeOccurrences();
        get().notify('Nothing to label: every place is labelled already');
        return;
      }
      set({ occurrencePreview: { ...p, applying: true, applyQueued: false } });
      try {
        const written = await get().enqueueWrite(() =>
          call('labelOccurrences', {
            articleId: p.articleId,
            start: p.start,
            end: p.end,
            labelId: p.labelId,
            scope: p.scope,
            caseSensitive: p.caseSensitive,
          }),
        );
        get().closeOccurrences();
        const label = get().labels.find((l) => l.id === p.labelId)?.name ?? 'a label';
        get().recordSpanBatch(
          written,
          `labelled ${occurrencesText(written.spans.length)} of '${clip(p.text, 40)}' as ${label}`,
        );
      } catch (err) {
        const now = get().occurrencePreview;
        if (now) set({ occurrencePreview: { ...now, applying: false, error: errorText(err) } });
      }
    },
    closeOccurrences: () => {
      asked++;
      set({ occurrencePreview: null });
      if (get().overlay === 'occurrences') get().setOverlay('none');
    },
  };
};
