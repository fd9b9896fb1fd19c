// --format auto on files that are not JSON, and the formats Spanwise does not read: a column
// or standoff file is never imported as prose (not even with --format txt); DocBin, WebAnno TSV,
// CSV and friends are refused by name with a pointer to the docs; prose stays prose.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/main/backend/importers/detect';
import { sniffLines } from '../../src/main/backend/importers/sniff';
import { tempDir } from './helpers';
import { emptyProject, expectRefused, imp, jsonl, write } from './fixtures/io';

const CONLL = '-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n';
const TWO_COLUMNS = 'Kim\tB-PER\nmet\tO\nPutin\tB-PER\n';
const BRAT_ANN = 'T1\tPER 0 3\tKim\nR1\tMet Arg1:T1 Arg2:T1\n';

describe('column and standoff files are never prose', () => {
  it('CoNLL, IOB and TSV files named on the command line are read as columns, whatever their name', () => {
    const dir = tempDir();
    for (const name of ['eng.train', 'train.txt', 'dev.conll', 'x.iob', 'y.tsv', 'z.bio']) {
      expect(
        detectFormat(write(dir, name, name.startsWith('y') || name.startsWith('x') ? TWO_COLUMNS : CONLL)),
        name,
      ).toBe('conll');
    }
    const p = emptyProject();
    const s = imp(p.db, [write(dir, 'named.txt', TWO_COLUMNS)], { as: 'x' });
    expect(s.files[0]!.format).toBe('conll');
    expect((p.db.prepare('SELECT text FROM articles').get() as { text: string }).text).toBe('Kim met Putin');
  });

  it('in a folder, CoNLL files named by their split (eng.train, eng.testa) are read; other unknown files are listed', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'eng.train', CONLL);
    write(dir, 'eng.testa', CONLL.replace('EU', 'UN'));
    write(dir, 'logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const s = imp(p.db, [dir], { as: 'conll' });
    expect(s.files.map((f) => [path.basename(f.path), f.format])).toEqual([
      ['eng.testa', 'conll'],
      ['eng.train', 'conll'],
    ]);
    expect(s.skippedFiles.map((f) => path.basename(f.path))).toEqual(['logo.png']);
  });

  it('--format txt on a column file or a brat .ann is refused, naming the format to use', () => {
    const p = emptyProject();
    const dir = tempDir();
    const conll = write(dir, 'train.txt', CONLL);
    expectRefused(
      p.db,
      [conll],
      { format: 'txt' },
      `${conll}:1`,
      /looks like token-per-line columns with tags \(CoNLL, IOB\), not prose: import it with --format conll/,
    );
    write(dir, 'doc.txt', 'Kim met Putin.');
    const ann = write(dir, 'doc.ann', BRAT_ANN);
    expectRefused(
      p.db,
      [ann],
      { format: 'txt' },
      `${ann}:1`,
      /looks like brat standoff annotations, not prose: import it with --format brat/,
    );
  });

  it('prose stays prose: a text whose lines happen to end in a capital O or a B- word', () => {
    const dir = tempDir();
    const poem = write(
      dir,
      'poem.txt',
      'Sing to me of the man, Muse, O\nthe man of twists and turns.\nPlan B-2 was agreed.\n',
    );
    expect(detectFormat(poem)).toBe('txt');
    expect(detectFormat(write(dir, 'one.txt', 'Plan B-2'))).toBe('txt');
    expect(sniffLines(['Kim B-PER'])).toBe('prose');
  });

  it('a brat file that is not named .ann is refused with what to do', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'annotations', BRAT_ANN);
    expectRefused(p.db, [file], {}, `${file}:1`, /holds brat standoff annotations .*name it \.ann, beside the \.txt/);
  });
});

describe('formats Spanwise does not read', () => {
  it('are refused by name, pointing to the docs; in a folder they are listed as skipped', () => {
    const p = emptyProject();
    const dir = tempDir();
    // A DocBin is msgpack, zlib-compressed: binary.
    const docbin = write(dir, 'train.spacy', Buffer.from([0x78, 0x9c, 0x00, 0x01, 0x02]));
    expectRefused(
      p.db,
      [docbin],
      {},
      docbin,
      /is a spaCy DocBin file \(binary\), which Spanwise does not read.*docs\/formats\.md/,
    );
    const csv = write(dir, 'articles.csv', 'text,label\n"Great price.",positive\n');
    expectRefused(p.db, [csv], {}, csv, /is a CSV table, which Spanwise does not read/);
    // WebAnno TSV 3 (INCEpTION's and WebAnno's export): a #FORMAT header, then #T_SP layers.
    const webanno = write(
      dir,
      'admin.tsv',
      '#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n#Text=Kim met Putin\n1-1\t0-3\tKim\tPER\n',
    );
    expectRefused(
      p.db,
      [webanno],
      {},
      `${webanno}:1`,
      /is WebAnno TSV \(INCEpTION, WebAnno\), which Spanwise does not read/,
    );
    const table = write(dir, 'table.tsv', 'id\ttext\n1\tKim met Putin\n');
    expectRefused(p.db, [table], {}, `${table}:1`, /tab-separated table without a tag column/);
    const s = imp(p.db, [dir]);
    expect(s.articlesAdded).toBe(0);
    expect(s.skippedFiles.map((f) => [path.basename(f.path), f.why.split(',')[0]]).sort()).toEqual([
      ['admin.tsv', 'is WebAnno TSV (INCEpTION'],
      ['articles.csv', 'is a CSV table'],
      ['table.tsv', 'is a tab-separated table without a tag column (token<TAB>tag)'],
      ['train.spacy', 'is a spaCy DocBin file (binary)'],
    ]);
  });
});

describe('JSON records of each tool', () => {
  it('are told apart by their first record', () => {
    const dir = tempDir();
    const cases: [string, unknown, string][] = [
      ['doccano 1.x', { id: 1, data: 'EU rejects', label: [[0, 2, 'ORG']] }, 'doccano'],
      ['doccano triples', { text: 'EU rejects', entities: [[0, 2, 'ORG']] }, 'doccano'],
      ['Hugging Face', { tokens: ['EU', 'rejects'], ner_tags: [3, 0] }, 'bio'],
      ['T-NER', { tokens: ['EU', 'rejects'], tags: [1, 0] }, 'bio'],
      ['Prodigy', { text: 'EU', tokens: [{ text: 'EU', start: 0, end: 2, id: 0 }], _session_id: null }, 'prodigy'],
      [
        'JSON-MIN',
        { text: 'EU', id: 3, label: [{ start: 0, end: 2, text: 'EU', labels: ['ORG'] }] },
        'label-studio-min',
      ],
    ];
    for (const [what, record, format] of cases) {
      expect(detectFormat(write(dir, `${format}-${what.length}.jsonl`, jsonl([record]))), what).toBe(format);
    }
    const min = write(
      dir,
      'result.json',
      JSON.stringify([{ text: 'EU', id: 3, annotator: 1, annotation_id: 2 }], null, 2),
    );
    expect(detectFormat(min)).toBe('label-studio-min');
  });
});
