// Round trips: export → import into a fresh project → export again gives the same bytes, for
// spans (every layer, status, meta, ids), doccano and Label Studio; and what the app holds
// (UTF-16 offsets, labels, layers) survives.
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../src/shared/jobs';
import type { Project } from '../../src/main/backend/project';
import { tempDir, tempProject } from './helpers';
import { emptyProject, exportText, imp, jsonl, snapshot, write } from './fixtures/io';

const TEXTS = [
  'Putin 🤝 Kim met in 北京 on Monday.\r\nThe UN said "sanctions apply" 🇺🇳.',
  'Cafe\u0301 au lait — a naïve 👩‍👩‍👧 family in Zürich.',
  'Plain ASCII article about the Security Council.',
  'Line one\r\nLine two\rLine three\n',
];

/** A project with several layers, overlapping spans, statuses, meta and an article nobody touched. */
function richProject(): Project {
  const p = tempProject({ demo: true, annotator: 'ana' });
  const labels = p.handlers.listLabels({});
  const add = (articleId: number, text: string, sub: string, label: number, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(sub, at + 1);
    return p.handlers.createSpan({ articleId, labelId: labels[label]!.id, start: at, end: at + sub.length });
  };
  imp(p.db, [
    write(
      tempDir(),
      'extra.jsonl',
      jsonl(TEXTS.map((text, i) => ({ id: `x-${i}`, text, meta: { n: i, tags: ['a', 'b'] } }))),
    ),
  ]);
  const ids = p.db.prepare('SELECT id, text FROM articles ORDER BY id').all() as { id: number; text: string }[];
  const [demo0, , , , , t0, t1, t2] = ids;
  add(demo0!.id, demo0!.text, 'Kim Jong Un', 0);
  add(demo0!.id, demo0!.text, 'Putin', 0);
  add(demo0!.id, demo0!.text, 'Russia', 2);
  p.handlers.setStatus({ articleId: demo0!.id, status: 'done' });
  add(t0!.id, t0!.text, 'Putin', 0);
  add(t0!.id, t0!.text, 'Putin 🤝 Kim', 1);
  add(t0!.id, t0!.text, '北京', 2);
  add(t0!.id, t0!.text, '🇺🇳', 2);
  add(t0!.id, t0!.text, 'sanctions apply', 3);
  add(t1!.id, t1!.text, '👩‍👩‍👧', 0);
  add(t1!.id, t1!.text, 'Cafe\u0301', 2);
  add(t1!.id, t1!.text, 'Zürich', 2);
  p.setAnnotator('ben');
  add(t0!.id, t0!.text, 'The UN said "sanctions apply" 🇺🇳.', 1);
  add(t2!.id, t2!.text, 'Security Council', 0);
  p.handlers.setStatus({ articleId: t2!.id, status: 'done' });
  return p;
}

async function roundTrip(
  format: ExportFormat,
  layer: string,
  as?: string,
): Promise<{ first: string; second: string; fresh: Project }> {
  const p = richProject();
  const first = await exportText(p.db, { format, layer });
  const fresh = emptyProject();
  imp(fresh.db, [write(tempDir(), format === 'label-studio' ? 'export.json' : 'export.jsonl', first)], { as });
  const second = await exportText(fresh.db, { format, layer });
  return { first, second, fresh };
}

describe('import ∘ export is the identity', () => {
  it('spans, every layer (statuses, meta, external ids, untouched articles included)', async () => {
    const { first, second } = await roundTrip('spans', 'all');
    expect(first.split('\n').length).toBeGreaterThan(9);
    expect(second).toBe(first);
  });

  it('spans, one layer', async () => {
    const { first, second } = await roundTrip('spans', 'ana');
    expect(second).toBe(first);
  });

  it('spans in UTF-16 offsets too (the unit is detected from the span texts)', async () => {
    const p = richProject();
    const first = await exportText(p.db, { layer: 'all', offsets: 'utf16' });
    const fresh = emptyProject();
    const s = imp(fresh.db, [write(tempDir(), 'u.jsonl', first)]);
    expect(s.files[0]!.units.unit).toBe('utf16');
    expect(await exportText(fresh.db, { layer: 'all', offsets: 'utf16' })).toBe(first);
  });

  it('doccano, one layer (imported with --as)', async () => {
    const { first, second } = await roundTrip('doccano', 'ana', 'ana');
    expect(second).toBe(first);
  });

  it('doccano, all layers (each line names its layer)', async () => {
    const { first, second } = await roundTrip('doccano', 'all');
    expect(second).toBe(first);
  });

  it('label-studio, all layers (one annotation per layer)', async () => {
    const { first, second } = await roundTrip('label-studio', 'all');
    expect(second).toBe(first);
  });

  it('the spans themselves survive: same UTF-16 offsets, labels and layers in the fresh project', async () => {
    const p = richProject();
    const fresh = emptyProject();
    imp(fresh.db, [write(tempDir(), 'all.jsonl', await exportText(p.db, { layer: 'all' }))]);
    const q = `SELECT a.content_hash AS h, an.name AS who, l.name AS label, s.start_offset AS s, s.end_offset AS e
                 FROM spans s JOIN articles a ON a.id = s.article_id JOIN annotators an ON an.id = s.annotator_id
                 JOIN labels l ON l.id = s.label_id WHERE s.deleted = 0 ORDER BY 1, 2, 4, 5, 3`;
    expect(fresh.db.prepare(q).all()).toEqual(p.db.prepare(q).all());
  });

  it('importing the export back into the same project changes nothing', async () => {
    const p = richProject();
    const file = write(tempDir(), 'all.jsonl', await exportText(p.db, { layer: 'all' }));
    const before = snapshot(p.db);
    const s = imp(p.db, [file]);
    expect(s.articlesAdded).toBe(0);
    expect(s.spansAdded).toBe(0);
    expect(snapshot(p.db)).toBe(before);
  });
});
