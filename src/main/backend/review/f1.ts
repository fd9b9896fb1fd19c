// Span F1 between two layers: exact (same start, end and label; counted in confusion.ts as
// the diagonal of the extent-by-extent comparison) and relaxed (a maximum one-to-one
// matching of same-label spans that share at least one code point).
import type { F1Count } from '../../../shared/review';
export type { F1Count } from '../../../shared/review';
import { maxMatching } from './matching';
import { overlaps, type ReviewSpan } from './model';

/** F1 = 2·matches / (|A| + |B|); null where both layers are empty. */
export function f1(c: F1Count): number | null {
  const n = c.a_spans + c.b_spans;
  return n === 0 ? null : (2 * c.matches) / n;
}

export function emptyCount(): F1Count {
  return { matches: 0, a_spans: 0, b_spans: 0 };
}

export function addCount(to: F1Count, c: F1Count): void {
  to.matches += c.matches;
  to.a_spans += c.a_spans;
  to.b_spans += c.b_spans;
}

/** Size of a maximum one-to-one matching of same-label spans that overlap. */
export function overlapMatches(a: readonly ReviewSpan[], b: readonly ReviewSpan[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length === 1 || b.length === 1) {
    // One span on a side: the matching is 1 when it overlaps any same-label span.
    const [one, many] = a.length === 1 ? [a[0]!, b] : [b[0]!, a];
    return many.some((t) => t.label === one.label && overlaps(one, t)) ? 1 : 0;
  }
  const bs = [...b].sort((x, y) => x.start - y.start || x.end - y.end);
  // b sorted by start: the candidates for a span end before the first b starting at its end.
  // When no two spans of a share a candidate and each has at most one, that is the matching.
  const adj: number[][] = [];
  const taken = new Uint8Array(bs.length);
  let simple = true;
  let size = 0;
  for (const s of a) {
    const out: number[] = [];
    for (let j = 0; j < bs.length && bs[j]!.start < s.end; j++) {
      const t = bs[j]!;
      if (t.label === s.label && overlaps(s, t)) out.push(j);
    }
    adj.push(out);
    if (out.length > 1 || (out.length === 1 && taken[out[0]!])) simple = false;
    else if (out.length === 1) {
      taken[out[0]!] = 1;
      size++;
    }
  }
  return simple ? size : maxMatching(adj, bs.length);
}
