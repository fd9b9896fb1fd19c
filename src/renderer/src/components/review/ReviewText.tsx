// The article under review as virtualised paragraphs (as the editor draws them), every
// annotator's layer in its lane and gold above; the current cluster is tinted and kept in view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { paragraphs } from '../../../../shared/text';
import { bucketByParagraph, paragraphIndexAt } from '../../lib/marks';
import { afterPaint, measureWhenPainted } from '../../lib/perf';
import { useStore } from '../../store';
import { selectCluster } from '../../store/review';
import { ReviewParagraph, type LaneMark } from './ReviewParagraph';
import { LANE_PX } from './lanes';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';

function estimateHeight(length: number, lanes: number): number {
  return Math.max(1, Math.ceil(length / 70)) * (30 + lanes * LANE_PX) + 18;
}

const EMPTY: LaneMark[] = [];

export function ReviewText() {
  const review = useStore((s) => s.review);
  const cluster = useStore(selectCluster);
  const goldEdit = useStore((s) => s.goldEdit);
  const labels = useStore((s) => s.labels);
  const colors = useMemo(() => new Map(labels.map((l) => [l.name, l.color])), [labels]);
  const labelName = useMemo(() => new Map(labels.map((l) => [l.id, l.name])), [labels]);

  const text = review?.text ?? '';
  const paras = useMemo(() => paragraphs(text), [text]);
  const laneCount = review?.layers.length ?? 0;

  // Every layer's spans and gold, bucketed once per article (the edit is drawn separately).
  const buckets = useMemo(() => {
    if (!review) return [];
    const marks: LaneMark[] = [];
    review.layers.forEach((layer, lane) => {
      for (const s of layer.spans)
        marks.push({ id: s.id, start: s.start, end: s.end, labelId: 0, lane, label: s.label, who: layer.annotator });
    });
    for (const g of review.gold) {
      marks.push({
        id: `gold:${g.clusterId}`,
        start: g.start,
        end: g.end,
        labelId: 0,
        lane: -1,
        label: g.label,
        who: 'gold',
      });
    }
    marks.sort((a, b) => a.start - b.start);
    return bucketByParagraph(paras, marks);
  }, [review, paras]);

  const editMark: LaneMark | null = goldEdit
    ? { id: 'gold-edit', ...goldEdit, lane: -2, label: labelName.get(goldEdit.labelId) ?? '?', who: 'gold (editing)' }
    : null;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: paras.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateHeight(paras[i]!.end - paras[i]!.start, laneCount),
    overscan: 6,
    getItemKey: (i) => `${review?.id ?? 0}:${i}`,
  });

  useLayoutEffect(() => {
    measureWhenPainted('review-render');
    measureWhenPainted('review-open');
  }, [review]);
  useLayoutEffect(() => measureWhenPainted('review-next'), [cluster?.id, review]);

  const onPick = useCallback((offset: number) => {
    const s = useStore.getState();
    const here = s.review?.clusters
      .filter((c) => c.start <= offset && offset < c.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (here) s.selectCluster(here.id);
  }, []);

  // Keep the current cluster in view (J / K, opening an article, undo).
  const focus = cluster?.start;
  useEffect(() => {
    if (focus === undefined || paras.length === 0) return;
    const index = paragraphIndexAt(paras, focus);
    if (!virtualizer.getVirtualItems().some((v) => v.index === index)) {
      virtualizer.scrollToIndex(index, { align: 'center' });
    }
    afterPaint(() => {
      const scroller = scrollRef.current;
      const el = scroller?.querySelector<HTMLElement>('.cluster-start');
      if (!scroller || !el) return;
      const box = el.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      if (box.top < view.top || box.bottom > view.bottom) el.scrollIntoView({ block: 'center' });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, cluster?.id, paras]);

  if (!review) return null;
  const items = virtualizer.getVirtualItems();
  return (
    <div className="article-scroll review-scroll" ref={scrollRef} data-testid="review-scroll">
      <article className="article review-article" aria-label={visiblePlain(review.title)}>
        <header className="article-head">
          <h1 data-testid="review-title">
            <ShownText text={review.title} />
            {review.adjudicated ? (
              <span className="adjudicated-mark" data-testid="review-adjudicated" title="Adjudicated">
                {' '}
                ✓ adjudicated
              </span>
            ) : null}
          </h1>
        </header>
        {paras.length === 0 ? <p className="empty">This article has no text.</p> : null}
        <div
          className="article-text"
          data-testid="review-text"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((v) => {
            const para = paras[v.index]!;
            const touches = (r: { start: number; end: number } | null) =>
              r !== null && r.start < para.end && r.end > para.start;
            const clip =
              cluster && touches(cluster)
                ? { start: Math.max(cluster.start, para.start), end: Math.min(cluster.end, para.end) }
                : null;
            const bucket = buckets[v.index] ?? EMPTY;
            const marks = editMark && touches(editMark) ? [...bucket, editMark] : bucket;
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                className="para-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
              >
                <ReviewParagraph
                  index={v.index}
                  para={para}
                  text={text}
                  marks={marks}
                  laneCount={laneCount}
                  colors={colors}
                  cluster={clip}
                  onPick={onPick}
                />
              </div>
            );
          })}
        </div>
      </article>
    </div>
  );
}
