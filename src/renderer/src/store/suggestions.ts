// Suggestions for the open article (the person's own labels elsewhere, their spans in its
// syndicated copies) and the article's copies. They are read after the article is painted and
// after the person's edits (components/across/useSuggestionRefresh.ts), never on the keystroke
// path. They are never spans: nothing here touches the span list's counts or progress until
// one is accepted, which writes one batch (one undo). Dismissals are remembered by the backend.
import { shortcutText } from '../../../shared/keymap';
import { SUGGESTIONS_SHOWN, type ClusterMember, type IndexBuilding, type Suggestion } from '../../../shared/across';
import type { Span } from '../../../shared/model';
import { ApiError, call } from '../api';
import { spansAt } from '../lib/marks';
import { compareSpans } from '../lib/spanOrder';
import { uncovered } from '../lib/uncovered';
import { recordBatch } from './batchHistory';
import { sentence } from './spanBatches';
import type { DismissalEntry } from './history';
import { writesSettled } from './save';
import { caretAt, type TextSelection } from './selection';
import type { Slice, Store } from './types';

export interface SuggestionListState {
  /** Whose suggestions, on which article: a list read for another is never shown. */
  annotatorId: number;
  articleId: number;
  /** In text order (lib/spanOrder); at most SUGGESTIONS_SHOWN, those nearest where the person was. */
  suggestions: Suggestion[];
  /** How many the article has in all (more than `suggestions` holds on a densely labelled article). */
  total: number;
  /** Each suggestion by id. */
  byId: ReadonlyMap<string, Suggestion>;
  cluster: ClusterMember[];
  /** The person's spans in each copy (0: not labelled by them). */
  copySpans: ReadonlyMap<number, number>;
  /** While the sentence index builds: copies are not suggested yet (its job reads them again when done). */
  index?: IndexBuilding | undefined;
}

export interface SuggestionsSlice {
  suggestionList: SuggestionListState | null;
  /**
   * Suggestions accepted or dismissed in this window, hidden at once; each with the moment it was
   * hidden, so that a list read since then (which no longer offers it) lets it go.
   */
  hiddenSuggestions: ReadonlyMap<string, number>;
  /** The focused suggestion, focused while the caret stays where focusing put it. */
  suggestionFocus: { id: string; at: TextSelection } | null;
  /** Bumped to move the keyboard into the copies list. */
  copiesFocusRequest: number;
  /** Reads the open article's suggestions and copies (after this window's writes have landed). */
  loadSuggestions(): Promise<void>;
  /** Focuses the next / previous suggestion after the caret (or the focused one), wrapping. */
  focusSuggestion(dir: 1 | -1): void;
  /** Accepts one suggestion; `focusNext` moves the focus on to the following one. */
  acceptSuggestion(id: string, options?: { focusNext?: boolean }): Promise<void>;
  acceptAllSuggestions(): Promise<void>;
  dismissSuggestion(id: string): Promise<void>;
  dismissAllSuggestions(): Promise<void>;
  /** Undoes a dismissal (its suggestions offered again) or does it again. */
  replayDismissal(entry: DismissalEntry, verb: 'Undid' | 'Redid'): Promise<void>;
  /** A click at `offset`: accepts the innermost suggestion there when no span is there. */
  acceptSuggestionAt(offset: number): boolean;
  focusCopies(): void;
}

const EMPTY: Suggestion[] = [];
const NO_COPIES: ClusterMember[] = [];
let shown: { list: SuggestionListState; hidden: ReadonlyMap<string, number>; spans: Span[]; out: Suggestion[] } | null =
  null;

/**
 * The suggestions drawn for the open article: the last list read, less those hidden here and
 * those a span of the same label now covers (an edit shows before the list is read again).
 * Worked out whole (lib/uncovered.ts, one sweep of the list and the spans); when that gives the
 * same suggestions as before, the same array, so the panel and the marks are left alone.
 */
export function selectVisibleSuggestions(s: Store): Suggestion[] {
  const list = s.suggestionList;
  if (!list || list.articleId !== s.article?.id || list.annotatorId !== s.session?.annotator?.id) return EMPTY;
  const last = shown;
  if (last && last.list === list && last.hidden === s.hiddenSuggestions && last.spans === s.spans) return last.out;
  let out = uncovered(list.suggestions, s.hiddenSuggestions, s.spans);
  if (last && sameItems(out, last.out)) out = last.out;
  shown = { list, hidden: s.hiddenSuggestions, spans: s.spans, out };
  return out;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The focused suggestion, while the caret is where focusing it put it. */
export function selectFocusedSuggestion(s: Store): Suggestion | undefined {
  const focus = s.suggestionFocus;
  if (!focus || s.selection !== focus.at || s.selectedSpanId) return undefined;
  const g = s.suggestionList?.byId.get(focus.id);
  return g && selectVisibleSuggestions(s).includes(g) ? g : undefined;
}

/**
 * How many the article has in all, as far as this window knows: the list's total less those
 * hidden or covered since it was read (`shownCount` of them are drawn).
 */
export function shownTotal(s: Store, shownCount: number): number {
  const list = s.suggestionList;
  if (!list || list.total <= list.suggestions.length) return shownCount;
  return Math.max(shownCount, list.total - (list.suggestions.length - shownCount));
}

/** The article's copies (its cluster's other articles), for the open article. */
export function selectCopies(s: Store): ClusterMember[] {
  const list = s.suggestionList;
  return list && list.articleId === s.article?.id ? list.cluster : NO_COPIES;
}

function clip(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A suggestion in words, for the status bar: "ACTOR 'Kim Jong Un'". */
export function describeSuggestion(g: Suggestion): string {
  return `${g.label} '${clip(g.text)}'`;
}

/** Where it comes from, as the panel and the status bar say it. */
export function suggestionSources(g: Suggestion, cluster: readonly ClusterMember[]): string[] {
  return g.sources.map((src) =>
    src.kind === 'own'
      ? 'your label'
      : `from article ${cluster.find((m) => m.articleId === src.articleId)?.title ?? `#${src.articleId}`}`,
  );
}

/**
 * The list read, in text order, each suggestion the object already held when it is unchanged:
 * reading the list again after an edit then changes only the paragraphs whose suggestions did.
 */
function sameAsBefore(read: Suggestion[], previous: SuggestionListState | null): Suggestion[] {
  const out = read.map((g) => {
    const had = previous?.byId.get(g.id);
    return had && JSON.stringify(had.sources) === JSON.stringify(g.sources) ? had : g;
  });
  return out.sort(compareSpans);
}

/** "3 of 1,000 shown, 24,512 in the article" when not all are shown, else "3 of 12". */
export function countText(index: number, shownCount: number, total: number): string {
  const of = `${(index + 1).toLocaleString()} of ${shownCount.toLocaleString()}`;
  return total > shownCount ? `${of} shown, ${total.toLocaleString()} in the article` : of;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const createSuggestionsSlice: Slice<SuggestionsSlice> = (set, get) => {
  let loads = 0;
  let clock = 0;

  const hide = (ids: readonly string[]) => {
    const hidden = new Map(get().hiddenSuggestions);
    clock++;
    for (const id of ids) hidden.set(id, clock);
    set({ hiddenSuggestions: hidden });
  };
  const unhide = (ids: readonly string[]) => {
    const hidden = new Map(get().hiddenSuggestions);
    for (const id of ids) hidden.delete(id);
    set({ hiddenSuggestions: hidden });
  };
  const focus = (g: Suggestion | undefined) => {
    if (!g) return set({ suggestionFocus: null });
    const at = caretAt(g.start);
    set({ selection: at, selectedSpanId: null, spanPicked: false, suggestionFocus: { id: g.id, at } });
  };

  /** Writes through the save queue; on failure the hidden suggestions come back and it says why. */
  const write = async <T>(ids: readonly string[], verb: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await get().enqueueWrite(run);
    } catch (err) {
      unhide(ids);
      get().notify(`Could not ${verb}: ${message(err)}`);
      // An id no longer offered (accepted or labelled elsewhere): show what is offered now.
      if (err instanceof ApiError && err.code === 'NOT_FOUND') void get().loadSuggestions();
      return null;
    }
  };

  /** One history entry for a dismissal just written (nothing when it dismissed nothing). */
  const recordDismissal = (articleId: number, ids: string[], what: string) => {
    if (ids.length === 0) return;
    get().record({ kind: 'dismissal', articleId, ids, what });
    get().notify(`${sentence(what)}: not offered again (${shortcutText('undo')} takes it back)`);
  };

  return {
    suggestionList: null,
    hiddenSuggestions: new Map(),
    suggestionFocus: null,
    copiesFocusRequest: 0,
    loadSuggestions: async () => {
      const article = get().article;
      const annotatorId = get().session?.annotator?.id;
      if (!article || annotatorId === undefined) return;
      const seq = ++loads;
      const started = clock;
      await writesSettled();
      let list;
      try {
        // At most SUGGESTIONS_SHOWN, around the caret: where the person is working.
        const near = get().selection?.focus ?? 0;
        list = await call('listSuggestions', { articleId: article.id, limit: SUGGESTIONS_SHOWN, near });
      } catch (err) {
        if (seq === loads) get().notify(`Suggestions could not be read: ${message(err)}`);
        return;
      }
      if (seq !== loads || get().article?.id !== article.id) return;
      const hidden = new Map([...get().hiddenSuggestions].filter(([, at]) => at > started));
      const previous = get().suggestionList;
      const suggestions = sameAsBefore(list.suggestions, previous?.articleId === article.id ? previous : null);
      const read: SuggestionListState = {
        annotatorId,
        articleId: article.id,
        suggestions,
        total: list.total,
        byId: new Map(suggestions.map((g) => [g.id, g])),
        cluster: list.cluster,
        index: list.index,
        // Until the copies' spans are read, what was known of them (the same article edited).
        copySpans: previous?.articleId === article.id ? previous.copySpans : new Map(),
      };
      set({ suggestionList: read, hiddenSuggestions: hidden });
      // Whether the person labelled each copy: read after the suggestions are drawn.
      try {
        const counts = await Promise.all(list.cluster.map((m) => call('listSpans', { articleId: m.articleId })));
        if (get().suggestionList !== read) return;
        set({
          suggestionList: { ...read, copySpans: new Map(list.cluster.map((m, i) => [m.articleId, counts[i]!.length])) },
        });
      } catch {
        // The copies stay listed without it; the next read tries again.
      }
    },
    focusSuggestion: (dir) => {
      const s = get();
      const list = selectVisibleSuggestions(s);
      if (list.length === 0) return s.notify('No suggestions in this article');
      const current = selectFocusedSuggestion(s);
      let index: number;
      if (current) index = (list.indexOf(current) + dir + list.length) % list.length;
      else {
        const caret = s.selection?.focus ?? 0;
        const after = list.findIndex((g) => g.start >= caret);
        index = dir === 1 ? (after < 0 ? 0 : after) : (after <= 0 ? list.length : after) - 1;
      }
      const g = list[index]!;
      focus(g);
      s.notify(
        `Suggestion ${countText(index, list.length, shownTotal(s, list.length))}: ${describeSuggestion(g)}, ${suggestionSources(g, selectCopies(s)).join(', ')}`,
      );
    },
    acceptSuggestion: async (id, options) => {
      const s = get();
      const article = s.article;
      if (!article || s.editingLocked()) return;
      const list = selectVisibleSuggestions(s);
      const at = list.findIndex((g) => g.id === id);
      if (at < 0) return;
      const g = list[at]!;
      hide([id]);
      if (options?.focusNext) focus(list[at + 1]);
      const batch = await write([id], 'accept the suggestion', () => call('acceptSuggestions', { ids: [id] }));
      if (batch) recordBatch(batch, `accepted ${describeSuggestion(g)}`);
    },
    acceptAllSuggestions: async () => {
      const s = get();
      const article = s.article;
      if (!article || s.editingLocked()) return;
      const ids = selectVisibleSuggestions(s).map((g) => g.id);
      if (ids.length === 0) return s.notify('No suggestions to accept in this article');
      hide(ids);
      set({ suggestionFocus: null });
      const batch = await write(ids, 'accept the suggestions', () =>
        call('acceptSuggestions', { articleId: article.id }),
      );
      if (batch) {
        const n = batch.spans.length;
        recordBatch(batch, `accepted ${n} suggestion${n === 1 ? '' : 's'}`);
      }
    },
    dismissSuggestion: async (id) => {
      const s = get();
      const list = selectVisibleSuggestions(s);
      const at = list.findIndex((g) => g.id === id);
      if (at < 0 || s.editingLocked()) return;
      const wasFocused = selectFocusedSuggestion(s)?.id === id;
      hide([id]);
      if (wasFocused) focus(list[at + 1]);
      const done = await write([id], 'dismiss the suggestion', () => call('dismissSuggestions', { ids: [id] }));
      if (done) recordDismissal(s.article!.id, done.ids, `dismissed ${describeSuggestion(list[at]!)}`);
    },
    dismissAllSuggestions: async () => {
      const s = get();
      const article = s.article;
      if (!article || s.editingLocked()) return;
      const ids = selectVisibleSuggestions(s).map((g) => g.id);
      if (ids.length === 0) return s.notify('No suggestions to dismiss in this article');
      hide(ids);
      set({ suggestionFocus: null });
      const done = await write(ids, 'dismiss the suggestions', () =>
        call('dismissSuggestions', { articleId: article.id }),
      );
      if (done) {
        const n = done.dismissed;
        recordDismissal(article.id, done.ids, `dismissed ${n.toLocaleString()} suggestion${n === 1 ? '' : 's'}`);
      }
    },
    replayDismissal: async (entry, verb) => {
      if (get().article?.id !== entry.articleId) await get().openArticle(entry.articleId);
      if (verb === 'Redid') hide(entry.ids);
      try {
        await get().enqueueWrite(async () => {
          if (verb === 'Undid') await call('undismissSuggestions', { ids: entry.ids });
          else await call('dismissSuggestions', { ids: entry.ids });
        });
      } catch (err) {
        // It did not happen: nothing to take back or bring back later either.
        get().forget(entry);
        if (verb === 'Redid') unhide(entry.ids);
        get().notify(`Could not ${verb === 'Undid' ? 'undo' : 'redo'} ${entry.what}: ${message(err)}`);
        return get().loadSuggestions();
      }
      // Shown again at once where the list still holds them; the list read again holds the rest.
      if (verb === 'Undid') unhide(entry.ids);
      get().notify(`${verb}: ${entry.what}`);
      await get().loadSuggestions();
    },
    acceptSuggestionAt: (offset) => {
      const s = get();
      if (spansAt(s.spans, offset).length) return false;
      const [g] = spansAt(selectVisibleSuggestions(s), offset);
      if (!g) return false;
      void s.acceptSuggestion(g.id);
      return true;
    },
    focusCopies: () => set((s) => ({ sidePanelOpen: true, copiesFocusRequest: s.copiesFocusRequest + 1 })),
  };
};
