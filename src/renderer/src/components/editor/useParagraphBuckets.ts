import { useMemo } from 'react';
import type { Range } from '../../../../shared/text';
import { bucketByParagraph, type MarkSpan } from '../../lib/marks';

function sameSpans(a: readonly MarkSpan[], b: readonly MarkSpan[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.labelId !== y.labelId) return false;
  }
  return true;
}

/** Keeps the last buckets of one article's paragraphs, to hand back unchanged arrays. */
class BucketCache<S extends MarkSpan> {
  private last: S[][] | null = null;
  constructor(private readonly paras: readonly Range[]) {}

  update(spans: readonly S[]): S[][] {
    const fresh = bucketByParagraph(this.paras, spans);
    const prev = this.last;
    if (prev) {
      for (let i = 0; i < fresh.length; i++) if (sameSpans(prev[i]!, fresh[i]!)) fresh[i] = prev[i]!;
    }
    this.last = fresh;
    return fresh;
  }
}

/**
 * Spans (or suggestions) per paragraph, reusing the previous array for every paragraph whose
 * marks did not change, so that memoised paragraphs skip re-rendering after an edit elsewhere.
 */
export function useParagraphBuckets<S extends MarkSpan>(paras: readonly Range[], spans: readonly S[]): S[][] {
  const cache = useMemo(() => new BucketCache<S>(paras), [paras]);
  return useMemo(() => cache.update(spans), [cache, spans]);
}
