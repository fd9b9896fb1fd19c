// Whole files as the annotation tools write them, in the variants real exports have: Label
// Studio (relations beside spans, span texts with line breaks as \n, predictions, JSON-MIN),
// Prodigy (null session ids, per-span answers, relations), doccano 1.x ("data") and entity
// triples. Each file is small and hand-written, with where its shape comes from.
import { describe, expect, it } from 'vitest';
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
          WHERE s.deleted = 0 ORDER BY a.id, an.name, s.start_offset, s.end_offset, l.name`,
      )
      .all() as { text: string; s: number; e: number; label: string; layer: string }[]
  ).map((r) => `${r.layer}/${r.label}:${r.text.slice(r.s, r.e)}`);
}

function meta(p: Project): unknown[] {
  return (p.db.prepare('SELECT meta FROM articles ORDER BY id').all() as { meta: string }[]).map(
    (r) => JSON.parse(r.meta) as unknown,
  );
}

const TEXT = 'Kim 🤝 Putin met in\nVladivostok on Monday.';
// Code points: 🤝 is one; "met" starts at 12, "Vladivostok" at 19 (after the line break).

/** A Label Studio labels result, as the editor writes it into annotations[].result[]. */
const labels = (id: string, start: number, end: number, text: string, label: string) => ({
  value: { start, end, text, labels: [label] },
  id,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  origin: 'manual',
});

describe('Label Studio JSON export', () => {
  it('skips and counts relations beside the spans, and imports the spans', () => {
    // A relation result as Label Studio writes it: type "relation", from_id/to_id, no value.
    const task = {
      id: 7,
      data: { text: TEXT },
      annotations: [
        {
          id: 31,
          completed_by: 1,
          result: [
            labels('a1', 0, 3, 'Kim', 'PER'),
            labels('a2', 6, 11, 'Putin', 'PER'),
            { from_id: 'a1', to_id: 'a2', type: 'relation', direction: 'right', labels: ['met'] },
          ],
        },
      ],
    };
    const p = emptyProject();
    const file = write(tempDir(), 'project-1.json', JSON.stringify([task]));
    const s = imp(p.db, [file]);
    expect(spans(p)).toEqual(['label-studio-user-1/PER:Kim', 'label-studio-user-1/PER:Putin']);
    expect(s.files[0]!.notes).toEqual(['1 × relations ignored (Spanwise has no relation layer)']);
  });

  it('reads a span across a line break, whose text Label Studio writes with \\n as two characters; refuses a real mismatch', () => {
    const p = emptyProject();
    const dir = tempDir();
    // "met in\nVladivostok": the editor's value.text holds a backslash and an n, not a line break.
    const task = (text: string) => ({
      id: 1,
      data: { text: TEXT },
      annotations: [{ id: 2, completed_by: 1, result: [labels('b1', 12, 30, text, 'EVENT')] }],
    });
    const ok = write(dir, 'ok.json', JSON.stringify([task('met in\\nVladivostok')]));
    const s = imp(p.db, [ok]);
    expect(spans(p)).toEqual(['label-studio-user-1/EVENT:met in\nVladivostok']);
    expect(s.files[0]!.notes).toEqual([
      '1 × span texts matched once white space was set aside (Label Studio writes a span’s line breaks as \\n)',
    ]);
    // A real mismatch is still refused: other words, or one character too many at an edge.
    const bad = write(dir, 'bad.json', JSON.stringify([task('met in\\nVladivostock')]));
    expectRefused(
      emptyProject().db,
      [bad],
      {},
      `${bad}:1`,
      /matches neither unit: its text is "met in\\\\nVladivostock"/,
    );
    const long = write(dir, 'long.json', JSON.stringify([task('met in\\nVladivostok ')]));
    expectRefused(emptyProject().db, [long], {}, `${long}:1`, /matches neither unit/);
  });

  it('imports predictions as pre-annotations in a layer named after the model version', () => {
    const p = emptyProject();
    const task = {
      id: 3,
      data: { text: TEXT },
      annotations: [],
      predictions: [
        { id: 5, model_version: 'ner-v2', score: 0.9, result: [labels('p1', 19, 30, 'Vladivostok', 'LOC')] },
      ],
    };
    const s = imp(p.db, [write(tempDir(), 'preds.json', JSON.stringify([task]))]);
    expect(spans(p)).toEqual(['ner-v2/LOC:Vladivostok']);
    expect(s.layers).toEqual([
      { name: 'ner-v2', created: true, spans: 1, articles: 1, from: 'the file (prediction model_version)' },
    ]);
    expect(formatImportSummary(s)).toContain(
      'Layer ner-v2 (new annotator): 1 span on 1 article; name from the file (prediction model_version).',
    );
  });

  it('refuses a JSON-MIN file given as --format label-studio (its spans would hide in meta), naming the right format', () => {
    const p = emptyProject();
    const min = [{ id: 1, text: TEXT, label: [{ start: 0, end: 3, text: 'Kim', labels: ['PER'] }], annotator: 1 }];
    const file = write(tempDir(), 'min.json', JSON.stringify(min));
    expectRefused(p.db, [file], { format: 'label-studio' }, `${file}:1`, /JSON-MIN export.*--format label-studio-min/);
  });
});

// JSON-MIN as label-studio-converter's convert_to_json_min writes it: the task's data fields,
// "id", each control's results under its name (value dicts without "type"), "annotator" (the
// user id, or an email), "annotation_id", "created_at", "updated_at", "lead_time"; one record per
// annotation, pretty-printed with indent=2.
const JSON_MIN = [
  {
    text: TEXT,
    id: 11,
    label: [
      { start: 0, end: 3, text: 'Kim', labels: ['PER'] },
      { start: 12, end: 30, text: 'met in\\nVladivostok', labels: ['EVENT'] },
    ],
    sentiment: 'Neutral',
    annotator: 7,
    annotation_id: 21,
    created_at: '2024-05-01T10:00:00.000000Z',
    updated_at: '2024-05-01T10:00:00.000000Z',
    lead_time: 12.4,
  },
  {
    text: TEXT,
    id: 11,
    label: [{ start: 6, end: 11, text: 'Putin', labels: ['PER'] }],
    annotator: 'carol@example.org',
    annotation_id: 22,
    created_at: '2024-05-01T11:00:00.000000Z',
    updated_at: '2024-05-01T11:00:00.000000Z',
    lead_time: 3,
  },
];

describe('Label Studio JSON-MIN', () => {
  it('is detected and imported: a layer per annotator, the task id kept, the converter’s bookkeeping dropped', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'result.json', JSON.stringify(JSON_MIN, null, 2));
    const s = imp(p.db, [file]);
    expect(s.files[0]).toMatchObject({ format: 'label-studio-min', records: 2, articlesAdded: 1, spansAdded: 3 });
    expect(spans(p)).toEqual([
      'carol@example.org/PER:Putin',
      'label-studio-user-7/PER:Kim',
      'label-studio-user-7/EVENT:met in\nVladivostok',
    ]);
    expect(meta(p)).toEqual([{ sentiment: 'Neutral' }]);
    expect((p.db.prepare('SELECT external_id FROM articles').get() as { external_id: string }).external_id).toBe('11');
  });

  it('a full Label Studio export given as --format label-studio-min is refused, naming the right format', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'full.json', JSON.stringify([{ id: 1, data: { text: 'x' }, annotations: [] }]));
    expectRefused(p.db, [file], { format: 'label-studio-min' }, `${file}:1`, /full JSON export.*--format label-studio/);
  });
});

describe('Prodigy', () => {
  // db-out of a ner_manual dataset: examples saved without a named session carry null ids.
  const nullIds = {
    text: 'Apple hired Tim Cook.',
    spans: [
      { start: 0, end: 5, label: 'ORG', answer: 'accept' },
      // Merged binary (ner.teach) annotations keep each span's own answer.
      { start: 12, end: 20, label: 'ORG', answer: 'reject' },
    ],
    answer: 'accept',
    _input_hash: 1,
    _task_hash: 2,
    _annotator_id: null,
    _session_id: null,
  };

  it('reads "_annotator_id": null and "_session_id": null as absent, and skips spans answered reject', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'ner.jsonl', jsonl([nullIds]));
    expectRefused(p.db, [file], {}, `${file}:1`, /1 span\(s\) but no annotator layer.*--as NAME/);
    const s = imp(p.db, [file], { as: 'ana' });
    expect(spans(p)).toEqual(['ana/ORG:Apple']);
    expect(s.files[0]!.notes).toEqual(['1 × spans with answer "reject" skipped (not annotations)']);
  });

  it('keeps relations in meta.relations and says so', () => {
    // rel.manual: "relations" beside the spans, each with head/child token indices and spans.
    const relation = {
      head: 0,
      child: 3,
      label: 'CEO_OF',
      head_span: { start: 0, end: 8 },
      child_span: { start: 14, end: 19 },
    };
    const p = emptyProject();
    const file = write(
      tempDir(),
      'rel.jsonl',
      jsonl([
        {
          text: 'Tim Cook runs Apple.',
          spans: [
            { start: 0, end: 8, label: 'PERSON' },
            { start: 14, end: 19, label: 'ORG' },
          ],
          relations: [relation],
          answer: 'accept',
          _annotator_id: 'news-alice',
          _session_id: 'news-alice',
        },
      ]),
    );
    const s = imp(p.db, [file]);
    expect(spans(p)).toEqual(['news-alice/PERSON:Tim Cook', 'news-alice/ORG:Apple']);
    expect(meta(p)).toEqual([{ relations: [relation] }]);
    expect(formatImportSummary(s)).toContain(
      "note: 1 × relations kept in the article's meta.relations (Spanwise has no relation layer)",
    );
    expect(s.layers[0]!.from).toBe('the file (_annotator_id)');
  });
});

describe('doccano', () => {
  it('reads doccano 1.x exports, whose text is under "data" (JSONL and its JSON array), and says so', () => {
    // doccano 1.3–1.5's writer.py: {"id", "data", "label", **metadata}, per user; JSON as an array.
    const p = emptyProject();
    const dir = tempDir();
    const rows = [
      {
        id: 10,
        data: 'EU rejects German call to boycott British lamb.',
        label: [
          [0, 2, 'ORG'],
          [11, 17, 'MISC'],
        ],
        Comments: [],
      },
      { id: 11, data: 'Peter Blackburn', label: [[0, 15, 'PERSON']], Comments: [] },
    ];
    const s = imp(p.db, [write(dir, 'admin.jsonl', jsonl(rows))], { as: 'admin' });
    expect(s.files[0]!.format).toBe('doccano');
    expect(spans(p)).toEqual(['admin/ORG:EU', 'admin/MISC:German', 'admin/PERSON:Peter Blackburn']);
    expect(s.files[0]!.notes).toEqual(['2 × texts read from "data" (doccano 1.x export)']);
    expect(meta(p)).toEqual([{ Comments: [] }, { Comments: [] }]);
    const q = emptyProject();
    const t = imp(q.db, [write(dir, 'admin.json', JSON.stringify(rows))], { as: 'admin' });
    expect(t.files[0]!.format).toBe('doccano');
    expect(spans(q)).toEqual(spans(p));
  });

  it('reads entities as [start, end, "LABEL"] triples (intent detection, older exports) as well as objects', () => {
    // doccano's intent-detection example (INTENT_JSONL in data_import/pipeline/examples.py).
    const p = emptyProject();
    const file = write(
      tempDir(),
      'intent.jsonl',
      jsonl([
        {
          text: 'Find a flight from Memphis to Tacoma',
          entities: [
            [19, 26, 'City'],
            [30, 36, 'City'],
          ],
          cats: ['flight'],
        },
        {
          text: 'Google was founded by Larry Page.',
          entities: [{ id: 0, start_offset: 0, end_offset: 6, label: 'ORG' }],
        },
      ]),
    );
    imp(p.db, [file], { as: 'doc' });
    expect(spans(p)).toEqual(['doc/City:Memphis', 'doc/City:Tacoma', 'doc/ORG:Google']);
    expect(meta(p)[0]).toEqual({ cats: ['flight'] });
  });

  it('names what is wrong inside an entity', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'bad.jsonl',
      jsonl([{ text: 'Google', entities: [{ start_offset: 0, end_offset: 6 }] }]),
    );
    expectRefused(p.db, [file], { as: 'doc' }, `${file}:1`, /missing "entities\.0\.label"/);
  });
});
