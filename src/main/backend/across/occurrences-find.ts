// Exact, word-bounded occurrences of a text in a text: what "label every occurrence" and the
// suggestions from a person's own labels both look for.
import type { TextRange } from '../../../shared/across';
import { isWordAt } from '../../../shared/text';

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** A matcher for `needle`: case-sensitive unless asked otherwise. */
export function matcher(needle: string, caseSensitive: boolean): RegExp {
  return new RegExp(needle.replace(SPECIAL, '\\$&'), caseSensitive ? 'gu' : 'giu');
}

/** Where `needle` occurs in `text` on word edges; case-sensitive by a plain search. */
export function occurrencesOf(text: string, needle: string, caseSensitive: boolean): TextRange[] {
  if (!caseSensitive) return wordBoundedMatches(text, matcher(needle, false));
  const out: TextRange[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (onWordEdges(text, at, at + needle.length)) out.push({ start: at, end: at + needle.length });
  }
  return out;
}

export function onWordEdges(text: string, start: number, end: number): boolean {
  return !(isWordAt(text, start) && isWordAt(text, start - 1)) && !(isWordAt(text, end - 1) && isWordAt(text, end));
}

/**
 * Where `re` matches in `text` on word edges: a match that starts or ends inside a word (by
 * the editor's word rule, so "Jong" is not found inside "Jong-un") is skipped.
 */
export function wordBoundedMatches(text: string, re: RegExp): TextRange[] {
  const out: TextRange[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      re.lastIndex++;
      continue;
    }
    if (!onWordEdges(text, start, end)) {
      re.lastIndex = start + 1;
      continue;
    }
    out.push({ start, end });
  }
  return out;
}
