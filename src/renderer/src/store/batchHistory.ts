// A span batch (every hit of a search labelled, every occurrence, accepted suggestions) as one
// entry in the window's history: Ctrl+Z takes the whole batch back through undoSpanBatch,
// Ctrl+Shift+Z brings it back through redoSpanBatch, and the open article's spans, the list's
// rows and the progress are read again after each, since a batch reaches articles the window
// does not have open.
import type { SpanBatch } from '../../../shared/across';
import { call } from '../api';
import { useStore } from './index';
import type { Store } from './types';

/** The history entry of one batch; `what` is the status bar's text for it. */
export interface BatchEntry {
  kind: 'batch';
  batch: SpanBatch;
  what: string;
}

/** Records a batch that has just been written (nothing, when it wrote nothing), and shows it. */
export function recordBatch(batch: SpanBatch, what: string): void {
  if (batch.batch === 0) return;
  const s = useStore.getState();
  s.record({ kind: 'batch', batch, what });
  void refreshAfterBatch(() => useStore.getState(), batch);
}

/** Reads again what a batch changed: the open article's spans, the list's rows, the progress. */
export async function refreshAfterBatch(get: () => Store, batch: SpanBatch): Promise<void> {
  const open = get().article?.id;
  await Promise.all([
    open !== undefined && batch.spans.some((s) => s.articleId === open) ? get().reloadArticle() : undefined,
    get().reloadList(),
    get().refreshProgress(),
  ]);
}

/** Undo (or redo) of a batch entry: one call for the whole batch, then the screen follows. */
export async function replayBatch(get: () => Store, entry: BatchEntry, verb: 'Undid' | 'Redid'): Promise<void> {
  const method = verb === 'Undid' ? 'undoSpanBatch' : 'redoSpanBatch';
  try {
    await get().enqueueWrite(() => call(method, { batch: entry.batch.batch }));
  } catch {
    return; // the status bar shows the failed write
  }
  await refreshAfterBatch(get, entry.batch);
  get().notify(`${verb} ${entry.what}`);
}
