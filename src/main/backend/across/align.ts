// Projection of a labelled span from one sentence onto its copy in another article. The two
// sentences' tokens (words and punctuation marks, normalised) are aligned by a longest common
// subsequence (and blocks the copy moved elsewhere in the sentence), so an edited clause
// elsewhere in the sentence, other quote marks or other spacing leave the rest aligned. A span projects when it starts and ends on token edges, every
// word of it is aligned, and its words' partners are consecutive words of the copy; it lands
// on exactly those words (with the span's outer punctuation where the copy has it too). Any
// other case is refused with the reason.
import type { Token } from './normalize';

export type Projection = { start: number; end: number } | { refused: string };

/** A moved block counts from this many tokens in a row (fewer would pair stray common words). */
const MOVED_RUN = 3;

/**
 * Pairs [i, j] of aligned tokens: a longest common subsequence, then, among the tokens it left
 * out, blocks of MOVED_RUN tokens or more that the copy has in another order (a clause moved
 * to the front of the sentence). Sorted by i.
 */
export function alignTokens(a: readonly Token[], b: readonly Token[]): [number, number][] {
  const first = lcsPairs(a, b);
  const usedA = new Set(first.map(([i]) => i));
  const usedB = new Set(first.map(([, j]) => j));
  const restA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const restB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  const second = lcsPairs(
    restA.map((i) => a[i]!),
    restB.map((j) => b[j]!),
  ).map(([x, y]): [number, number] => [restA[x]!, restB[y]!]);
  const moved: [number, number][] = [];
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length >= MOVED_RUN) moved.push(...run);
    run = [];
  };
  for (const pair of second) {
    const prev = run[run.length - 1];
    if (prev && (pair[0] !== prev[0] + 1 || pair[1] !== prev[1] + 1)) flush();
    run.push(pair);
  }
  flush();
  return [...first, ...moved].sort((x, y) => x[0] - y[0]);
}

/** Pairs [i, j] of a longest common subsequence of a and b (by normalised form), in order. */
export function lcsPairs(a: readonly Token[], b: readonly Token[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // Suffix lengths: row i holds LCS(a[i..], b[j..]) for every j.
  const table = new Uint16Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] =
        a[i]!.norm === b[j]!.norm
          ? table[(i + 1) * w + j + 1]! + 1
          : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.norm === b[j]!.norm && table[i * w + j] === table[(i + 1) * w + j + 1]! + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Projects the span [start, end) of the source sentence's tokens onto the copy's tokens.
 * `source` and `copy` are the tokens of the two sentences (verbatim offsets of their articles).
 */
export function project(source: readonly Token[], copy: readonly Token[], start: number, end: number): Projection {
  const first = source.findIndex((t) => t.end > start);
  if (first < 0 || source[first]!.start !== start) return { refused: 'the span does not start at a word' };
  let last = first;
  while (last + 1 < source.length && source[last + 1]!.start < end) last++;
  if (source[last]!.end !== end) return { refused: 'the span does not end at a word' };
  const partner = new Map<number, number>();
  for (const [i, j] of alignTokens(source, copy)) partner.set(i, j);
  const words: number[] = [];
  for (let i = first; i <= last; i++) {
    if (!source[i]!.word) continue;
    const j = partner.get(i);
    if (j === undefined) return { refused: `"${source[i]!.norm}" is not in the copy` };
    words.push(j);
  }
  if (words.length === 0) return { refused: 'the span has no words' };
  // The partners must be consecutive words of the copy: no word of the copy inside the span
  // that the source lacks.
  for (let k = 1; k < words.length; k++) {
    for (let j = words[k - 1]! + 1; j < words[k]!; j++) {
      if (copy[j]!.word) return { refused: `the copy has "${copy[j]!.norm}" inside the span` };
    }
  }
  let from = words[0]!;
  let to = words[words.length - 1]!;
  // The span's outer punctuation (a quotation's marks) comes along when the copy has all of
  // it right beside the words; otherwise the projection holds the words alone, never half a
  // quotation.
  const words0 = from;
  const words1 = to;
  let lead = first;
  while (!source[lead]!.word) lead++;
  for (let i = lead - 1; i >= first && partner.get(i) === from - 1; i--) from--;
  let trail = last;
  while (!source[trail]!.word) trail--;
  for (let i = trail + 1; i <= last && partner.get(i) === to + 1; i++) to++;
  if (words0 - from !== lead - first || to - words1 !== last - trail) {
    from = words0;
    to = words1;
  }
  return { start: copy[from]!.start, end: copy[to]!.end };
}
