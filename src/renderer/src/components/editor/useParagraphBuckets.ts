import { useMemo } from 'react';
import type { Range } from '../../../../shared/text';
import { bucketByParagraph, paragraphsOf, type MarkSpan } from '../../lib/marks';
import { changedSpans, compareSpans, MAX_CHANGED } from '../../lib/spanOrder';

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
