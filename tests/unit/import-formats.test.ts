// The JSON formats: articles JSONL (+spans), Spanwise's own export, doccano (both forms),
// Label Studio's JSON export, Prodigy ner_manual; --format auto; layers; labels; status.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/main/backend/project';
import { formatImportSummary } from '../../src/main/backend/importers';
import { tempDir } from './helpers';
import { articleRows, emptyProject, expectRefused, imp, jsonl, write } from './fixtures/io';

interface Row {
  layer: string;
  label: string;
  start: number;
  end: number;
  text: string;
  origin: string;
}

/** Every live span as (layer, label, UTF-16 offsets, the text they select). */
function spans(p: Project): Row[] {
  const rows = p.db
    .prepare(
      `SELECT an.name AS layer, l.name AS label, s.start_offset AS start, s.end_offset AS "end", a.text AS article, s.origin
         FROM spans s JOIN annotators an ON an.id = s.annotator_id JOIN labels l ON l.id = s.label_id
         JOIN articles a ON a.id = s.article_id WHERE s.deleted = 0
        ORDER BY a.id, an.name, s.start_offset, s.end_offset, l.name`,
    )
    .all() as (Omit<Row, 'text'> & { article: string })[];
  return rows.map(({ article, ...r }) => ({ ...r, text: article.slice(r.start, r.end) }));
}

function article(p: Project, n = 0) {
  return articleRows(p)[n]!;
}

const TEXT = 'EU rejects German call to boycott British lamb 🐑 in Brüssel.';
// Code points: 🐑 is one; UTF-16: two. "Brüssel" starts at 52 (code points) / 53 (UTF-16).

describe('articles JSONL', () => {
  it('imports text, id, title, meta (and other keys into meta); spans go to the --as layer', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'articles.jsonl',
      jsonl([
        {
          id: 'a-1',
          text: TEXT,
          title: 'Lamb',
          meta: { url: 'https://example.org/1' },
          lang: 'en',
          spans: [
            { start: 0, end: 2, label: 'ACTOR' },
            { start: 52, end: 59, label: 'LOCATION', text: 'Brüssel' },
          ],
        },
        { text: 'Second article\nwith no title' },
      ]),
    );
    const s = imp(p.db, [file], { as: 'model-v1' });
    expect(s.files[0]!.format).toBe('jsonl');
    expect(s.articlesAdded).toBe(2);
    expect(article(p)).toMatchObject({ title: 'Lamb', source: 'articles.jsonl', externalId: '"a-1"' });
    expect(JSON.parse(article(p).meta)).toEqual({ url: 'https://example.org/1', lang: 'en' });
    expect(article(p, 1).title).toBe('Second article');
    expect(spans(p)).toEqual([
      { layer: 'model-v1', label: 'ACTOR', start: 0, end: 2, text: 'EU', origin: 'import:jsonl' },
      { layer: 'model-v1', label: 'LOCATION', start: 53, end: 60, text: 'Brüssel', origin: 'import:jsonl' },
    ]);
    expect(s.files[0]!.units.unit).toBe('codepoint');
    expect(s.files[0]!.units.statement).toMatch(/code points \(detected at line 1, checked against the spans’ text/);
  });

  it('requires --as when spans come without a layer, naming the line', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'a.jsonl',
      jsonl([{ text: 'no spans' }, { text: TEXT, spans: [{ start: 0, end: 2, label: 'ACTOR' }] }]),
    );
    expectRefused(p.db, [file], {}, `${file}:2`, /no annotator layer.*pass --as NAME/);
  });

  it('creates unknown labels (once, case-insensitively matching existing ones) and reports them', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'a.jsonl',
      jsonl([
        {
          text: TEXT,
          spans: [
            { start: 0, end: 2, label: 'ORG' },
            { start: 11, end: 17, label: 'org' },
            { start: 34, end: 41, label: 'actor' },
          ],
        },
      ]),
    );
    const s = imp(p.db, [file], { as: 'x' });
    expect(s.labelsCreated).toEqual(['ORG']);
    expect(spans(p).map((r) => r.label)).toEqual(['ORG', 'ORG', 'ACTOR']);
    expect(formatImportSummary(s)).toMatch(/New labels created: ORG\./);
    const created = p.db.prepare("SELECT color, hotkey FROM labels WHERE name = 'ORG'").get() as {
      color: string;
      hotkey: string;
    };
    expect(created.color).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(created.hotkey).toBe('5');
  });

  it('skips spans the layer already has (re-import adds nothing) and counts them', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'a.jsonl',
      jsonl([
        {
          text: TEXT,
          spans: [
            { start: 0, end: 2, label: 'ACTOR' },
            { start: 0, end: 2, label: 'ACTOR' },
          ],
        },
      ]),
    );
    const first = imp(p.db, [file], { as: 'x' });
    expect(first.spansAdded).toBe(1);
    expect(first.spansDuplicate).toBe(1);
    const again = imp(p.db, [file], { as: 'x' });
    expect(again.spansAdded).toBe(0);
    expect(again.spansDuplicate).toBe(2);
    // Into another layer they are new.
    expect(imp(p.db, [file], { as: 'y' }).spansAdded).toBe(1);
  });

  it('skips records with empty text (and refuses spans on one)', () => {
    const p = emptyProject();
    const dir = tempDir();
    const ok = write(dir, 'ok.jsonl', jsonl([{ text: '' }, { text: 'real' }]));
    const s = imp(p.db, [ok]);
    expect(s.articlesAdded).toBe(1);
    expect(s.files[0]!.notes).toEqual(['1 × records with empty text skipped']);
    const bad = write(dir, 'bad.jsonl', jsonl([{ text: '', spans: [{ start: 0, end: 1, label: 'X' }] }]));
    expectRefused(p.db, [bad], { as: 'x' }, `${bad}:1`, /spans on an empty text/);
  });
});

describe('Spanwise spans format', () => {
  it('reads layer and status from each line; title/source from meta; --status done overrides', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'export.jsonl',
      jsonl([
        {
          id: 7,
          text: TEXT,
          spans: [{ start: 0, end: 2, label: 'ACTOR', text: 'EU' }],
          meta: { title: 'T', source: 'wire', desk: 'europe' },
          layer: 'ana',
          status: 'in_progress',
        },
        {
          id: 7,
          text: TEXT,
          spans: [],
          meta: { title: 'T', source: 'wire', desk: 'europe' },
          layer: 'ben',
          status: 'done',
        },
      ]),
    );
    const s = imp(p.db, [file]);
    expect(s.files[0]!.format).toBe('spans');
    expect(s.articlesAdded).toBe(1);
    expect(s.articlesExisting).toBe(1);
    expect(article(p)).toMatchObject({ title: 'T', source: 'wire', externalId: '7' });
    expect(JSON.parse(article(p).meta)).toEqual({ desk: 'europe' });
    const status = () =>
      p.db
        .prepare(
          'SELECT an.name, st.status FROM article_status st JOIN annotators an ON an.id = st.annotator_id ORDER BY an.name',
        )
        .all();
    expect(status()).toEqual([
      { name: 'ana', status: 'in_progress' },
      { name: 'ben', status: 'done' },
    ]);
    imp(p.db, [file], { status: 'done' });
    expect(status()).toEqual([
      { name: 'ana', status: 'done' },
      { name: 'ben', status: 'done' },
    ]);
  });

  it('never downgrades a status', () => {
    const p = emptyProject();
    const dir = tempDir();
    const done = write(dir, 'a.jsonl', jsonl([{ text: TEXT, spans: [], layer: 'ana', status: 'done' }]));
    const todo = write(dir, 'b.jsonl', jsonl([{ text: TEXT, spans: [], layer: 'ana', status: 'todo' }]));
    imp(p.db, [done]);
    imp(p.db, [todo]);
    expect(p.db.prepare('SELECT status FROM article_status').get()).toEqual({ status: 'done' });
  });
});

describe('doccano', () => {
  it('reads label triples (and the older "labels" key), keeps other keys as meta', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'doccano.jsonl',
      jsonl([
        {
          id: 1,
          text: TEXT,
          label: [
            [0, 2, 'ORG'],
            [52, 59, 'LOC'],
          ],
          Comments: [],
        },
        { id: 2, text: 'Peter Blackburn', labels: [[0, 15, 'PERSON']] },
      ]),
    );
    const s = imp(p.db, [file], { as: 'doc' });
    expect(s.files[0]!.format).toBe('doccano');
    expect(spans(p).map((r) => [r.label, r.text])).toEqual([
      ['ORG', 'EU'],
      ['LOC', 'Brüssel'],
      ['PERSON', 'Peter Blackburn'],
    ]);
    expect(JSON.parse(article(p).meta)).toEqual({ Comments: [] });
    expect(article(p).externalId).toBe('1');
    // doccano is a Python tool and nothing in this file tells the units apart: stated as assumed.
    expect(s.files[0]!.units.statement).toMatch(/code points, assumed: doccano uses them/);
  });

  it('reads the entities form (start_offset/end_offset) and reports relations it cannot carry', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      're.jsonl',
      jsonl([
        {
          text: 'Google was founded by Larry Page.',
          entities: [
            { id: 0, start_offset: 0, end_offset: 6, label: 'ORG' },
            { id: 1, start_offset: 22, end_offset: 32, label: 'PERSON' },
          ],
          relations: [{ from_id: 0, to_id: 1, type: 'foundedBy' }],
        },
      ]),
    );
    const s = imp(p.db, [file], { as: 'doc' });
    expect(spans(p).map((r) => r.text)).toEqual(['Google', 'Larry Page']);
    expect(s.files[0]!.notes).toEqual(['1 × relations ignored (Spanwise has no relation layer)']);
  });

  it('refuses a text-classification file with a reason', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'cls.jsonl', jsonl([{ text: 'Great product', label: ['positive'] }]));
    expectRefused(p.db, [file], { as: 'doc' }, `${file}:1`, /text-classification file, which has no spans/);
  });

  it('refuses a malformed triple', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'bad.jsonl', jsonl([{ text: TEXT, label: [[0, 'ORG']] }]));
    expectRefused(p.db, [file], { as: 'doc' }, `${file}:1`, /"label\.0": expected \[start, end, "LABEL"\]/);
  });
});

const LS_TASK = {
  id: 1,
  annotations: [
    {
      id: 9,
      completed_by: 1,
      result: [
        {
          value: { start: 0, end: 2, text: 'EU', labels: ['ORG'] },
          id: 'gew3t9fgkg',
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          origin: 'manual',
        },
        {
          value: { start: 52, end: 59, text: 'Brüssel', labels: ['LOC', 'GPE'] },
          id: 'x2',
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          origin: 'manual',
        },
        { value: { choices: ['Politics'] }, id: 'c1', from_name: 'topic', to_name: 'text', type: 'choices' },
      ],
      was_cancelled: false,
      ground_truth: false,
      created_at: '2024-01-01T00:00:00.000000Z',
      lead_time: 12.5,
      task: 1,
    },
    { id: 10, completed_by: { id: 3, email: 'bo@example.org' }, result: [], was_cancelled: true },
    {
      id: 11,
      completed_by: { id: 4, email: 'cy@example.org', first_name: 'Cy' },
      result: [
        {
          value: { start: 11, end: 17, text: 'German', labels: ['NORP'] },
          type: 'labels',
          from_name: 'label',
          to_name: 'text',
        },
      ],
    },
  ],
  drafts: [],
  predictions: [{ model_version: 'm1', result: [] }],
  data: { text: TEXT, headline: 'Lamb row' },
  meta: {},
  created_at: '2024-01-01T00:00:00.000000Z',
  inner_id: 1,
  total_annotations: 2,
  project: 1,
};

describe('Label Studio JSON export', () => {
  it('reads annotations as layers (completed_by id or email), skips what is not a text span, reports it', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'project-1.json', JSON.stringify([LS_TASK], null, 2));
    const s = imp(p.db, [file]);
    expect(s.files[0]!.format).toBe('label-studio');
    expect(spans(p).map((r) => [r.layer, r.label, r.text])).toEqual([
      ['cy@example.org', 'NORP', 'German'],
      ['label-studio-user-1', 'ORG', 'EU'],
      ['label-studio-user-1', 'GPE', 'Brüssel'],
      ['label-studio-user-1', 'LOC', 'Brüssel'],
    ]);
    expect(s.files[0]!.notes.sort()).toEqual([
      '1 × cancelled (skipped) annotations ignored',
      '1 × predictions read as pre-annotations (a layer per model version)',
      '1 × records spread over several lines (pretty-printed JSON array), read whole',
      '1 × results of type "choices" ignored (not text spans)',
    ]);
    expect(s.layers.map((l) => [l.name, l.spans, l.from])).toEqual([
      ['label-studio-user-1', 3, 'the file (completed_by 1)'],
      ['cy@example.org', 1, 'the file (completed_by.email)'],
      ['m1', 0, 'the file (prediction model_version)'],
    ]);
    expect(article(p).externalId).toBe('1');
    expect(JSON.parse(article(p).meta)).toEqual({ headline: 'Lamb row' });
    expect(s.articlesSkipped).toBe(0);
    expect(s.files[0]!.units.statement).toMatch(/^code points \(detected at line 2/);
  });

  it('reads a minified export on one line, and old UTF-16 offsets (checked against the span text)', () => {
    const p = emptyProject();
    const task = {
      id: 5,
      data: { text: TEXT },
      annotations: [
        {
          completed_by: 1,
          result: [{ type: 'labels', value: { start: 53, end: 60, text: 'Brüssel', labels: ['LOC'] } }],
        },
      ],
    };
    const file = write(
      tempDir(),
      'min.json',
      JSON.stringify([task, { ...task, id: 6, data: { text: 'plain' }, annotations: [] }]),
    );
    const s = imp(p.db, [file]);
    expect(spans(p).map((r) => r.text)).toEqual(['Brüssel']);
    expect(s.files[0]!.units).toEqual({
      unit: 'utf16',
      statement: 'UTF-16 code units (detected at line 1, checked against the spans’ text; 1 span texts checked)',
    });
  });

  it('says where the text is when data has no "text" field', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'odd.json', JSON.stringify([{ data: { body: 'x', other: 'y' } }]));
    expectRefused(p.db, [file], {}, `${file}:1`, /data has no "text" field \(it has "body", "other"\)/);
  });
});

describe('Prodigy ner_manual', () => {
  const tokens = (text: string) =>
    [...text.matchAll(/\S+/gu)].map((m, i) => ({
      text: m[0],
      start: [...text.slice(0, m.index)].length,
      end: [...text.slice(0, m.index)].length + [...m[0]].length,
      id: i,
      ws: true,
    }));

  it('reads spans into the _annotator_id layer, skips rejected and ignored answers, keeps meta', () => {
    const p = emptyProject();
    const t1 = 'Apple updates its analytics service 📈 in Cupertino';
    const file = write(
      tempDir(),
      'ner.jsonl',
      jsonl([
        {
          text: t1,
          _input_hash: -1162453487,
          _task_hash: 1384512466,
          tokens: tokens(t1),
          _view_id: 'ner_manual',
          spans: [
            { start: 0, end: 5, token_start: 0, token_end: 0, label: 'ORG' },
            { start: 41, end: 50, token_start: 7, token_end: 7, label: 'GPE' },
          ],
          answer: 'accept',
          _timestamp: 1700000000,
          _annotator_id: 'news-alice',
          _session_id: 'news-alice',
          meta: { source: 'feed', score: 0.5 },
        },
        { text: 'Rejected one', spans: [], answer: 'reject', _annotator_id: 'news-alice' },
        { text: 'Ignored one', spans: [], answer: 'ignore', _session_id: 'news-bob' },
      ]),
    );
    const s = imp(p.db, [file]);
    expect(s.files[0]!.format).toBe('prodigy');
    expect(s.articlesAdded).toBe(1);
    expect(s.articlesSkipped).toBe(2);
    expect(formatImportSummary(s)).toMatch(/Imported 1 new article \(0 already present, 2 skipped\)/);
    expect(spans(p).map((r) => [r.layer, r.label, r.text])).toEqual([
      ['news-alice', 'ORG', 'Apple'],
      ['news-alice', 'GPE', 'Cupertino'],
    ]);
    expect(article(p).source).toBe('feed');
    expect(JSON.parse(article(p).meta)).toEqual({ score: 0.5 });
    expect(s.files[0]!.notes).toEqual([
      '1 × examples with answer "reject" skipped',
      '1 × examples with answer "ignore" skipped',
    ]);
    // The tokens' own text proves code points, even though the spans carry none.
    expect(s.files[0]!.units.statement).toMatch(/^code points \(detected at line 1, checked against the spans’ text/);
  });

  it('uses --as when the example names no annotator', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'ner.jsonl',
      jsonl([{ text: 'Apple', spans: [{ start: 0, end: 5, label: 'ORG' }], answer: 'accept' }]),
    );
    imp(p.db, [file], { as: 'prodigy', format: 'prodigy' });
    expect(spans(p)[0]!.layer).toBe('prodigy');
  });
});

describe('--format auto', () => {
  it('tells the formats apart by their first record and extension', () => {
    const p = emptyProject();
    const dir = tempDir();
    const files = {
      txt: write(dir, 'a.txt', '{"text": "still text"}'),
      jsonl: write(dir, 'b.jsonl', jsonl([{ text: 'b' }])),
      spans: write(
        dir,
        'c.jsonl',
        jsonl([
          { text: 'c', spans: [], layer: null, status: 'todo' },
          { text: 'c2', spans: [], layer: 'x', status: 'done' },
        ]),
      ),
      doccano: write(dir, 'd.jsonl', jsonl([{ text: 'd', label: [] }])),
      'label-studio': write(dir, 'e.json', JSON.stringify([{ data: { text: 'e' } }])),
      prodigy: write(dir, 'f.jsonl', jsonl([{ text: 'f', answer: 'accept' }])),
      noext: write(dir, 'g', jsonl([{ text: 'g' }])),
    };
    const s = imp(p.db, Object.values(files));
    expect(s.files.map((f) => f.format)).toEqual([
      'txt',
      'jsonl',
      'spans',
      'doccano',
      'label-studio',
      'prodigy',
      'jsonl',
    ]);
  });

  it('refuses a JSON file of no known format, and skips one inside a folder (named)', () => {
    const p = emptyProject();
    const dir = tempDir();
    const manifest = write(dir, 'manifest.json', JSON.stringify({ articles: [] }));
    write(dir, 'a.txt', 'An article');
    expectRefused(p.db, [manifest], {}, `${manifest}:1`, /cannot tell the format.*pass --format/);
    const s = imp(p.db, [dir]);
    expect(s.articlesAdded).toBe(1);
    expect(s.skippedFiles).toEqual([
      { path: manifest, why: expect.stringMatching(/cannot tell the format/) as unknown },
    ]);
  });
});
