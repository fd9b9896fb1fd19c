// What a text file that is not JSON holds, from its first lines: token-per-line columns
// (CoNLL-2003, two-column IOB, CoNLL-U), brat standoff annotations, WebAnno TSV, or prose.
// A column file read as prose would become an article full of tags, so the test errs on the
// side of columns: most lines `token … TAG` with a B-/I-/E-/S- or O tag in the tag column.
import fs from 'node:fs';
import { openRegular } from './read';

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 200;

/** IOB1, IOB2 (BIO) and IOBES/BILOU tags; `_` is CoNLL-U's empty field. */
export const TAG = /^(?:O|_|[BIESLU][-_]\S+)$/;
const CONLLU_ID = /^\d+(?:[-.]\d+)?$/;
const BRAT_LINE = /^(?:[TRENAM]\d+|#\d*|\*)\t/;

export type Sniffed = 'conll' | 'conllu' | 'brat-ann' | 'webanno' | 'prose';

/** The first lines of a file (at most 64 KB of it), without line ends and a BOM. */
export function headLines(file: string): string[] {
  const fd = openRegular(file);
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    let text = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    // The last line may be cut off by the sample's end.
    if (n === buf.length) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
    return text.split('\n', SAMPLE_LINES).map((l) => l.replace(/\r$/, ''));
  } finally {
    fs.closeSync(fd);
  }
}

export function columnsOf(line: string): string[] {
  return line.includes('\t') ? line.split('\t') : line.trim().split(/ +/);
}

export function sniffLines(lines: readonly string[]): Sniffed {
  const content = lines.filter((l) => l.trim().length > 0);
  if (content.length === 0) return 'prose';
  if (/^#FORMAT=WebAnno TSV/i.test(content[0]!)) return 'webanno';
  if (content.every((l) => BRAT_LINE.test(l))) return 'brat-ann';
  const tokens = content.filter((l) => !l.startsWith('#'));
  if (tokens.length === 0) return 'prose';
  if (/^-DOCSTART-(\s|$)/.test(tokens[0]!)) return 'conll';
  // CoNLL-U: ten tab-separated fields, the first a token id (1, 1-2, 1.1).
  const conllu = tokens.filter((l) => {
    const cols = l.split('\t');
    return cols.length >= 10 && CONLLU_ID.test(cols[0]!);
  }).length;
  if (conllu >= Math.max(1, tokens.length * 0.9)) return 'conllu';
  // Token and tag columns; prose lines rarely end in a tag, and never nearly all of them.
  const tagged = tokens.filter((l) => {
    const cols = columnsOf(l);
    return cols.length >= 2 && cols.length <= 12 && TAG.test(cols[cols.length - 1]!);
  }).length;
  if (tokens.length >= 2 && tagged >= tokens.length * 0.8) return 'conll';
  return 'prose';
}
