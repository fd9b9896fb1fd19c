import { useMemo, useRef } from 'react';
import type { Span } from '../../../../shared/model';
import type { Range } from '../../../../shared/text';
import { bucketByParagraph } from '../../lib/marks';

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.labelId !== y.labelId) return false;
  }
  return true;
}

/**
 * Spans per paragraph, reusing the previous array for every paragraph whose spans did not
 * change, so that memoised paragraphs skip re-rendering after an edit elsewhere.
 */
export function useParagraphBuckets(paras: readonly Range[], spans: readonly Span[]): Span[][] {
  const previous = useRef<{ paras: readonly Range[]; buckets: Span[][] } | null>(null);
  return useMemo(() => {
    const fresh = bucketByParagraph(paras, spans);
    const prev = previous.current;
    if (prev && prev.paras === paras) {
      for (let i = 0; i < fresh.length; i++) {
        if (sameSpans(prev.buckets[i]!, fresh[i]!)) fresh[i] = prev.buckets[i]!;
      }
    }
    previous.current = { paras, buckets: fresh };
    return fresh;
  }, [paras, spans]);
}
