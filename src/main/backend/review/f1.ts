// Span F1 between two layers: exact (same start, end and label) and relaxed (a maximum
// one-to-one matching of same-label spans that share at least one code point).
import { maxMatching } from './matching';
import { overlaps, type ReviewSpan } from './model';

/** What an F1 was computed over. */
export interface F1Count {
  matches: number;
  a_spans: number;
  b_spans: number;
}

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

function byExtent(x: ReviewSpan, y: ReviewSpan): number {
  return x.start - y.start || x.end - y.end;
}

/**
 * Spans of the same label in both lists with the same start and end, each used once (two
 * identical spans in one layer match two in the other, not one).
 */
export function exactMatches(a: readonly ReviewSpan[], b: readonly ReviewSpan[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const key = (s: ReviewSpan) => `${s.label}\u0000${s.start}\u0000${s.end}`;
  const counts = new Map<string, number>();
  for (const s of a) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  let n = 0;
  for (const s of b) {
    const k = key(s);
    const left = counts.get(k) ?? 0;
    if (left > 0) {
      n++;
      counts.set(k, left - 1);
    }
  }
  return n;
}

/** Size of a maximum one-to-one matching of same-label spans that overlap. */
export function overlapMatches(a: readonly ReviewSpan[], b: readonly ReviewSpan[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bs = [...b].sort(byExtent);
  // b sorted by start: the candidates for a span end before the first b starting at its end.
  const adj = a.map((s) => {
    const out: number[] = [];
    for (let j = 0; j < bs.length && bs[j]!.start < s.end; j++) {
      const t = bs[j]!;
      if (t.label === s.label && overlaps(s, t)) out.push(j);
    }
    return out;
  });
  return maxMatching(adj, bs.length);
}
