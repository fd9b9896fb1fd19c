// The one door for a bulk span write into the window's history: whatever wrote a batch (every
// occurrence, accepted suggestions, a search result list labelled at once) records it here, and
// Ctrl+Z / Ctrl+Shift+Z then take it back and bring it back in one step (spanBatches.ts).
import type { SpanBatch } from '../../../shared/across';
import { useStore } from '.';

/**
 * Records a batch just written (its spans are shown at once: the open article, the list rows,
 * the progress) as one history entry; `what` names it in the status bar, e.g. "labelled 12
 * occurrences of 'Kim Jong Un' as ACTOR". A batch that wrote nothing records nothing.
 */
export function recordBatch(batch: SpanBatch, what: string): void {
  useStore.getState().recordSpanBatch(batch, what);
}
