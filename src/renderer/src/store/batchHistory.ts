// A bulk span write (accepted suggestions, every occurrence of a text labelled) as one entry of
// the window's history: one undo takes the whole batch back (undoSpanBatch), one redo brings
// it back (redoSpanBatch), and the open article's spans, list rows and progress follow.
import type { SpanBatch } from '../../../shared/across';
import { call } from '../api';
import type { Store } from './types';

export interface BatchEntry {
  kind: 'batch';
  /** The batch's id in the project (SpanBatch.batch). */
  batch: number;
  /** The articles it wrote to. */
  articleIds: number[];
  /** What the status bar calls it: "accepted 12 suggestions". */
  what: string;
}

export function batchEntry(batch: SpanBatch, what: string): BatchEntry {
  return { kind: 'batch', batch: batch.batch, articleIds: [...new Set(batch.spans.map((s) => s.articleId))], what };
}

// recordBatch is called where the store's `get` is not at hand (components); the store says
// where to record (store/index.ts), so this module never imports the store (which imports it).
let recordInto: ((entry: BatchEntry) => void) | null = null;

/** Called once by the store: where recordBatch writes. */
export function bindBatchHistory(record: (entry: BatchEntry) => void): void {
  recordInto = record;
}

/** Records a batch that has just been written (nothing when it wrote no span). */
export function recordBatch(batch: SpanBatch, what: string): void {
  if (batch.batch === 0) return;
  recordInto?.(batchEntry(batch, what));
}

/**
 * Undoes or redoes a batch: opens its article first when it wrote to one article only, writes
 * through the save queue, then re-reads what changed. A write that fails leaves nothing to undo.
 */
export async function replayBatch(get: () => Store, entry: BatchEntry, verb: 'Undid' | 'Redid'): Promise<void> {
  const only = entry.articleIds.length === 1 ? entry.articleIds[0]! : null;
  if (only !== null && get().article?.id !== only) await get().openArticle(only);
  try {
    await get().enqueueWrite(() => call(verb === 'Undid' ? 'undoSpanBatch' : 'redoSpanBatch', { batch: entry.batch }));
  } catch {
    get().forget(entry);
    return get().resyncSpans();
  }
  const open = get().article;
  if (open && entry.articleIds.includes(open.id)) {
    await get().resyncSpans();
    get().patchListItem(open.id, { spanCount: get().spans.length });
  }
  // Rows of other articles are read again rather than patched: their counts are not at hand.
  if (entry.articleIds.some((id) => id !== open?.id)) await get().reloadList();
  await get().refreshProgress();
  get().notify(`${verb}: ${entry.what}`);
}
