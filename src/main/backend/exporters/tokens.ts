// Token classification needs flat, non-overlapping spans over tokens. Overlaps are resolved
// by keeping the largest possible set of spans (earliest-end greedy: provably the fewest
// drops), and tokens are cut at every kept span boundary so that no span is lost to a
// tokenizer that disagrees with the annotator.
import type { ExportSpan } from './select';

export interface Token {
  start: number;
  end: number;
}

/** Words (letters, digits, marks; joined by inner apostrophes, hyphens, dots) and single other characters. */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Pc}]+(?:['’\-‐][\p{L}\p{N}\p{M}\p{Pc}]+)*|\S/gu;

/** Tokens of the text in UTF-16 offsets, cut at the given boundaries. */
export function tokenize(text: string, cuts: readonly number[] = []): Token[] {
  const tokens: Token[] = [];
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  let c = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let start = m.index;
    const end = start + m[0].length;
    while (c < sorted.length && sorted[c]! <= start) c++;
    while (c < sorted.length && sorted[c]! < end) {
      tokens.push({ start, end: sorted[c]! });
      start = sorted[c]!;
      c++;
    }
    tokens.push({ start, end });
  }
  return tokens;
}

export type DropReason =
  | 'nested inside another span'
  | 'contains other spans'
  | 'same range as another span'
  | 'crosses another span'
  | 'covers only white space';

export interface Resolution {
  kept: ExportSpan[];
  dropped: { span: ExportSpan; reason: DropReason }[];
}

/** The largest set of pairwise non-overlapping spans, and why each other span was dropped. */
export function resolveOverlaps(spans: readonly ExportSpan[]): Resolution {
  const order = [...spans].sort((a, b) => a.end - b.end || a.start - b.start || (a.label < b.label ? -1 : 1));
  const kept: ExportSpan[] = [];
  const rest: ExportSpan[] = [];
  let lastEnd = -1;
  for (const s of order) {
    if (s.start >= lastEnd) {
      kept.push(s);
      lastEnd = s.end;
    } else rest.push(s);
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const dropped = rest.map((span) => {
    let reason: DropReason = 'crosses another span';
    for (const k of kept) {
      if (k.end <= span.start || k.start >= span.end) continue;
      if (k.start === span.start && k.end === span.end) reason = 'same range as another span';
      else if (k.start <= span.start && k.end >= span.end) reason = 'nested inside another span';
      else if (span.start <= k.start && span.end >= k.end) reason = 'contains other spans';
      else reason = 'crosses another span';
      break;
    }
    return { span, reason };
  });
  return { kept, dropped };
}

export interface Tagged {
  tokens: Token[];
  tags: string[];
  dropped: { span: ExportSpan; reason: DropReason }[];
}

/** BIO tags for the text's tokens from the layer's spans (overlaps resolved, losses listed). */
export function bioTags(text: string, spans: readonly ExportSpan[]): Tagged {
  const { kept, dropped } = resolveOverlaps(spans);
  const cuts: number[] = [];
  for (const s of kept) cuts.push(s.start, s.end);
  const tokens = tokenize(text, cuts);
  const tags = new Array<string>(tokens.length).fill('O');
  let t = 0;
  for (const s of kept) {
    while (t < tokens.length && tokens[t]!.end <= s.start) t++;
    let first = true;
    let k = t;
    while (k < tokens.length && tokens[k]!.start < s.end) {
      tags[k] = `${first ? 'B' : 'I'}-${s.label}`;
      first = false;
      k++;
    }
    if (first) dropped.push({ span: s, reason: 'covers only white space' });
  }
  return { tokens, tags, dropped };
}
