// Annotator identity: migration 004 gives every person a uuid (existing rows too, ids kept),
// names may repeat across uids, setAnnotator still picks the local person by name, and
// displayName tells same-named people apart.
import { writeTransaction } from '../../src/main/backend/db/handles';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  displayName,
  ensureAnnotator,
  ensureAnnotatorByUid,
  listAnnotators,
  shortUid,
} from '../../src/main/backend/annotators';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/backend/db/migrations';
import { APPLICATION_ID, openDb } from '../../src/main/backend/db/open';
import { projectStats } from '../../src/main/backend/exporters/stats';
import { Project } from '../../src/main/backend/project';
import { RESOURCES, tempDir, tempProject } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A project file at schema 3 (before identities) with two annotators, spans and statuses. */
function schema3Project(): string {
  const file = path.join(tempDir(), 'v3.spanwise');
  const db = new Database(file);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  db.exec(`
    INSERT INTO labels (id, name, color, hotkey, position) VALUES (1, 'ACTOR', '#0072B2', '1', 0);
    INSERT INTO articles (id, title, source, text, content_hash, created_at) VALUES (1, 't', 's', 'Anna met Bo.', 'h1', 'n');
    INSERT INTO annotators (id, name, role, created_at) VALUES (7, 'anna', 'annotator', '2026-01-01T00:00:00.000Z');
    INSERT INTO annotators (id, name, role, created_at) VALUES (9, 'rev', 'reviewer', '2026-01-02T00:00:00.000Z');
    INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
      VALUES ('0190a3c4-0000-7000-8000-000000000001', 1, 7, 1, 0, 4, 'c', 'u');
    INSERT INTO article_status VALUES (1, 7, 'done', 'u');
    INSERT INTO settings VALUES ('current_annotator', '7');
  `);
  db.close();
  return file;
}

describe('migration 004: annotator identity', () => {
  it('gives existing annotators distinct uuids, keeps ids, roles, spans and statuses', () => {
    const file = schema3Project();
    const { db } = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const rows = listAnnotators(db);
    expect(rows.map((r) => [r.id, r.name, r.role])).toEqual([
      [7, 'anna', 'annotator'],
      [9, 'rev', 'reviewer'],
    ]);
    for (const r of rows) expect(r.uid).toMatch(UUID);
    expect(rows[0]!.uid).not.toBe(rows[1]!.uid);
    const span = db.prepare('SELECT a.name FROM spans s JOIN annotators a ON a.id = s.annotator_id').get();
    expect(span).toEqual({ name: 'anna' });
    expect(db.prepare('SELECT annotator_id, status FROM article_status').all()).toEqual([
      { annotator_id: 7, status: 'done' },
    ]);
    // Foreign keys still guard the rebuilt table: a span for a person who does not exist fails.
    expect(() =>
      db
        .prepare(
          `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
           VALUES ('x', 1, 99, 1, 0, 1, 'n', 'n')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    // The uids are stored, not made on each read.
    const again = listAnnotators(db);
    expect(again).toEqual(rows);
    db.close();
  });

  it('after the migration the same project opens as the same person', () => {
    const file = schema3Project();
    const p = Project.open(file, { resourcesDir: RESOURCES });
    const before = p.handlers.getSession({}).annotator!;
    expect(before).toMatchObject({ id: 7, name: 'anna' });
    p.close();
    const again = Project.open(file, { resourcesDir: RESOURCES });
    expect(again.handlers.getSession({}).annotator).toEqual(before);
    again.close();
  });

  it('names may repeat across uids; a row inserted without a uid gets one', () => {
    const p = tempProject({ demo: false });
    const a = writeTransaction(p.db, (w) =>
      ensureAnnotatorByUid(w, '11111111-1111-4111-8111-111111111111', 'Anna', true),
    );
    const b = writeTransaction(p.db, (w) =>
      ensureAnnotatorByUid(w, '22222222-2222-4222-8222-222222222222', 'Anna', true),
    );
    expect(a.created && b.created).toBe(true);
    expect(a.annotator.id).not.toBe(b.annotator.id);
    expect(
      writeTransaction(p.db, (w) => ensureAnnotatorByUid(w, '11111111-1111-4111-8111-111111111111', 'Renamed', false)),
    ).toEqual({
      annotator: a.annotator,
      created: false,
    });
    p.db.prepare("INSERT INTO annotators (name, created_at) VALUES ('Anna', 'n')").run();
    const all = listAnnotators(p.db);
    expect(all.filter((x) => x.name === 'Anna')).toHaveLength(3);
    for (const x of all) expect(x.uid).toMatch(UUID);
    expect(new Set(all.map((x) => x.uid)).size).toBe(all.length);
    p.close();
  });

  it('setAnnotator(name) keeps picking the local person, even when a merged person shares the name', () => {
    const p = tempProject({ demo: false, annotator: 'anna' });
    const me = p.handlers.getSession({}).annotator!;
    expect(me.uid).toMatch(UUID);
    writeTransaction(p.db, (w) => ensureAnnotatorByUid(w, '33333333-3333-4333-8333-333333333333', 'anna', false));
    p.setAnnotator('bo');
    p.setAnnotator('anna');
    expect(p.handlers.getSession({}).annotator).toEqual(me);
    // While anna is current, asking for her by name again does not switch to the other anna.
    expect(writeTransaction(p.db, (w) => ensureAnnotator(w, 'anna'))).toEqual(me);
    p.close();
  });

  it('typing the name of a person met through packs makes a new local person, never takes over their layer', () => {
    const p = tempProject({ demo: false, annotator: 'rev' });
    const merged = writeTransaction(p.db, (w) =>
      ensureAnnotatorByUid(w, '44444444-4444-4444-8444-444444444444', 'anna', true),
    ).annotator;
    p.setAnnotator('anna');
    const me = p.handlers.getSession({}).annotator!;
    expect(me.name).toBe('anna');
    expect(me.uid).not.toBe(merged.uid);
    expect(me.id).not.toBe(merged.id);
    // And that local anna is the one picked from now on.
    p.setAnnotator('rev');
    p.setAnnotator('anna');
    expect(p.handlers.getSession({}).annotator).toEqual(me);
    p.close();
  });
});

describe('displayName', () => {
  const anna1 = { uid: '3f2a9c10-0000-4000-8000-000000000000', name: 'Anna' };
  const anna2 = { uid: 'b71e04aa-0000-4000-8000-000000000000', name: 'anna' };
  const bo = { uid: 'c0c0c0c0-0000-4000-8000-000000000000', name: 'Bo' };

  it('is the bare name when nobody else has it', () => {
    expect(displayName(bo, [anna1, anna2, bo])).toBe('Bo');
    expect(displayName(anna1, [anna1, bo])).toBe('Anna');
  });

  it('adds a short id where names collide (case-insensitively)', () => {
    expect(displayName(anna1, [anna1, anna2, bo])).toBe('Anna (3f2a9c)');
    expect(displayName(anna2, [anna1, anna2, bo])).toBe('anna (b71e04)');
    expect(shortUid(anna2.uid)).toBe('b71e04');
  });
});

describe('stats', () => {
  it('names same-named layers with a short id, so a reviewer sees which is which', () => {
    const p = tempProject({ demo: false, annotator: 'rev' });
    const a = writeTransaction(p.db, (w) =>
      ensureAnnotatorByUid(w, '3f2a9c10-0000-4000-8000-000000000000', 'Anna', true),
    ).annotator;
    const b = writeTransaction(p.db, (w) =>
      ensureAnnotatorByUid(w, 'b71e04aa-0000-4000-8000-000000000000', 'Anna', true),
    ).annotator;
    expect(projectStats(p.db).layers.map((l) => l.name)).toEqual(['Anna (3f2a9c)', 'Anna (b71e04)', 'rev']);
    expect([a.name, b.name]).toEqual(['Anna', 'Anna']);
    p.close();
  });
});
