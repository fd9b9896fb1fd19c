// Hugging Face token classification in: tokens + ner_tags as names, or as class ids with their
// names from --tags, dataset_info.json or label_names.json; Spanwise's own bio export back in.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/main/backend/project';
import { tempDir } from './helpers';
import { emptyProject, expectRefused, exportText, imp, jsonl, lines, write } from './fixtures/io';

function articles(p: Project): { text: string; spans: string[]; meta: unknown; id: string | null }[] {
  const rows = p.db.prepare('SELECT id, text, meta, external_id FROM articles ORDER BY id').all() as {
    id: number;
    text: string;
    meta: string;
    external_id: string | null;
  }[];
  const spans = p.db.prepare(
    `SELECT s.start_offset AS s, s.end_offset AS e, l.name AS label FROM spans s JOIN labels l ON l.id = s.label_id
      WHERE s.article_id = ? AND s.deleted = 0 ORDER BY s.start_offset`,
  );
  return rows.map((r) => ({
    text: r.text,
    spans: (spans.all(r.id) as { s: number; e: number; label: string }[]).map(
      (x) => `${x.label}:${r.text.slice(x.s, x.e)}`,
    ),
    meta: JSON.parse(r.meta) as unknown,
    id: r.external_id,
  }));
}

// `datasets`' conll2003 as to_json() writes it: ids as strings, ner_tags as class ids, and the
// POS and chunk columns beside them; the names are in the features of dataset_info.json.
const CONLL2003_NAMES = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];
const CONLL2003_ROWS = [
  {
    id: '0',
    tokens: ['EU', 'rejects', 'German', 'call', 'to', 'boycott', 'British', 'lamb', '.'],
    pos_tags: [22, 42, 16, 21, 35, 37, 16, 21, 7],
    chunk_tags: [11, 21, 11, 12, 21, 22, 11, 12, 0],
    ner_tags: [3, 0, 7, 0, 0, 0, 7, 0, 0],
  },
  { id: '1', tokens: ['Peter', 'Blackburn'], pos_tags: [22, 22], chunk_tags: [11, 12], ner_tags: [1, 2] },
];
const EXPECTED = [
  {
    text: 'EU rejects German call to boycott British lamb .',
    spans: ['ORG:EU', 'MISC:German', 'MISC:British'],
    meta: {},
    id: '"0"',
  },
  { text: 'Peter Blackburn', spans: ['PER:Peter Blackburn'], meta: {}, id: '"1"' },
];

describe('Hugging Face token classification import (bio)', () => {
  it('reads tags given as names (run_ner.py JSON Lines), emoji and CJK tokens included', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'train.json',
      jsonl([
        { tokens: ['Kim', '🤝', 'Putin'], ner_tags: ['B-PER', 'O', 'B-PER'] },
        { tokens: ['我们', '在', '北京', '见面'], ner_tags: ['O', 'O', 'B-LOC', 'O'] },
      ]),
    );
    const s = imp(p.db, [file], { as: 'hf' });
    expect(s.files[0]!.format).toBe('bio');
    expect(articles(p).map((a) => [a.text, a.spans])).toEqual([
      ['Kim 🤝 Putin', ['PER:Kim', 'PER:Putin']],
      ['我们 在 北京 见面', ['LOC:北京']],
    ]);
    expect(s.files[0]!.units.statement).toMatch(/^none in the file: the text is rebuilt from the tokens/);
  });

  it('reads class ids with the names from dataset_info.json beside the file; other token columns are not kept', () => {
    const p = emptyProject();
    const dir = tempDir();
    // dataset_info.json as `datasets`' save_to_disk writes it (Sequence of ClassLabel).
    write(
      dir,
      'dataset_info.json',
      JSON.stringify({
        features: {
          ner_tags: { feature: { names: CONLL2003_NAMES, _type: 'ClassLabel' }, _type: 'Sequence' },
        },
      }),
    );
    const file = write(dir, 'train.jsonl', jsonl(CONLL2003_ROWS));
    const s = imp(p.db, [file], { as: 'hf' });
    expect(articles(p)).toEqual(EXPECTED);
    expect(s.files[0]!.notes).toEqual([
      '1 × tag names read from dataset_info.json (features.ner_tags)',
      '2 × token-level "pos_tags" not kept',
      '2 × token-level "chunk_tags" not kept',
    ]);
  });

  it('reads class ids with --tags, or with label_names.json', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'train.jsonl', jsonl(CONLL2003_ROWS));
    imp(p.db, [file], { as: 'hf', tags: CONLL2003_NAMES });
    expect(articles(p)).toEqual(EXPECTED);
    const other = emptyProject();
    const dir = tempDir();
    write(dir, 'label_names.json', JSON.stringify({ label_names: CONLL2003_NAMES }));
    imp(other.db, [write(dir, 'train.jsonl', jsonl(CONLL2003_ROWS))], { as: 'hf' });
    expect(articles(other)).toEqual(EXPECTED);
  });

  it('a folder with dataset_info.json imports the data and lists the description as skipped', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(
      dir,
      'dataset_info.json',
      JSON.stringify({ features: { ner_tags: { feature: { names: CONLL2003_NAMES } } } }),
    );
    write(dir, 'train.jsonl', jsonl(CONLL2003_ROWS));
    const s = imp(p.db, [dir], { as: 'hf' });
    expect(s.articlesAdded).toBe(2);
    expect(s.skippedFiles).toEqual([
      {
        path: path.join(dir, 'dataset_info.json'),
        why: 'is a data set description (the tag names of the bio files beside it), not articles',
      },
    ]);
  });

  it('refuses class ids without names, an id past the names, and a tag count that differs from the tokens', () => {
    const p = emptyProject();
    const dir = tempDir();
    const ids = write(dir, 'a.jsonl', jsonl(CONLL2003_ROWS));
    expectRefused(
      p.db,
      [ids],
      { as: 'hf' },
      `${ids}:1`,
      /class ids \(numbers\): give their names in order with --tags/,
    );
    expectRefused(
      p.db,
      [ids],
      { as: 'hf', tags: ['O', 'B-PER', 'I-PER'] },
      `${ids}:1`,
      /"ner_tags\.0": tag 3, but --tags names 3 tags \(0–2\)/,
    );
    const short = write(dir, 'b.jsonl', jsonl([{ tokens: ['a', 'b'], ner_tags: ['O'] }]));
    expectRefused(p.db, [short], { as: 'hf' }, `${short}:1`, /2 tokens but 1 ner_tags/);
    const bad = write(dir, 'c.jsonl', jsonl([{ tokens: ['EU'], ner_tags: ['ORG'] }]));
    expectRefused(p.db, [bad], { as: 'hf' }, `${bad}:1`, /"ORG", is not an IOB tag/);
  });

  it('round trip: bio export → import → export keeps every token and tag (and the layer)', async () => {
    const p = emptyProject();
    const text = 'Kim Jong Un met Putin 🤝 in 北京见面。\r\nThe UN said "sanctions apply".';
    const at = (sub: string) => [...text.slice(0, text.indexOf(sub))].length;
    const span = (sub: string, label: string) => ({ start: at(sub), end: at(sub) + [...sub].length, label });
    imp(p.db, [
      write(
        tempDir(),
        'seed.jsonl',
        jsonl([
          {
            id: 'a-1',
            text,
            layer: 'ana',
            spans: [span('Kim Jong Un', 'ACTOR'), span('北京', 'LOCATION'), span('sanctions', 'SANCTION')],
          },
        ]),
      ),
    ]);
    const first = await exportText(p.db, { format: 'bio', layer: 'ana' });
    const fresh = emptyProject();
    const file = write(tempDir(), 'bio.jsonl', first);
    const s = imp(fresh.db, [file]);
    expect(s.files[0]!.format).toBe('bio');
    expect(s.layers.map((l) => [l.name, l.spans])).toEqual([['ana', 3]]);
    const pick = (l: Record<string, unknown>) => ({
      id: l['id'],
      tokens: l['tokens'],
      ner_tags: l['ner_tags'],
      layer: l['layer'],
    });
    const again = lines(await exportText(fresh.db, { format: 'bio', layer: 'ana' }));
    expect(again.map(pick)).toEqual(lines(first).map(pick));
    expect(fs.readFileSync(file, 'utf8')).toContain('"B-LOCATION"');
  });
});
