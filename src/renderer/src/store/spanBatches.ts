// Bulk span writes in the window: a batch the backend wrote (every occurrence of a text,
// accepted suggestions) is shown as one change and is one entry of the history, which one
// Ctrl+Z takes back in every article it touched (undoSpanBatch) and Ctrl+Shift+Z brings back
// (redoSpanBatch). The backend says which spans each step changed: a span of the batch deleted
// by hand since stays deleted through both, and the screen shows exactly what was changed.
import type { SpanBatch } from '../../../shared/across';
import type { Span } from '../../../shared/model';
import { call } from '../api';
import { sortSpans } from '../lib/spanOrder';
import { clip, flashOf } from './edits';
import type { BatchEntry } from './history';
import { caretAt } from './selection';
import type { Slice } from './types';

export interface SpanBatchesSlice {
  /** Records a batch just written, shows its spans and names it in the status bar. */
  recordSpanBatch(batch: SpanBatch, what: string): void;
  /** Undoes or redoes a batch: every article it touched, in one step. */
  replayBatch(entry: BatchEntry, verb: 'Undid' | 'Redid'): Promise<void>;
}

/** "labelled 3 …" → "Labelled 3 …". */
/** "labelled 3 hits…" as the status bar's sentence: "Labelled 3 hits…". */
export const sentence = (what: string) => what.charAt(0).toUpperCase() + what.slice(1);

export const createSpanBatchesSlice: Slice<SpanBatchesSlice> = (set, get) => {
  /** The open article's spans, its list rows and the progress, after `changed` were added or removed. */
  const show = (changed: readonly Span[], added: boolean) => {
    const { article, spans, listRows } = get();
    const perArticle = new Map<number, number>();
    for (const s of changed) perArticle.set(s.articleId, (perArticle.get(s.articleId) ?? 0) + 1);
    if (article && perArticle.has(article.id)) {
      const ids = new Set(changed.map((s) => s.id));
      const kept = spans.filter((s) => !ids.has(s.id));
      const next = added ? sortSpans([...kept, ...changed.filter((s) => s.articleId === article.id)]) : kept;
      const status = added && article.status === 'todo' ? 'in_progress' : article.status;
      set({
        spans: next,
        editCount: get().editCount + 1,
        article: status === article.status ? article : { ...article, status },
        selectedSpanId: next.some((s) => s.id === get().selectedSpanId) ? get().selectedSpanId : null,
      });
    }
    for (const [id, n] of perArticle) {
      const row = listRows.byArticle(id);
      if (!row) continue;
      const open = get().article;
      get().patchListItem(id, {
        spanCount: open?.id === id ? get().spans.length : Math.max(0, row.spanCount + (added ? n : -n)),
        status: added && row.status === 'todo' ? 'in_progress' : row.status,
      });
    }
    // A first span moves an article from to-do to in progress; the counts are the backend's.
    get()
      .refreshProgress()
      .catch(() => undefined);
  };

  return {
    recordSpanBatch: (batch, what) => {
      if (batch.batch === 0 || batch.spans.length === 0) return;
      get().record({ kind: 'batch', batch: batch.batch, what, spans: batch.spans });
      show(batch.spans, true);
      get().notify(sentence(what));
    },
    replayBatch: async (entry, verb) => {
      get().dismissOccurrenceOffer();
      let changed: Span[];
      try {
        changed = await get().enqueueWrite(() =>
          call(verb === 'Undid' ? 'undoSpanBatch' : 'redoSpanBatch', { batch: entry.batch }),
        );
      } catch (err) {
        // It did not happen: nothing to take back or bring back later either.
        get().forget(entry);
        get().notify(
          `Could not ${verb === 'Undid' ? 'undo' : 'redo'} ${entry.what}: ${err instanceof Error ? err.message : String(err)}`,
        );
        return get().resyncSpans();
      }
      // As one edit's undo opens its article: the open article when the batch touched it,
      // else the first article it touched (where the labelling started).
      const open = get().article?.id;
      const first = entry.spans[0]!;
      if (!entry.spans.some((s) => s.articleId === open)) await get().openArticle(first.articleId);
      show(changed, verb === 'Redid');
      const article = get().article;
      const here = entry.spans.find((s) => s.articleId === article?.id);
      if (here) set({ flash: flashOf(here), selection: caretAt(verb === 'Undid' ? here.start : here.end) });
      const articles = new Set(entry.spans.map((s) => s.articleId)).size;
      const where = articles > 1 ? ` (${articles} articles)` : article ? ` in ${clip(article.title, 48)}` : '';
      get().notify(`${verb}: ${entry.what}${where}`);
    },
  };
};
