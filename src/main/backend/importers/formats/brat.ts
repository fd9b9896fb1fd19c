// brat standoff: a document's text in NAME.txt, its annotations in NAME.ann beside it.
// Text-bound annotations (`T1<TAB>LABEL 0 5<TAB>text`) become spans. brat writes a span that
// crosses a line break as fragments split there (`T2<TAB>LOC 10 14;15 20<TAB>New York`): fragments
// apart only by white space are one span again; fragments with words between them (a truly
// discontinuous annotation) cannot be one Spanwise span and are skipped and counted.
// Relations (R), events (E), attributes (A, M), normalisations (N), notes (#) and equivalences
// (*) are skipped and counted. brat counts code points; the span texts tell the unit.
import fs from 'node:fs';
import { ImportError } from '../errors';
import { readLines, readTextFile } from '../read';
import type { OffsetSpan } from '../units';
import type { ArticleReader, Notes, ReadArticle } from './common';

const OFFSETS = /^(\d+) (\d+)$/;

const SKIPPED: Record<string, string> = {
  R: 'relations (R lines) skipped',
  E: 'events (E lines) skipped',
  A: 'attributes (A lines) skipped',
  M: 'attributes (M lines) skipped',
  N: 'normalisations (N lines) skipped',
  '#': 'notes (# lines) skipped',
  '*': 'equivalences (* lines) skipped',
};

function paths(file: string): { ann: string; txt: string } {
  const base = file.replace(/\.(ann|txt|text)$/i, '');
  return { ann: `${base}.ann`, txt: `${base}.txt` };
}

function* readBrat(
  file: string,
  notes: Notes,
  _options: unknown,
  onBytes: (b: number) => void,
): Generator<ReadArticle> {
  const { ann, txt } = paths(file);
  if (!fs.existsSync(txt)) {
    throw new ImportError(ann, null, `brat annotations need their text: ${txt} is missing`);
  }
  if (!fs.existsSync(ann)) throw new ImportError(txt, null, `brat text needs its annotations: ${ann} is missing`);
  const text = readTextFile(txt);
  const spans: OffsetSpan[] = [];
  for (const [raw, n] of readLines(ann, onBytes)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim().length === 0) continue;
    const kind = line[0]!;
    if (kind !== 'T') {
      const skipped = SKIPPED[kind];
      if (!skipped)
        throw new ImportError(
          ann,
          n,
          `not a brat annotation line (T, R, E, A, M, N, # or *): ${JSON.stringify(line.slice(0, 40))}`,
        );
      notes.add(skipped);
      continue;
    }
    const [id, middle, stated] = line.split('\t');
    if (middle === undefined || stated === undefined) {
      throw new ImportError(ann, n, `${id}: a text-bound annotation is ID<TAB>TYPE START END<TAB>TEXT`);
    }
    const space = middle.indexOf(' ');
    const label = middle.slice(0, space);
    const ranges = middle
      .slice(space + 1)
      .split(';')
      .map((r) => OFFSETS.exec(r.trim()));
    if (space <= 0 || ranges.some((r) => r === null)) {
      throw new ImportError(
        ann,
        n,
        `${id}: ${JSON.stringify(middle)} is not TYPE START END (fragments separated by ;)`,
      );
    }
    const fragments = ranges.map((r) => ({ start: Number(r![1]), end: Number(r![2]) }));
    fragments.sort((a, b) => a.start - b.start);
    // Word-free gaps (line breaks) do not make a span discontinuous. Offsets are still in the
    // file's unit here; the gap is read as code points, brat's own unit.
    const chars = fragments.length > 1 ? Array.from(text) : [];
    const continuous = fragments.every(
      (f, i) => i === 0 || /^\s*$/u.test(chars.slice(fragments[i - 1]!.end, f.start).join('')),
    );
    if (!continuous) {
      notes.add('discontinuous annotations skipped (a Spanwise span is one range of text)');
      continue;
    }
    if (fragments.length > 1) notes.add('annotations in fragments split at line breaks read as one span');
    spans.push({
      start: fragments[0]!.start,
      end: fragments[fragments.length - 1]!.end,
      label,
      text: stated,
      line: n,
    });
  }
  yield { article: { text, meta: {}, layers: spans.length > 0 ? [{ name: null, spans }] : [] }, line: 1 };
}

export const bratReader: ArticleReader = {
  name: 'brat',
  defaultUnit: 'codepoint',
  // brat joins a fragmented span's texts with a space, and .ann lines cannot hold line breaks.
  looseText: { why: 'brat writes a span’s line breaks as spaces' },
  read: readBrat,
};
