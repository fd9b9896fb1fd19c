// brat standoff in and out: .txt + .ann pairs; T lines as spans (fragments split at line breaks
// joined again, truly discontinuous ones skipped and counted); R, E, A, N, # lines counted; the
// export a folder brat opens as it is (annotation.conf), and a round trip that gives the same files.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject, formatExportSummary } from '../../src/main/backend/exporters';
import type { Project } from '../../src/main/backend/project';
import { formatImportSummary } from '../../src/main/backend/importers';
import { tempDir } from './helpers';
import { emptyProject, expectRefused, imp, jsonl, write } from './fixtures/io';

function spans(p: Project): string[] {
  return (
    p.db
      .prepare(
        `SELECT a.text, s.start_offset AS s, s.end_offset AS e, l.name AS label, an.name AS layer FROM spans s
           JOIN labels l ON l.id = s.label_id JOIN articles a ON a.id = s.article_id JOIN annotators an ON an.id = s.annotator_id
          WHERE s.deleted = 0 ORDER BY a.id, s.start_offset, s.end_offset, l.name`,
      )
      .all() as { text: string; s: number; e: number; label: string; layer: string }[]
  ).map((r) => `${r.layer}/${r.label}:${r.text.slice(r.s, r.e)}`);
}

// The example of brat's standoff documentation (brat.nlplab.org/standoff.html), extended with an
// emoji (brat counts code points), a span across a line break (which brat writes as fragments),
// a discontinuous one, and every kind of line that is not a text-bound annotation.
const TXT = 'Sony 🎮 formed a joint venture with Ericsson, a mobile phone company based in\nSweden.\n';
const ANN = [
  'T1\tOrganization 0 4\tSony',
  'T2\tOrganization 35 43\tEricsson',
  'T3\tCountry 74 76;77 83\tin Sweden',
  'T4\tMERGE-ORG 7 13;22 29\tformed venture',
  'R1\tOrigin Arg1:T2 Arg2:T3',
  'E1\tMERGE-ORG:T4 Org1:T1 Org2:T2',
  'A1\tNegation E1',
  'N1\tReference T1 Wikipedia:534366\tSony',
  '#1\tAnnotatorNotes T1\tthe company',
  '',
].join('\n');

describe('brat import', () => {
  it('reads T lines as spans (code points), joins fragments split at a line break, skips and counts the rest', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'doc-1.txt', TXT);
    const ann = write(dir, 'doc-1.ann', ANN);
    const s = imp(p.db, [ann], { as: 'brat' });
    expect(s.files[0]).toMatchObject({ format: 'brat', records: 1, articlesAdded: 1, spansAdded: 3 });
    expect(spans(p)).toEqual(['brat/Organization:Sony', 'brat/Organization:Ericsson', 'brat/Country:in\nSweden']);
    expect(s.files[0]!.notes.sort()).toEqual([
      '1 × annotations in fragments split at line breaks read as one span',
      '1 × attributes (A lines) skipped',
      '1 × discontinuous annotations skipped (a Spanwise span is one range of text)',
      '1 × events (E lines) skipped',
      '1 × normalisations (N lines) skipped',
      '1 × notes (# lines) skipped',
      '1 × relations (R lines) skipped',
      '1 × span texts matched once white space was set aside (brat writes a span’s line breaks as spaces)',
    ]);
    expect(s.files[0]!.units.statement).toMatch(/^code points \(detected at line 1, checked against the spans’ text/);
    expect(formatImportSummary(s)).toMatch(/doc-1\.ann \(brat\): 1 record, 1 article added/);
  });

  it('a folder of pairs imports each document once (the .txt goes with its .ann); naming the .txt reads the pair too', () => {
    const dir = tempDir();
    write(dir, 'a.txt', 'Kim met Putin.');
    write(dir, 'a.ann', 'T1\tPER 0 3\tKim\nT2\tPER 8 13\tPutin\n');
    write(dir, 'b.txt', 'Nothing here.');
    write(dir, 'b.ann', '');
    const p = emptyProject();
    const s = imp(p.db, [dir], { as: 'x' });
    expect(s.files.map((f) => [path.basename(f.path), f.format])).toEqual([
      ['a.ann', 'brat'],
      ['b.ann', 'brat'],
    ]);
    expect(s.articlesAdded).toBe(2);
    const q = emptyProject();
    const t = imp(q.db, [path.join(dir, 'a.txt'), path.join(dir, 'a.ann')], { as: 'x' });
    expect(t.files).toHaveLength(1);
    expect(spans(q)).toEqual(['x/PER:Kim', 'x/PER:Putin']);
  });

  it('refuses a pair without its text, a malformed T line, and a span whose text is not there, by file:line', () => {
    const p = emptyProject();
    const dir = tempDir();
    const lone = write(dir, 'lone.ann', 'T1\tPER 0 3\tKim\n');
    expectRefused(p.db, [lone], { as: 'x' }, lone, /brat annotations need their text: .*lone\.txt is missing/);
    write(dir, 'bad.txt', 'Kim met Putin.');
    const bad = write(dir, 'bad.ann', 'T1\tPER 0 3\tKim\nT2\tPER eight 13\tPutin\n');
    expectRefused(p.db, [bad], { as: 'x' }, `${bad}:2`, /T2: "PER eight 13" is not TYPE START END/);
    write(dir, 'wrong.txt', 'Kim met Putin.');
    const wrong = write(dir, 'wrong.ann', 'T1\tPER 0 3\tKim\nT2\tPER 8 13\tMoscow\n');
    expectRefused(
      p.db,
      [wrong],
      { as: 'x' },
      `${wrong}:2`,
      /span \[8, 13\] PER: its text is "Moscow" but the offsets select "Putin"/,
    );
  });
});

async function exportBrat(p: Project, out: string, layer = 'all', split?: number[]) {
  return exportProject(p.db, out, { format: 'brat', layer, only: 'all', offsets: 'codepoint', seed: 3, split });
}

function seeded(): Project {
  const p = emptyProject();
  const text = 'Kim 🤝 Putin met in\r\nNew York.';
  const cp = (sub: string) => {
    const s = [...text.slice(0, text.indexOf(sub))].length;
    return { start: s, end: s + [...sub].length };
  };
  imp(p.db, [
    write(
      tempDir(),
      'seed.jsonl',
      jsonl([
        {
          id: 'afp/1',
          text,
          layer: 'ana',
          spans: [
            { ...cp('Putin'), label: 'ACTOR' },
            { ...cp('in\r\nNew York'), label: 'NEW PLACE' },
            { ...cp('Kim 🤝 Putin'), label: 'ACTOR' },
          ],
        },
        { id: 'afp/1', text, layer: 'ben', spans: [{ ...cp('Kim'), label: 'ACTOR' }] },
        { id: 2, text: 'Nobody touched this.' },
      ]),
    ),
  ]);
  return p;
}

describe('brat export', () => {
  it('writes NAME.txt verbatim and NAME.ann (code points, a span across a line break in fragments), a folder per layer, annotation.conf', async () => {
    const p = seeded();
    const out = path.join(tempDir(), 'brat');
    const s = await exportBrat(p, out);
    const files = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual([
      '2.ann',
      '2.txt',
      'ana',
      path.join('ana', 'afp_1.ann'),
      path.join('ana', 'afp_1.txt'),
      'annotation.conf',
      'ben',
      path.join('ben', 'afp_1.ann'),
      path.join('ben', 'afp_1.txt'),
    ]);
    expect(fs.readFileSync(path.join(out, 'ana', 'afp_1.txt'), 'utf8')).toBe('Kim 🤝 Putin met in\r\nNew York.');
    expect(fs.readFileSync(path.join(out, 'ana', 'afp_1.ann'), 'utf8')).toBe(
      'T1\tACTOR 0 11\tKim 🤝 Putin\nT2\tACTOR 6 11\tPutin\nT3\tNEW_PLACE 16 18;20 28\tin New York\n',
    );
    expect(fs.readFileSync(path.join(out, '2.ann'), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8')).toBe(
      '# Written by Spanwise: the labels used, and any span may overlap any other.\n[entities]\nACTOR\nNEW_PLACE\n\n' +
        '[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n',
    );
    expect(s.loss).toMatchObject({
      total: 4,
      dropped: 0,
      changed: 1,
      changes: [{ label: 'NEW PLACE', reason: 'label written as NEW_PLACE (brat types cannot hold spaces)', count: 1 }],
    });
    expect(formatExportSummary(s)).toContain(
      'Changed: 1 of 4 spans written other than they are:\n  NEW PLACE: 1 (label written as NEW_PLACE (brat types cannot hold spaces))',
    );
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });

  it('round trip: brat export → import → export gives the same files', async () => {
    const p = seeded();
    const first = path.join(tempDir(), 'one');
    await exportBrat(p, first, 'ana');
    const fresh = emptyProject();
    const s = imp(fresh.db, [first], { as: 'ana' });
    expect(s.spansAdded).toBe(3);
    const second = path.join(tempDir(), 'two');
    await exportBrat(fresh, second, 'ana');
    const read = (dir: string) =>
      Object.fromEntries(
        fs
          .readdirSync(dir)
          .sort()
          .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
      );
    // The second project has no external ids: the same files under other names.
    const a = read(first);
    const b = read(second);
    expect(Object.values(b).sort()).toEqual(Object.values(a).sort());
    expect(spans(fresh)).toEqual(['ana/ACTOR:Kim 🤝 Putin', 'ana/ACTOR:Putin', 'ana/NEW_PLACE:in\r\nNew York']);
  });

  it('refuses stdout, a file and a folder with files in it; --split writes a folder per split', async () => {
    const p = seeded();
    await expect(exportBrat(p, '-')).rejects.toThrow('brat writes a folder of files: give --out a folder, not -');
    const file = write(tempDir(), 'x.txt', 'x');
    await expect(exportBrat(p, file)).rejects.toThrow(/is a file: choose a new folder/);
    const full = tempDir();
    write(full, 'keep.txt', 'mine');
    await expect(exportBrat(p, full)).rejects.toThrow(/is not empty: choose a new or empty folder/);
    expect(fs.readdirSync(full)).toEqual(['keep.txt']);
    const out = path.join(tempDir(), 'splits');
    const s = await exportBrat(p, out, 'ana', [0.5, 0.5]);
    expect(fs.readdirSync(out).sort()).toEqual(['test', 'train']);
    expect(s.files.map((f) => f.split)).toEqual(['train', 'test']);
    expect(s.articles).toBe(2);
    for (const split of ['test', 'train']) expect(fs.readdirSync(path.join(out, split))).toContain('annotation.conf');
  });
});
