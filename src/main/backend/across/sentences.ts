// Sentences of an article (Intl.Segmenter, so abbreviations and quotes follow Unicode's rules;
// a line break always ends a sentence), each as a trimmed verbatim range.
import { upperBound } from '../../../shared/lowerBound';

export interface Range {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/**
 * Titles and abbreviations that end in a dot without ending a sentence; the segmenter breaks
 * after them ("Mr. | Kim"), so a sentence ending in one is joined to the next on its line.
 */
const ABBREVIATION =
  /(?:^|[\s("'“‘])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Adm|Sen|Rep|Gov|Pres|St|Jr|Sr|No|vs|Mt|Ft|Rev|Hon)\.$/u;
const LEADING = /^\s+/u;
const TRAILING = /\s+$/u;

/** The sentences of `text` as UTF-16 ranges without their surrounding white space. */
export function sentences(text: string): Range[] {
  const out: Range[] = [];
  for (const seg of segmenter.segment(text)) {
    // The segmenter keeps a paragraph's lines together only when no line break separates them.
    let offset = seg.index;
    for (const line of seg.segment.split(/(?<=\n)/u)) {
      const lead = LEADING.exec(line)?.[0].length ?? 0;
      const trail = TRAILING.exec(line)?.[0].length ?? 0;
      if (lead < line.length) {
        const range = { start: offset + lead, end: offset + line.length - trail };
        const prev = out[out.length - 1];
        const between = prev ? text.slice(prev.end, range.start) : '\n';
        if (prev && !between.includes('\n') && ABBREVIATION.test(text.slice(prev.start, prev.end)))
          prev.end = range.end;
        else out.push(range);
      }
      offset += line.length;
    }
  }
  return out;
}

/** The index of the sentence holding [start, end), or -1 when the range crosses sentences. */
export function sentenceOf(list: readonly Range[], start: number, end: number): number {
  // The first sentence ending after `start`: the sentences are disjoint and in order, so it is
  // the only one that can hold it.
  const at = upperBound(list, start, (s, offset) => s.end - offset);
  const s = list[at];
  return s && s.start <= start && end <= s.end ? at : -1;
}
