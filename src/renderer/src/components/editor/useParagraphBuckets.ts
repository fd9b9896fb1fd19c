import { useMemo } from 'react';
import type { Range } from '../../../../shared/text';
import { bucketByParagraph, paragraphsOf, type MarkSpan } from '../../lib/marks';
import { compareSpans } from '../../lib/spanOrder';

/** An edit changes a few spans; past this many the buckets are rebuilt whole. */
const MAX_CHANGED = 64;

/**
 * The spans in `prev` and not in `next` and the other way round, by identity: both are in
 * text order and an edit keeps every span it does not touch as the same object. A walk of
 * pointer comparisons, far cheaper than bucketing every span again; null past `limit`.
 */
export function changedSpans<S extends MarkSpan>(
  prev: readonly S[],
  next: readonly S[],
  limit: number,
): { removed: S[]; added: S[] } | null {
  const removed: S[] = [];
  const added: S[] = [];
  let i = 0;
  let j = 0;
  while (i < prev.length || j < next.length) {
    const a = prev[i];
    const b = next[j];
    if (a === b) {
      i++;
      j++;
      continue;
    }
    const order = a === undefined ? 1 : b === undefined ? -1 : compareSpans(a, b);
    if (order <= 0) removed.push(prev[i++]!);
    if (order >= 0) added.push(next[j++]!);
    if (removed.length + added.length > limit) return null;
  }
  return { removed, added };
}

/** Keeps the last buckets of one article's paragraphs, to hand back unchanged arrays. */
export class BucketCache<S extends MarkSpan> {
  private last: { spans: readonly S[]; buckets: S[][] } | null = null;
  constructor(private readonly paras: readonly Range[]) {}

  update(spans: readonly S[]): S[][] {
    const prev = this.last;
    const change = prev ? changedSpans(prev.spans, spans, MAX_CHANGED) : null;
    const buckets = prev && change ? this.patch(prev.buckets, change) : bucketByParagraph(this.paras, spans);
    this.last = { spans, buckets };
    return buckets;
  }

  /** The previous buckets with only the paragraphs the changed spans touch made anew. */
  private patch(buckets: S[][], { removed, added }: { removed: S[]; added: S[] }): S[][] {
    if (removed.length === 0 && added.length === 0) return buckets;
    const out = buckets.slice();
    const gone = new Set(removed);
    const touched = new Set<number>();
    for (const span of [...removed, ...added]) {
      const { from, to } = paragraphsOf(this.paras, span);
      for (let i = from; i < to; i++) touched.add(i);
    }
    for (const i of touched) {
      const para = this.paras[i]!;
      const kept = out[i]!.filter((s) => !gone.has(s));
      for (const s of added) if (s.start < para.end && s.end > para.start) kept.push(s);
      out[i] = kept.sort(compareSpans);
    }
    return out;
  }
}

/**
 * Spans (or suggestions) per paragraph, reusing the previous array for every paragraph whose
 * marks did not change, so that memoised paragraphs skip re-rendering after an edit elsewhere;
 * after an edit only the paragraphs it touches are bucketed again.
 */
export function useParagraphBuckets<S extends MarkSpan>(paras: readonly Range[], spans: readonly S[]): S[][] {
  const cache = useMemo(() => new BucketCache<S>(paras), [paras]);
  return useMemo(() => cache.update(spans), [cache, spans]);
}
