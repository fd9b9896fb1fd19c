// The centre column in review mode: the toolbar (merge policy, adjudicate), the lanes' legend
// and the article with every layer, or what to do when the queue is empty.
import { useStore } from '../../store';
import { LaneLegend } from './LaneLegend';
import { PolicyBar } from './PolicyBar';
import { ReviewText } from './ReviewText';
import './review.css';

export function ReviewView() {
  const review = useStore((s) => s.review);
  const queue = useStore((s) => s.queue);
  return (
    <main className="editor review-view" data-testid="review-view">
      <PolicyBar />
      {review ? (
        <>
          <LaneLegend />
          <ReviewText />
        </>
      ) : queue && queue.items.length === 0 ? (
        <div className="empty-state" data-testid="review-empty">
          <h2>Nothing to review yet</h2>
          <p>
            An article comes to review once two or more annotators have marked it done. Merge their work packs into this
            project first (<code>spanwise merge</code>).
          </p>
        </div>
      ) : (
        <div className="empty-state">Loading…</div>
      )}
    </main>
  );
}
