// The review queue in place of the article list: articles two or more annotators marked done,
// lowest agreement first, each with its open conflicts and progress; virtualised like the
// article list. Up/Down move, Enter opens.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { QUEUE_FILTERS, type QueueFilter } from '../../../../shared/review';
import { listKeyTarget } from '../../lib/listKeys';
import { useStore } from '../../store';
import { resolvedText } from '../../store/review';
import { ShownText } from '../text/ShownText';

const ROW_PX = 56;
const FILTER_TEXT: Record<QueueFilter, string> = { all: 'All', open: 'Open conflicts', adjudicated: 'Adjudicated' };

export function ReviewQueuePane() {
  const queue = useStore((s) => s.queue);
  const filter = useStore((s) => s.queueFilter);
  const loadQueue = useStore((s) => s.loadQueue);
  const openReview = useStore((s) => s.openReview);
  const exportDisagreements = useStore((s) => s.exportDisagreements);
  const currentId = useStore((s) => s.review?.id ?? null);
  const items = queue?.items ?? [];
  const progress = queue?.progress;
  const pct = progress && progress.conflicts ? Math.round((progress.resolved / progress.conflicts) * 100) : 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });

  // The cursor follows the article under review (J, Ctrl+Enter and Alt+↓ open others).
  const currentIndex = items.findIndex((i) => i.articleId === currentId);
  useEffect(() => {
    if (currentIndex < 0) return;
    setCursor(currentIndex);
    virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentIndex]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = listKeyTarget(e.key, cursor, items.length);
    if (target === null) return;
    e.preventDefault();
    e.stopPropagation();
    if (target === 'open') {
      const item = items[cursor];
      if (item) void openReview(item.articleId);
      return;
    }
    setCursor(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  return (
    <aside className="sidebar review-queue" aria-label="Review queue">
      <div className="sidebar-head">
        <div className="progress-label">
          <span data-testid="queue-progress">{progress ? resolvedText(progress) : '—'}</span>
          <span>{pct}%</span>
        </div>
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="progress-done" style={{ width: `${pct}%` }} />
        </div>
        <div className="filters" role="radiogroup" aria-label="Filter the queue">
          {QUEUE_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className={filter === f ? 'active' : ''}
              onClick={(e) => {
                e.currentTarget.blur();
                void loadQueue(f);
              }}
              data-testid={`queue-filter-${f}`}
            >
              {FILTER_TEXT[f]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="queue-export"
          onClick={(e) => {
            e.currentTarget.blur();
            void exportDisagreements();
          }}
          title="Every conflict of the set, with each annotator's version and the decision: JSONL or CSV"
          data-testid="export-disagreements"
        >
          Export disagreements…
        </button>
      </div>
      <div
        className="article-list"
        ref={scrollRef}
        tabIndex={0}
        role="listbox"
        aria-label="Articles to review"
        aria-activedescendant={items.length ? `queue-row-${cursor}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="review-queue"
      >
        {queue && items.length === 0 ? (
          <div className="hint list-empty" data-testid="queue-empty">
            {filter === 'all' ? (
              <>
                <p>No article has been marked done by two annotators yet.</p>
                <p>
                  Merge the annotators’ work packs first (<code>spanwise merge</code>): an article comes to review once
                  two or more of them have marked it done.
                </p>
              </>
            ) : (
              <p>No article {filter === 'open' ? 'has open conflicts' : 'is adjudicated'} yet.</p>
            )}
          </div>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            const current = item.articleId === currentId;
            return (
              <div
                key={v.key}
                id={`queue-row-${v.index}`}
                role="option"
                aria-selected={current}
                className={`article-row queue-row ${current ? 'current' : ''} ${v.index === cursor ? 'cursor' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_PX,
                  transform: `translateY(${v.start}px)`,
                }}
                onClick={() => {
                  setCursor(v.index);
                  void openReview(item.articleId);
                }}
                data-testid="queue-row"
                data-article={item.articleId}
              >
                <span
                  className="agreement"
                  title="Agreement: unanimous clusters / clusters"
                  data-testid="queue-agreement"
                >
                  {Math.round(item.agreement * 100)}%
                </span>
                <span className="row-main">
                  <span className="row-title">
                    <ShownText text={item.title} />
                  </span>
                  <span className="row-source" data-testid="queue-row-progress">
                    {item.openConflicts} open · {item.progress.resolved} of {item.progress.conflicts} resolved
                  </span>
                </span>
                {item.adjudicated ? (
                  <span
                    className="adjudicated-mark"
                    title="Adjudicated"
                    aria-label="Adjudicated"
                    data-testid="queue-adjudicated"
                  >
                    ✓
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </aside>
  );
}
