// Work packs and merge: a pack carries one annotator's layer (spans with ids, timestamps and
// tombstones, statuses, labels, articles with text) and merging is idempotent, independent of
// the order of annotators, last-writer-wins per span, confined to the pack's layer, and refuses
// a bad pack leaving the project file byte for byte as it was.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/main/backend/articles';
import { openDb } from '../../src/main/backend/db/open';
import { checkSpanRecord, PACK_VERSION, readPack, SpanRecordSchema } from '../../src/main/backend/packs/format';
import { formatMergeSummary, mergePacks } from '../../src/main/backend/packs/merge';
import { writeWorkPack } from '../../src/main/backend/packs/work-pack';
import type { Project } from '../../src/main/backend/project';
import { AppError } from '../../src/shared/result';
import { expectSameBytes, folderBytes, tempDir } from './helpers';
import { snapshot } from './fixtures/io';
import { annotatorProject, articleIds, labelId, layer, packLines, seal, TEXTS, tick } from './fixtures/packs';

/** Anna's work: two spans on article 0 (one later deleted), one on article 1, article 0 done. */
function annasWork(p: Project) {
  const [a0, a1] = articleIds(p);
  const kim = p.handlers.createSpan({ articleId: a0!, labelId: labelId(p, 'ACTOR'), start: 0, end: 10 });
  const putin = p.handlers.createSpan({ articleId: a0!, labelId: labelId(p, 'ACTOR'), start: 15, end: 20 });
  const un = p.handlers.createSpan({ articleId: a1!, labelId: labelId(p, 'SANCTION'), start: 4, end: 22 });
  p.handlers.deleteSpan({ id: putin.id });
  p.handlers.setStatus({ articleId: a0!, status: 'done' });
  return { kim, putin, un };
}

function packOf(p: Project, name = 'anna.swpack'): string {
  const out = path.join(tempDir(), name);
  writeWorkPack(p.db, p.handlers.getSession({}).annotator!.name, out);
  return out;
}

function uidOf(p: Project): string {
  return p.handlers.getSession({}).annotator!.uid;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) {
      expect(err.code).toBe('BAD_INPUT');
      return err.message;
    }
    throw err;
  }
  throw new Error('expected a refusal, nothing was thrown');
}

describe('work pack', () => {
  it('round trip: header, labels, articles with text, statuses, spans with ids, timestamps and tombstones', () => {
    const anna = annotatorProject('anna');
    const { kim, putin, un } = annasWork(anna);
    const file = packOf(anna);
    const pack = readPack(file, 'work');
    expect(pack.header).toMatchObject({
      format: 'spanwise-pack',
      version: PACK_VERSION,
      kind: 'work',
      offsets: 'utf16',
      annotator: { uid: uidOf(anna), name: 'anna' },
      guidelinesHash: contentHash(anna.handlers.getGuidelines({})),
    });
    expect(pack.labels.map((l) => [l.name, l.color, l.hotkey])).toEqual([
      ['ACTOR', '#0072B2', '1'],
      ['SANCTION', '#D55E00', '4'],
    ]);
    expect([...pack.articles.values()].map((a) => [a.text, a.title, a.meta])).toEqual([
      [TEXTS[0], 'T0', { i: 0 }],
      [TEXTS[1], 'T1', { i: 1 }],
    ]);
    expect(pack.statuses.map((s) => [s.article, s.status])).toEqual([
      [contentHash(TEXTS[0]!), 'done'],
      [contentHash(TEXTS[1]!), 'in_progress'],
    ]);
    const spans = new Map(pack.spans.map((s) => [s.id, s]));
    expect(spans.size).toBe(3);
    expect(spans.get(kim.id)).toMatchObject({
      article: contentHash(TEXTS[0]!),
      label: 'ACTOR',
      start: 0,
      end: 10,
      origin: 'manual',
      createdAt: kim.createdAt,
      updatedAt: kim.updatedAt,
      deleted: false,
    });
    expect(spans.get(putin.id)).toMatchObject({ deleted: true, start: 15, end: 20 });
    expect(spans.get(un.id)).toMatchObject({ label: 'SANCTION', article: contentHash(TEXTS[1]!) });
    // The file: a header line, records, and the checksum of everything before the last line.
    const raw = fs.readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(raw[0]!)).toMatchObject({ format: 'spanwise-pack', offsets: 'utf16' });
    expect(JSON.parse(raw[raw.length - 2]!)).toEqual({ type: 'end', records: raw.length - 3, sha256: pack.checksum });
    anna.close();
  });

  it('names a person by uid when names repeat, and refuses an unknown one', () => {
    const p = annotatorProject('anna');
    const out = path.join(tempDir(), 'x.swpack');
    expect(() => writeWorkPack(p.db, 'nobody', out)).toThrow(/no annotator "nobody"/);
    p.db.prepare("INSERT INTO annotators (name, created_at) VALUES ('anna', 'n')").run();
    expect(() => writeWorkPack(p.db, 'anna', out)).toThrow(/2 annotators are named "anna": anna \([0-9a-f]{6}\)/);
    expect(writeWorkPack(p.db, uidOf(p), out).annotator.name).toBe('anna');
    expect(writeWorkPack(p.db, uidOf(p).slice(0, 8), out).annotator.uid).toBe(uidOf(p));
    expect(() => writeWorkPack(p.db, uidOf(p), p.file)).toThrow(/project/);
    p.close();
  });
});

describe('merge', () => {
  it("puts the pack into the pack person's layer with ids, timestamps and origin; articles and labels arrive", () => {
    const anna = annotatorProject('anna');
    annasWork(anna);
    anna.handlers.createLabel({ name: 'Weapon', color: '#123456', hotkey: 'w' });
    const a0 = articleIds(anna)[0]!;
    anna.handlers.createSpan({ articleId: a0, labelId: labelId(anna, 'Weapon'), start: 35, end: 37 });
    const file = packOf(anna);

    const rev = annotatorProject('rev');
    rev.db.prepare('DELETE FROM articles WHERE content_hash = ?').run(contentHash(TEXTS[1]!));
    const [summary] = mergePacks(rev.db, [file]);
    expect(summary).toMatchObject({
      annotator: { uid: uidOf(anna), name: 'anna', created: true },
      spans: { added: 3, updated: 0, deleted: 1, unchanged: 0 },
      articlesAdded: 1,
      labelsCreated: ['Weapon'],
      statusesChanged: 2,
      guidelinesDiffer: false,
    });
    expect(layer(rev.db, uidOf(anna))).toEqual(layer(anna.db, uidOf(anna)));
    // Anna is someone whose work arrives in packs here, not a person of this machine.
    expect(rev.db.prepare('SELECT name, remote FROM annotators WHERE uid = ?').get(uidOf(anna))).toEqual({
      name: 'anna',
      remote: 1,
    });
    expect(rev.handlers.listLabels({}).find((l) => l.name === 'Weapon')).toMatchObject({
      color: '#123456',
      hotkey: 'w',
    });
    const text1 = rev.db.prepare('SELECT text, meta FROM articles WHERE content_hash = ?').get(contentHash(TEXTS[1]!));
    expect(text1).toEqual({ text: TEXTS[1], meta: '{"i":1}' });
    // The reviewer's own layer is untouched and still theirs.
    expect(layer(rev.db, uidOf(rev)).spans).toEqual([]);
    expect(rev.handlers.getSession({}).annotator!.name).toBe('rev');
    expect(formatMergeSummary(summary!)).toMatch(/3 added, 0 updated, 1 deleted, 0 unchanged[\s\S]*Weapon/);
    anna.close();
    rev.close();
  });

  it('maps labels by name in any case: a renamed "Actor" is the project\'s ACTOR, nothing created', () => {
    const anna = annotatorProject('anna');
    anna.handlers.updateLabel({ id: labelId(anna, 'ACTOR'), name: 'Actor', color: '#654321' });
    const { kim } = annasWork(anna);
    const rev = annotatorProject('rev');
    const [s] = mergePacks(rev.db, [packOf(anna)]);
    expect(s!.labelsCreated).toEqual([]);
    expect(rev.handlers.listLabels({}).map((l) => l.name)).toEqual(['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION']);
    const row = rev.db.prepare('SELECT l.name, l.color FROM spans s JOIN labels l ON l.id = s.label_id WHERE s.id = ?');
    expect(row.get(kim.id)).toEqual({ name: 'ACTOR', color: '#0072B2' });
    anna.close();
    rev.close();
  });

  it('is idempotent: merging the same pack again changes nothing', () => {
    const anna = annotatorProject('anna');
    annasWork(anna);
    const file = packOf(anna);
    const rev = annotatorProject('rev');
    mergePacks(rev.db, [file]);
    const after = layer(rev.db, uidOf(anna));
    const counts = rev.db.prepare('SELECT (SELECT count(*) FROM spans) s, (SELECT count(*) FROM annotators) a').get();
    const [again] = mergePacks(rev.db, [file]);
    expect(again).toMatchObject({
      annotator: { created: false },
      spans: { added: 0, updated: 0, deleted: 0, unchanged: 3 },
      articlesAdded: 0,
      labelsCreated: [],
      statusesChanged: 0,
    });
    expect(layer(rev.db, uidOf(anna))).toEqual(after);
    expect(rev.db.prepare('SELECT (SELECT count(*) FROM spans) s, (SELECT count(*) FROM annotators) a').get()).toEqual(
      counts,
    );
    anna.close();
    rev.close();
  });

  it('merging your own pack back is allowed and changes nothing', () => {
    const anna = annotatorProject('anna');
    annasWork(anna);
    const before = layer(anna.db, uidOf(anna));
    const [s] = mergePacks(anna.db, [packOf(anna)]);
    expect(s).toMatchObject({
      annotator: { created: false },
      spans: { added: 0, updated: 0, deleted: 0, unchanged: 3 },
    });
    expect(layer(anna.db, uidOf(anna))).toEqual(before);
    anna.close();
  });

  it('two people who both typed "Anna" stay two layers, in any merge order', () => {
    const anna1 = annotatorProject('Anna');
    annasWork(anna1);
    const anna2 = annotatorProject('Anna');
    const a2 = articleIds(anna2)[2]!;
    anna2.handlers.createSpan({ articleId: a2, labelId: labelId(anna2, 'LOCATION'), start: 0, end: 5 });
    anna2.handlers.createLabel({ name: 'weapon' });
    anna2.handlers.createSpan({ articleId: a2, labelId: labelId(anna2, 'weapon'), start: 6, end: 10 });
    const p1 = packOf(anna1, 'anna1.swpack');
    const p2 = packOf(anna2, 'anna2.swpack');

    const ab = annotatorProject('rev', 'ab.spanwise');
    mergePacks(ab.db, [p1, p2]);
    const ba = annotatorProject('rev', 'ba.spanwise');
    mergePacks(ba.db, [p2]);
    mergePacks(ba.db, [p1]);
    for (const uid of [uidOf(anna1), uidOf(anna2)]) {
      expect(layer(ab.db, uid)).toEqual(layer(ba.db, uid));
      expect(layer(ab.db, uid).spans.length).toBeGreaterThan(0);
    }
    expect(layer(ab.db, uidOf(anna2))).toEqual(layer(anna2.db, uidOf(anna2)));
    const annas = ab.handlers.listAnnotators({}).filter((a) => a.name === 'Anna');
    expect(annas.map((a) => a.uid).sort()).toEqual([uidOf(anna1), uidOf(anna2)].sort());
    for (const p of [anna1, anna2, ab, ba]) p.close();
  });

  it('last writer wins per span id, tombstones included, whatever order the packs arrive in', () => {
    const anna = annotatorProject('anna');
    const { kim, un } = annasWork(anna);
    const early = packOf(anna, 'early.swpack');
    tick();
    anna.handlers.updateSpan({ id: kim.id, start: 0, end: 3, labelId: labelId(anna, 'CLAIM') });
    anna.handlers.deleteSpan({ id: un.id });
    const late = packOf(anna, 'late.swpack');
    const expected = layer(anna.db, uidOf(anna));

    const forward = annotatorProject('rev', 'f.spanwise');
    mergePacks(forward.db, [early]);
    const [s] = mergePacks(forward.db, [late]);
    expect(s!.spans).toEqual({ added: 0, updated: 1, deleted: 1, unchanged: 1 });
    const backward = annotatorProject('rev', 'b.spanwise');
    mergePacks(backward.db, [late]);
    const [old] = mergePacks(backward.db, [early]);
    // The older pack loses everywhere: its live versions do not resurrect the deleted span.
    expect(old!.spans).toEqual({ added: 0, updated: 0, deleted: 0, unchanged: 3 });
    expect(layer(forward.db, uidOf(anna))).toEqual(expected);
    expect(layer(backward.db, uidOf(anna))).toEqual(expected);
    const unRow = expected.spans.find((r) => r.id === un.id)!;
    expect(unRow.deleted).toBe(1);
    expect(expected.spans.find((r) => r.id === kim.id)).toMatchObject({ label: 'CLAIM', end: 3 });
    for (const p of [anna, forward, backward]) p.close();
  });

  it('equal timestamps with different content resolve the same way in either order', () => {
    const anna = annotatorProject('anna');
    const { kim } = annasWork(anna);
    const a = packOf(anna, 'a.swpack');
    const lines = packLines(a);
    const i = lines.findIndex((l) => l.includes(kim.id));
    const rec = JSON.parse(lines[i]!) as { end: number };
    rec.end = 3;
    lines[i] = JSON.stringify(rec);
    const b = seal(path.join(tempDir(), 'b.swpack'), lines);
    const x = annotatorProject('rev', 'x.spanwise');
    mergePacks(x.db, [a, b]);
    const y = annotatorProject('rev', 'y.spanwise');
    mergePacks(y.db, [b, a]);
    expect(layer(x.db, uidOf(anna))).toEqual(layer(y.db, uidOf(anna)));
    for (const p of [anna, x, y]) p.close();
  });
});

describe('refusals leave the project file byte for byte unchanged', () => {
  /** A closed reviewer project, its folder's bytes, and a merge that must be refused. */
  function refusedMerge(files: string[], prepare?: (db: ReturnType<typeof openDb>['db']) => void): string {
    const rev = annotatorProject('rev');
    prepare?.(rev.db);
    const dir = path.dirname(rev.file);
    rev.close();
    const before = folderBytes(dir);
    const { db } = openDb(rev.file);
    let message = '';
    try {
      message = refusal(() => mergePacks(db, files));
    } finally {
      db.close();
    }
    expectSameBytes(dir, before);
    return message;
  }

  function goodPack(): { file: string; anna: Project } {
    const anna = annotatorProject('anna');
    annasWork(anna);
    return { file: packOf(anna), anna };
  }

  it('a pack from a newer version', () => {
    const { file } = goodPack();
    const lines = packLines(file);
    const header = JSON.parse(lines[0]!) as { version: number };
    header.version = PACK_VERSION + 1;
    lines[0] = JSON.stringify(header);
    seal(file, lines);
    expect(refusedMerge([file])).toMatch(
      new RegExp(`^${file}: written by a newer Spanwise \\(pack version ${PACK_VERSION + 1}`),
    );
  });

  it('a truncated pack', () => {
    const { file } = goodPack();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(refusedMerge([file])).toBe(`${file}: truncated: the pack does not end with its checksum line`);
    const noEnd = path.join(tempDir(), 'noend.swpack');
    fs.writeFileSync(noEnd, packLines(file).join('\n') + '\n');
    expect(refusedMerge([noEnd])).toMatch(/truncated/);
  });

  it('a tampered pack (checksum)', () => {
    const { file } = goodPack();
    const text = fs.readFileSync(file, 'utf8').replace('"start":0', '"start":1');
    fs.writeFileSync(file, text);
    expect(refusedMerge([file])).toBe(
      `${file}: checksum mismatch: the pack was changed or damaged after it was written`,
    );
  });

  it("an article whose text does not match its hash, or differs from the project's article of that hash", () => {
    const { file } = goodPack();
    const lines = packLines(file);
    const i = lines.findIndex((l) => l.includes('"type":"article"'));
    const changed = path.join(tempDir(), 'changed.swpack');
    seal(
      changed,
      lines.map((l, k) => (k === i ? l.replace('Kim Jong Un', 'Kim Jong-un') : l)),
    );
    expect(refusedMerge([changed])).toBe(
      `${changed}:${i + 1}: article ${contentHash(TEXTS[0]!).slice(0, 12)}: its text does not match its content hash`,
    );
    // The project holds an article under that hash whose text is not the pack's.
    const message = refusedMerge([file], (db) =>
      db.prepare('UPDATE articles SET text = ? WHERE content_hash = ?').run('other text', contentHash(TEXTS[0]!)),
    );
    expect(message).toBe(
      `${file}:${i + 1}: article ${contentHash(TEXTS[0]!).slice(0, 12)} has the same content hash as one in this project but different text`,
    );
  });

  it('a file that is not a pack, or an assignment pack', () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes.swpack');
    fs.writeFileSync(notes, 'Just some notes.\n');
    expect(refusedMerge([notes])).toBe(`${notes}: not a Spanwise pack (its first line is not a pack header)`);
    const json = path.join(dir, 'data.jsonl');
    fs.writeFileSync(json, '{"text":"hello"}\n');
    expect(refusedMerge([json])).toMatch(/not a Spanwise pack/);
    const empty = path.join(dir, 'empty.swpack');
    fs.writeFileSync(empty, '');
    expect(refusedMerge([empty])).toMatch(/not a Spanwise pack/);
    const { file } = goodPack();
    const lines = packLines(file);
    lines[0] = lines[0]!.replace('"kind":"work"', '"kind":"assignment"');
    seal(file, lines);
    expect(refusedMerge([file])).toMatch(/is an assignment pack \(open it with open-pack\)/);
  });

  it('a malformed record names its line', () => {
    const { file } = goodPack();
    const lines = packLines(file);
    const i = lines.findIndex((l) => l.includes('"type":"span"'));
    const rec = JSON.parse(lines[i]!) as { start: number; end: number };
    rec.end = rec.start;
    lines[i] = JSON.stringify(rec);
    seal(file, lines);
    expect(refusedMerge([file])).toMatch(new RegExp(`^${file}:${i + 1}: span \\d+\\.\\.\\d+ is outside its article`));
    lines[i] = '{"type":"span","id":"not-a-uuid"}';
    seal(file, lines);
    expect(refusedMerge([file])).toMatch(new RegExp(`^${file}:${i + 1}: `));
  });

  it("a span that is in another annotator's layer here: the whole merge rolls back, earlier packs too", () => {
    const { file } = goodPack();
    const bo = annotatorProject('bo');
    bo.handlers.createSpan({ articleId: articleIds(bo)[2]!, labelId: labelId(bo, 'ACTOR'), start: 0, end: 5 });
    const boPack = packOf(bo, 'bo.swpack');
    const spanId = readPack(file).spans[0]!.id;
    const message = refusedMerge([boPack, file], (db) => {
      const rev = db.prepare("SELECT id FROM annotators WHERE name = 'rev'").get() as { id: number };
      const article = db.prepare('SELECT id FROM articles ORDER BY id LIMIT 1').get() as { id: number };
      db.prepare(
        `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
         VALUES (?, ?, ?, 1, 0, 3, 'n', 'n')`,
      ).run(spanId, article.id, rev.id);
    });
    expect(message).toMatch(new RegExp(`^${file}:\\d+: span ${spanId} belongs to another annotator's layer`));
  });

  it("a known person's later pack naming a span of another layer is refused too", () => {
    const { file, anna } = goodPack();
    const rev = annotatorProject('rev');
    mergePacks(rev.db, [file]);
    const mine = rev.handlers.createSpan({
      articleId: articleIds(rev)[0]!,
      labelId: labelId(rev, 'ACTOR'),
      start: 0,
      end: 3,
    });
    const lines = packLines(file);
    const i = lines.findIndex((l) => l.includes('"type":"span"'));
    lines[i] = lines[i]!.replace(/"id":"[^"]+"/, `"id":"${mine.id}"`);
    const forged = seal(path.join(tempDir(), 'forged.swpack'), lines);
    const before = snapshot(rev.db);
    expect(refusal(() => mergePacks(rev.db, [forged]))).toBe(
      `${forged}:${i + 1}: span ${mine.id} belongs to another annotator's layer in this project`,
    );
    expect(snapshot(rev.db)).toBe(before);
    anna.close();
    rev.close();
  });

  it('a pack cut inside its header is truncated, and refuses the good packs beside it', () => {
    const { file } = goodPack();
    const bad = path.join(tempDir(), 'bad.swpack');
    fs.writeFileSync(bad, fs.readFileSync(file).subarray(0, 100));
    expect(refusedMerge([file, bad])).toBe(`${bad}: truncated: the pack does not end with its checksum line`);
  });
});

describe('the span record check', () => {
  const good = {
    type: 'span',
    id: '0190A3C4-0000-7000-8000-000000000001',
    article: 'a'.repeat(64),
    label: ' ACTOR ',
    start: 0,
    end: 4,
    origin: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    deleted: false,
  };
  const cases: Record<string, unknown>[] = [
    good,
    { ...good, id: 'x' },
    { ...good, article: 'A'.repeat(64) },
    { ...good, article: 'a'.repeat(63) },
    { ...good, label: '   ' },
    { ...good, label: 'L'.repeat(41) },
    { ...good, label: 3 },
    { ...good, start: -1 },
    { ...good, start: 1.5 },
    { ...good, end: '4' },
    { ...good, end: Number.MAX_SAFE_INTEGER + 2 },
    { ...good, origin: null },
    { ...good, createdAt: '2026-01-01' },
    { ...good, updatedAt: '2026-01-01T00:00:01Z' },
    { ...good, deleted: 0 },
    { ...good, extra: 1 },
    (({ deleted: _d, ...rest }) => rest)(good),
  ];

  it('accepts and refuses exactly what the schema does, and normalises the same way', () => {
    for (const c of cases) {
      const schema = SpanRecordSchema.safeParse(c);
      const ours = checkSpanRecord(c);
      expect(typeof ours !== 'string', JSON.stringify(c)).toBe(schema.success);
      if (schema.success) expect(ours).toEqual(schema.data);
    }
  });
});
