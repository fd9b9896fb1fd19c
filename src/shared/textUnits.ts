// The units an annotator selects or jumps by in news text, beyond words: sentences (by
// Intl.Segmenter), clauses (a sentence cut at its commas, semicolons, colons, dashes and
// brackets), quotations (between paired quote marks, straight or curly) and paragraphs. All
// in UTF-16 offsets over the verbatim article text; none crosses a line break.
import type { Range } from './text';

const LINE_BREAK = /[\r\n]/;

/** The paragraph (run between line breaks) holding offset i; at a break, the one it ends. */
export function paragraphAt(text: string, i: number): Range {
  let start = Math.max(0, Math.min(i, text.length));
  let end = start;
  while (start > 0 && !LINE_BREAK.test(text[start - 1]!)) start--;
  while (end < text.length && !LINE_BREAK.test(text[end]!)) end++;
  return { start, end };
}

/** White space (and, with `punct`, the given punctuation) trimmed from both ends. */
function trim(text: string, r: Range, punct = ''): Range {
  let { start, end } = r;
  const edge = (c: string) => /\s/.test(c) || punct.includes(c);
  while (start < end && edge(text[start]!)) start++;
  while (end > start && edge(text[end - 1]!)) end--;
  return { start, end };
}

let segmenter: Intl.Segmenter | null = null;

/** The sentences of the paragraph holding offset i, trimmed, in order. */
export function sentencesAround(text: string, i: number): Range[] {
  const para = paragraphAt(text, i);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const out: Range[] = [];
  for (const seg of segmenter.segment(text.slice(para.start, para.end))) {
    const r = trim(text, { start: para.start + seg.index, end: para.start + seg.index + seg.segment.length });
    if (r.end > r.start) out.push(r);
  }
  return out;
}

/** The sentence holding offset i (a caret just after a sentence belongs to it). */
export function sentenceAt(text: string, i: number): Range | null {
  const sentences = sentencesAround(text, i);
  return sentences.find((s) => i >= s.start && i < s.end) ?? sentences.find((s) => i === s.end) ?? null;
}

/** Start of the next sentence after offset i, across paragraphs; the text's end after the last. */
export function nextSentenceStart(text: string, i: number): number {
  for (let p = i; p < text.length;) {
    const next = sentencesAround(text, p).find((s) => s.start > i);
    if (next) return next.start;
    p = paragraphAt(text, p).end + 1;
  }
  return text.length;
}

/** Start of the sentence before offset i (or of the one i is inside, when not at its start). */
export function prevSentenceStart(text: string, i: number): number {
  for (let p = i; p >= 0;) {
    const prev = sentencesAround(text, p).filter((s) => s.start < i);
    if (prev.length) return prev.at(-1)!.start;
    p = paragraphAt(text, p).start - 1;
  }
  return 0;
}

/** Start of the next paragraph after offset i; the text's end after the last. */
export function nextParagraphStart(text: string, i: number): number {
  let p = paragraphAt(text, i).end;
  while (p < text.length && /\s/.test(text[p]!)) p++;
  return p;
}

/** Start of the paragraph holding i when i is inside it, else of the one before. */
export function prevParagraphStart(text: string, i: number): number {
  const here = paragraphAt(text, i).start;
  if (here < i) return here;
  let p = here - 1;
  while (p > 0 && /\s/.test(text[p]!)) p--;
  return p <= 0 ? 0 : paragraphAt(text, p).start;
}

const CLAUSE_BREAK = /[,;:—–()[\]“”"«»„]/;
/** Punctuation a clause does not start or end with. */
const CLAUSE_EDGE = ',;:—–()[]“”"«»„.!?…‘’\'-';

/**
 * The clause holding offset i: the stretch of its sentence between the nearest clause marks
 * (commas, semicolons, colons, dashes, brackets, quote marks), without the marks. A caret on a
 * mark belongs to the clause that ends there.
 */
export function clauseAt(text: string, i: number): Range | null {
  const sentence = sentenceAt(text, i);
  if (!sentence) return null;
  let at = Math.min(i, sentence.end - 1);
  while (at > sentence.start && (CLAUSE_BREAK.test(text[at]!) || /\s/.test(text[at]!))) at--;
  let start = at;
  while (start > sentence.start && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  let end = at;
  while (end < sentence.end && !CLAUSE_BREAK.test(text[end]!)) end++;
  const r = trim(text, { start, end }, CLAUSE_EDGE);
  return r.end > r.start ? r : null;
}

/** Opening quote marks and what closes them. A straight " closes itself. */
const CLOSERS: Record<string, string> = { '“': '”', '"': '"', '„': '“”', '«': '»', '‘': '’' };

/** Quoted stretches of a paragraph, as the ranges of their marks (opening mark to closing mark). */
function quotations(text: string, para: Range): Range[] {
  const out: Range[] = [];
  const open: { at: number; closers: string }[] = [];
  for (let p = para.start; p < para.end; p++) {
    const c = text[p]!;
    const top = open.at(-1);
    // ’ between letters is an apostrophe, never a closing mark.
    const apostrophe = c === '’' && /\p{L}/u.test(text[p - 1] ?? '') && /\p{L}/u.test(text[p + 1] ?? '');
    if (top && top.closers.includes(c) && !apostrophe) {
      open.pop();
      out.push({ start: top.at, end: p + 1 });
    } else if (c in CLOSERS && !(c === '‘' && /\p{L}/u.test(text[p - 1] ?? ''))) {
      open.push({ at: p, closers: CLOSERS[c]! });
    }
  }
  // A quotation left open runs to the paragraph's end (news quotes that continue below).
  for (const o of open) out.push({ start: o.at, end: para.end });
  return out;
}

/**
 * The content of the innermost quotation around `range` (between its quote marks, without
 * white space or a trailing comma, semicolon or colon), or null when the range is not quoted.
 * When `range` already is that content, the next enclosing quotation.
 */
export function quotationAround(text: string, range: Range): Range | null {
  const para = paragraphAt(text, range.start);
  const content = (q: Range) => trim(text, { start: q.start + 1, end: q.end }, ',;:”"»’“');
  const around = quotations(text, para)
    .filter((q) => q.start < range.start + (range.start === range.end ? 0 : 1) && q.end >= range.end)
    .map(content)
    .filter((c) => c.end > c.start && !(c.start === range.start && c.end === range.end))
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  return around[0] ?? null;
}
