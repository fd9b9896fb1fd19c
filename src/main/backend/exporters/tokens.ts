// Token classification needs flat, non-overlapping spans over tokens. Overlaps are resolved
// by keeping the largest possible set of spans (earliest-end greedy: provably the fewest
// drops), and tokens are cut at every kept span boundary so that no span is lost to a
// tokenizer that disagrees with the annotator. Tokens are Unicode words (Intl.Segmenter, so
// Chinese and Thai are split into words too) and single other characters; sentences, for
// CoNLL's blank lines, are Intl.Segmenter's sentences.
import type { ExportSpan } from './select';

export interface Token {
  start: number;
  end: number;
}

// One fixed locale: the same text gives the same tokens on every machine.
const WORDS = new Intl.Segmenter('en', { granularity: 'word' });
const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });
const SPACE = /\s/u;
const NOT_SPACE = /\S+/gu;

// A fast path with the segmenter's own results, ~5x faster: in text made only of ASCII, Latin
// letters and common quotes and dashes, Unicode word boundaries (UAX #29 as ICU applies them)
// reduce to this expression: letters joined by . : ' ’ ‘ between letters, digits joined by
// . , ; ' ’ ‘ between digits, _ joining anything; every other visible character alone.
// (A unit test checks it against Intl.Segmenter on every such character in many contexts.)
const LETTER = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const FAST_TOKEN = new RegExp(
  `(?:[${LETTER}](?:[.:'\\u2018\\u2019](?=[${LETTER}]))?|[0-9](?:[.,;'\\u2018\\u2019](?=[0-9]))?|_)+|\\S`,
  'gu',
);
const SIMPLE =
  '\\t\\n\\v\\f\\r\\x20-\\x7E\\u00A0\\u00A1\\u00AB\\u00BB\\u00BF\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F' +
  '\\u2013\\u2014\\u2018\\u2019\\u201C\\u201D\\u2026';
const NOT_SIMPLE = new RegExp(`[^${SIMPLE}]`, 'gu');

/** Word boundaries never join across these (UAX #29: spaces and line breaks). */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

type Emit = (start: number, end: number) => void;

function fastRange(text: string, from: number, to: number, emit: Emit): void {
  FAST_TOKEN.lastIndex = from;
  for (let m = FAST_TOKEN.exec(text); m && m.index < to; m = FAST_TOKEN.exec(text)) {
    emit(m.index, m.index + m[0].length);
  }
}

function segmenterRange(text: string, from: number, to: number, emit: Emit): void {
  for (const { segment, index } of WORDS.segment(text.slice(from, to))) {
    if (!SPACE.test(segment)) {
      emit(from + index, from + index + segment.length);
      continue;
    }
    // White space, or a mark that clings to it: only the visible part is a token.
    NOT_SPACE.lastIndex = 0;
    for (let m = NOT_SPACE.exec(segment); m; m = NOT_SPACE.exec(segment)) {
      emit(from + index + m.index, from + index + m.index + m[0].length);
    }
  }
}

/** Stretches of plain text shorter than this between others go to the segmenter with them. */
const MERGE = 256;

/** The text's words and other visible characters, in order (Intl.Segmenter's word boundaries). */
export function words(text: string, emit: Emit): void {
  const spaceAfter = (i: number) => {
    let e = i;
    while (e < text.length && !isAsciiSpace(text.charCodeAt(e))) e++;
    return e;
  };
  NOT_SIMPLE.lastIndex = 0;
  let from = 0;
  for (let m = NOT_SIMPLE.exec(text); m; m = NOT_SIMPLE.exec(text)) {
    // The segmenter reads the stretch between spaces around this character, and around the
    // next ones while they are close (one segmenter call per stretch is what costs).
    let s = m.index;
    while (s > from && !isAsciiSpace(text.charCodeAt(s - 1))) s--;
    let e = spaceAfter(m.index + 1);
    for (;;) {
      NOT_SIMPLE.lastIndex = e;
      const next = NOT_SIMPLE.exec(text);
      if (!next || next.index - e > MERGE) break;
      e = spaceAfter(next.index + 1);
    }
    fastRange(text, from, s, emit);
    segmenterRange(text, s, e, emit);
    from = e;
    NOT_SIMPLE.lastIndex = e;
  }
  fastRange(text, from, text.length, emit);
}

/** Tokens of the text in UTF-16 offsets, cut at the given boundaries. */
export function tokenize(text: string, cuts: readonly number[] = []): Token[] {
  const tokens: Token[] = [];
  const sorted = cuts.length > 1 ? [...new Set(cuts)].sort((a, b) => a - b) : cuts;
  let c = 0;
  words(text, (from, end) => {
    let start = from;
    while (c < sorted.length && sorted[c]! <= start) c++;
    while (c < sorted.length && sorted[c]! < end) {
      tokens.push({ start, end: sorted[c]! });
      start = sorted[c]!;
      c++;
    }
    tokens.push({ start, end });
  });
  return tokens;
}

/** UTF-16 offsets where a sentence starts (after the first), in order. */
export function sentenceStarts(text: string): number[] {
  const starts: number[] = [];
  for (const { index } of SENTENCES.segment(text)) if (index > 0) starts.push(index);
  return starts;
}

export type DropReason =
  | 'nested inside another span'
  | 'contains other spans'
  | 'same range as another span'
  | 'crosses another span'
  | 'covers only white space';

export type ChangeReason = 'trimmed: white space at its edges is in no token';

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
  /** Spans carried, but over fewer characters than they cover. */
  changed: { span: ExportSpan; reason: ChangeReason }[];
}

/** BIO tags for the text's tokens from the layer's spans (overlaps resolved, losses listed). */
export function bioTags(text: string, spans: readonly ExportSpan[]): Tagged {
  const { kept, dropped } = resolveOverlaps(spans);
  const cuts: number[] = [];
  for (const s of kept) cuts.push(s.start, s.end);
  const tokens = tokenize(text, cuts);
  const tags = new Array<string>(tokens.length).fill('O');
  const changed: Tagged['changed'] = [];
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
    else if (tokens[t]!.start !== s.start || tokens[k - 1]!.end !== s.end) {
      changed.push({ span: s, reason: 'trimmed: white space at its edges is in no token' });
    }
  }
  return { tokens, tags, dropped, changed };
}
