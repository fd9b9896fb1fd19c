// Text geometry shared by the editor and the backend: paragraphs and word boundaries, all
// in UTF-16 offsets over the verbatim article text.

export interface Range {
  start: number;
  end: number;
}

/** Non-empty runs of text between line breaks (\n, \r\n or \r). Offsets index the full text. */
export function paragraphs(text: string): Range[] {
  const out: Range[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (text.length > start) out.push({ start, end: text.length });
  return out;
}

/** A word character, as a regular expression's class. */
const WORD_CLASS = '[\\p{L}\\p{N}\\p{M}\\p{Pc}]';
/** Joiners (apostrophes, hyphens, dots): part of a word between two word characters. */
const JOINER_CLASS = "['’\\-‐.]";
const WORD = new RegExp(WORD_CLASS, 'u');
const JOINER = new RegExp(JOINER_CLASS, 'u');

/**
 * A word as isWordAt reads it, as a regular expression's source: word characters, joined by
 * single joiners between two of them. For finding words in one pass (with the `u` flag).
 */
export const WORD_RUN = `${WORD_CLASS}+(?:${JOINER_CLASS}${WORD_CLASS}+)*`;
/** Whether a text ends on a word character. */
export const ENDS_ON_WORD = new RegExp(`${WORD_CLASS}$`, 'u');

function charAt(text: string, i: number): string {
  // Code point at a UTF-16 index (whole surrogate pair where one starts).
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** A word character; joiners (apostrophes, hyphens, dots) count when between two word characters. */
export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = charAt(text, i);
  if (WORD.test(c)) return true;
  // Low surrogate half of an astral letter.
  if (i > 0 && /[\uDC00-\uDFFF]/.test(text[i]!) && WORD.test(charAt(text, i - 1))) return true;
  if (JOINER.test(c)) {
    return i > 0 && WORD.test(charAt(text, prevIndex(text, i))) && WORD.test(charAt(text, i + 1));
  }
  return false;
}

function prevIndex(text: string, i: number): number {
  if (i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]!) && /[\uD800-\uDBFF]/.test(text[i - 2]!)) {
    return i - 2;
  }
  return i - 1;
}

/**
 * A possessive clitic starts at i: an apostrophe (straight or curly) after a word character,
 * then `s` and the end of the word ("Ukraine’s", "Kim's"). Word stepping and snapping stop
 * before it, since news spans name the owner ("Ukraine") far more often than the possessive.
 * Only the possessive is treated so: contractions ("don't", "it'll") and names with an
 * apostrophe ("O'Brien") stay one word, and a plural possessive's trailing apostrophe
 * ("players'") is already outside the word.
 */
export function possessiveAt(text: string, i: number): boolean {
  const c = text[i];
  if (c !== "'" && c !== '’') return false;
  if (text[i + 1] !== 's' && text[i + 1] !== 'S') return false;
  return i > 0 && WORD.test(charAt(text, prevIndex(text, i))) && !isWordAt(text, i + 2);
}

/** Start of the word containing offset i (or i itself when i is not inside a word). */
export function wordStart(text: string, i: number): number {
  let s = i;
  while (s > 0 && isWordAt(text, s - 1) && (s === i || !possessiveAt(text, s))) s--;
  return s;
}

/** End of the word containing the character at i-1 (or i itself). */
export function wordEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && isWordAt(text, e) && (e === i || !possessiveAt(text, e))) e++;
  return e;
}

/**
 * Snap a selection to word edges: trim surrounding white space, then widen each boundary that
 * falls inside a word to that word's edge. Never narrows into a word.
 */
export function snapToWords(text: string, range: Range): Range {
  let start = Math.max(0, Math.min(range.start, range.end));
  let end = Math.min(text.length, Math.max(range.start, range.end));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start === end) return { start, end };
  // A boundary between the halves of a surrogate pair takes the whole character (as trimRange does).
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start]!) && /[\uD800-\uDBFF]/.test(text[start - 1]!)) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!) && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
  if (isWordAt(text, start) && isWordAt(text, start - 1) && !possessiveAt(text, start)) start = wordStart(text, start);
  if (isWordAt(text, end - 1) && isWordAt(text, end) && !possessiveAt(text, end)) end = wordEnd(text, end);
  return { start, end };
}

/** Trim white space only (character-precision mode), keeping surrogate pairs whole. */
export function trimRange(text: string, range: Range): Range {
  let start = Math.max(0, Math.min(range.start, range.end));
  let end = Math.min(text.length, Math.max(range.start, range.end));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
  return { start, end };
}

/** Offset of the next word boundary after i (ctrl/alt+arrow movement). */
export function nextWordBoundary(text: string, i: number): number {
  let p = i;
  while (p < text.length && !isWordAt(text, p)) p++;
  return wordEnd(text, p);
}

/** Offset of the previous word boundary before i. */
export function prevWordBoundary(text: string, i: number): number {
  let p = i;
  while (p > 0 && !isWordAt(text, p - 1)) p--;
  return wordStart(text, p);
}

/** Next offset one character to the right/left, never splitting a surrogate pair. */
export function stepChar(text: string, i: number, dir: 1 | -1): number {
  if (dir === 1) {
    if (i >= text.length) return text.length;
    const cp = text.codePointAt(i) ?? 0;
    return i + (cp > 0xffff ? 2 : 1);
  }
  if (i <= 0) return 0;
  return prevIndex(text, i);
}
