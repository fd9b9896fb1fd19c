// db/open.ts and db/migrations: schema on a fresh file, idempotent re-open, refusal of files
// that are newer, not SQLite, or another application's database — without touching them.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src/main/backend/db/migrations';
import { APPLICATION_ID, openDb } from '../../src/main/backend/db/open';
import { Project } from '../../src/main/backend/project';
import { AppError } from '../../src/shared/result';
import { expectSameBytes, folderBytes, RESOURCES, tempDir } from './helpers';

const TABLES = [
  'annotators',
  'article_order',
  'article_review',
  'article_status',
  'articles',
  'decisions',
  'labels',
  'merged_packs',
  'sentence_articles',
  'sentence_dirty',
  'sentence_keys',
  'sentence_matches',
  'sentence_pairs',
  'settings',
  'span_batch_members',
  'span_batches',
  'spans',
  'status_counts',
  'suggestion_dismissals',
];
/** The full-text index: a virtual table, whose shadow tables SQLite makes and owns. */
const FTS = 'articles_fts';

/** Our tables: not the full-text index's virtual table or the shadow tables behind it. */
function tableNames(db: Database.Database): string[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith(`${FTS}_`));
}

/** Runs fn, expects an AppError with this code, returns it. */
function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return err as AppError;
  }
  throw new Error(`expected AppError ${code}, but nothing was thrown`);
}

describe('fresh file', () => {
  it('gets the schema, user_version = LATEST_VERSION and the application id', () => {
    const file = path.join(tempDir(), 'nested', 'fresh.spanwise');
    const { db, created } = openDb(file);
    expect(created).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
    // The id is in the file header (offset 68, big-endian), not just in the connection.
    expect(fs.readFileSync(file).readUInt32BE(68)).toBe(APPLICATION_ID);
  });

  it('an empty (0-byte) file becomes a project only when one is being created', () => {
    const file = path.join(tempDir(), 'empty.spanwise');
    fs.writeFileSync(file, '');
    expect(() => openDb(file)).toThrow(/is an empty file, not a Spanwise project/);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['empty.spanwise']);
    const { db, created } = openDb(file, { create: true });
    expect(created).toBe(true);
    expect(tableNames(db)).toEqual(TABLES);
    db.close();
  });

  it('runs in WAL mode with foreign keys on', () => {
    const { db } = openDb(path.join(tempDir(), 'p.spanwise'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Foreign keys really are enforced: a span pointing at no article is refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
           VALUES ('x', 999, 999, 999, 0, 1, 't', 't')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('declares every table STRICT', () => {
    const { db } = openDb(path.join(tempDir(), 'p.spanwise'));
    const rows = db.prepare('PRAGMA table_list').all() as {
      name: string;
      schema: string;
      type: string;
      strict: number;
    }[];
    const ours = rows.filter((r) => r.schema === 'main' && r.type === 'table' && !r.name.startsWith('sqlite_'));
    expect(rows.filter((r) => r.type === 'virtual').map((r) => r.name)).toEqual([FTS]);
    expect(ours.map((r) => r.name).sort()).toEqual(TABLES);
    for (const r of ours) expect(r.strict, r.name).toBe(1);
    db.close();
  });

  it('STRICT: a string in an INTEGER column is refused, not silently stored', () => {
    const { db } = openDb(path.join(tempDir(), 'p.spanwise'));
    expect(() =>
      db.prepare("INSERT INTO labels (name, color, hotkey, position) VALUES ('X', '#000000', NULL, 'first')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    // And a BLOB in a TEXT column (a non-STRICT table would store it as is).
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', x'00')").run()).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
    expect((db.prepare('SELECT count(*) AS n FROM labels').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('check constraints guard span offsets and status values', () => {
    const { db } = openDb(path.join(tempDir(), 'p.spanwise'));
    db.prepare(
      "INSERT INTO articles (id, title, source, text, content_hash, created_at) VALUES (1, 't', 's', 'abc', 'h', 'n')",
    ).run();
    db.prepare("INSERT INTO annotators (id, name, created_at) VALUES (1, 'a', 'n')").run();
    db.prepare("INSERT INTO labels (id, name, color, position) VALUES (1, 'L', '#000000', 0)").run();
    const insertSpan = db.prepare(
      `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
       VALUES (?, 1, 1, 1, ?, ?, 'n', 'n')`,
    );
    expect(() => insertSpan.run('a', 2, 2)).toThrow(/CHECK constraint/);
    expect(() => insertSpan.run('b', -1, 2)).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (1, 1, 'finished', 'n')",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('re-running', () => {
  it('migrate() on an up-to-date database applies nothing and changes nothing', () => {
    const { db } = openDb(path.join(tempDir(), 'p.spanwise'));
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schemaBefore);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('migrate() on a blank database applies every migration in order', () => {
    const db = new Database(path.join(tempDir(), 'raw.db'));
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('re-opening a project keeps its data and does not seed again', () => {
    const file = path.join(tempDir(), 'p.spanwise');
    const first = Project.open(file, { resourcesDir: RESOURCES, demo: true });
    first.setAnnotator('ana');
    const article = first.handlers.listArticles({ status: 'all', at: 0, limit: 10 }).items[0]!;
    const label = first.handlers.listLabels({})[0]!;
    const span = first.handlers.createSpan({ articleId: article.id, labelId: label.id, start: 0, end: 3 });
    first.handlers.createLabel({ name: 'EXTRA' });
    const counts = (db: Database.Database) =>
      Object.fromEntries(
        TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
      );
    const before = counts(first.db);
    first.close();

    const again = Project.open(file, { resourcesDir: RESOURCES, demo: true });
    expect(counts(again.db)).toEqual(before);
    expect(again.handlers.listSpans({ articleId: article.id })).toEqual([span]);
    expect(again.handlers.listLabels({}).map((l) => l.name)).toEqual([
      'ACTOR',
      'CLAIM',
      'LOCATION',
      'SANCTION',
      'EXTRA',
    ]);
    expect(again.handlers.getSession({}).annotator?.name).toBe('ana');
    again.close();

    // And the low-level open reports the file as existing, not created.
    const reopened = openDb(file);
    expect(reopened.created).toBe(false);
    reopened.db.close();
  });

  it('a failing migration rolls back every pending one (the previous version stays intact)', () => {
    const db = new Database(path.join(tempDir(), 'raw.db'));
    db.exec('CREATE TABLE labels (id INTEGER PRIMARY KEY) STRICT'); // makes 001 fail midway
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(db)).toEqual(['labels']);
    db.close();
  });
});

describe('project creation', () => {
  // Project.open migrates a new file, then seeds it. When seeding fails (e.g. resourcesDir lacks
  // articles/manifest.json) the new file is removed, so that the next open seeds it afresh
  // instead of finding a half-made project (schema and labels, no articles) forever.
  it('a creation whose seeding fails leaves nothing half-made behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'new.spanwise');
    const brokenResources = tempDir();
    expect(() => Project.open(file, { resourcesDir: brokenResources, demo: true })).toThrow(/manifest\.json/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const retry = Project.open(file, { resourcesDir: RESOURCES, demo: true });
    const n = (retry.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    retry.close();
    expect(n).toBe(5);
  });
});

describe('refusals leave the file untouched', () => {
  it('a file with a higher user_version is refused with SCHEMA_TOO_NEW', () => {
    const dir = tempDir();
    const file = path.join(dir, 'future.spanwise');
    const { db } = openDb(file);
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = folderBytes(dir);

    const err = expectAppError(() => openDb(file), 'SCHEMA_TOO_NEW');
    expect(err.message).toContain(String(LATEST_VERSION + 1));
    expectAppError(() => Project.open(file, { resourcesDir: RESOURCES, demo: true }), 'SCHEMA_TOO_NEW');
    expectSameBytes(dir, before);
  });

  it('a newer file in rollback-journal mode is not switched to WAL either', () => {
    // A newer Spanwise might not use WAL, or another tool may have changed the journal mode.
    const dir = tempDir();
    const file = path.join(dir, 'future.spanwise');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_table (x INTEGER) STRICT');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = folderBytes(dir);

    expectAppError(() => openDb(file), 'SCHEMA_TOO_NEW');
    expectSameBytes(dir, before);
  });

  it('a file that is not SQLite is refused with NOT_A_PROJECT', () => {
    const dir = tempDir();
    const long = path.join(dir, 'notes.spanwise');
    fs.writeFileSync(long, 'These are my notes, not a database.\n'.repeat(200));
    const short = path.join(dir, 'short.spanwise');
    fs.writeFileSync(short, 'hello');
    const before = folderBytes(dir);

    const err = expectAppError(() => openDb(long), 'NOT_A_PROJECT');
    expect(err.message).toContain(long);
    expectAppError(() => openDb(short), 'NOT_A_PROJECT');
    expectAppError(() => Project.open(long, { resourcesDir: RESOURCES, demo: true }), 'NOT_A_PROJECT');
    expectSameBytes(dir, before);
  });

  it.runIf(fs.existsSync('/proc/self/fd'))('a refused file is not left open (no leaked handle)', () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes.spanwise');
    fs.writeFileSync(notes, 'not a database\n'.repeat(100));
    const future = path.join(dir, 'future.spanwise');
    const { db } = openDb(future);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const handlesOn = (file: string) =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    expectAppError(() => openDb(notes), 'NOT_A_PROJECT');
    expectAppError(() => openDb(future), 'SCHEMA_TOO_NEW');
    expect(handlesOn(notes)).toBe(0);
    expect(handlesOn(future)).toBe(0);
  });

  it("another application's SQLite file (tables, different application_id) is refused with NOT_A_PROJECT", () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.db');
    const raw = new Database(file);
    raw.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('x');");
    raw.pragma('application_id = 1234');
    raw.close();
    const before = folderBytes(dir);

    const err = expectAppError(() => openDb(file), 'NOT_A_PROJECT');
    expect(err.message).toMatch(/another application/);
    expectAppError(() => Project.open(file, { resourcesDir: RESOURCES, demo: true }), 'NOT_A_PROJECT');
    expectSameBytes(dir, before);
  });

  it("an empty SQLite file that carries another application's id is refused, not claimed", () => {
    const dir = tempDir();
    const file = path.join(dir, 'theirs.db');
    const raw = new Database(file);
    raw.pragma('application_id = 1234');
    raw.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const before = folderBytes(dir);
    expectAppError(() => openDb(file), 'NOT_A_PROJECT');
    expectSameBytes(dir, before);
  });

  it('a SQLite file with tables but no application id at all is refused too', () => {
    const dir = tempDir();
    const file = path.join(dir, 'plain.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = folderBytes(dir);
    expectAppError(() => openDb(file), 'NOT_A_PROJECT');
    expectSameBytes(dir, before);
  });
});

describe('every earlier schema moves to the latest with its data', () => {
  /** A project file as Spanwise at schema `version` wrote it, holding one of everything. */
  function fileAt(version: number): string {
    const file = path.join(tempDir(), `v${version}.spanwise`);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((m) => m.version <= version)) m.up(db);
    db.pragma(`user_version = ${version}`);
    // Statements every schema so far accepts, as each version's app would have written them.
    db.exec(`
      INSERT INTO settings (key, value) VALUES ('guidelines', 'Label actors.'), ('current_annotator', '2');
      INSERT INTO labels (name, color, hotkey, description, position) VALUES
        ('ACTOR', '#0072B2', '1', 'A person', 0), ('PLACE', '#009E73', NULL, '', 1);
      INSERT INTO annotators (name, role, created_at) VALUES
        ('ana', 'annotator', '2026-01-01T00:00:00Z'), ('bo', 'reviewer', '2026-01-02T00:00:00Z');
      INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES
        ('Summit', 'wire', 'Kim 🤝 Putin met in Vladivostok.', '{"url":"x"}', 'h1', '2026-01-01T00:00:00Z'),
        ('Other', 'paper', 'Seoul said nothing.', '{}', 'h2', '2026-01-01T00:00:00Z');
      INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at, deleted) VALUES
        ('00000000-0000-4000-8000-000000000001', 1, 1, 1, 0, 3, 'manual', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 0),
        ('00000000-0000-4000-8000-000000000002', 1, 2, 2, 22, 33, 'import:doccano', '2026-01-01T00:00:00Z', '2026-01-01T00:00:02Z', 1),
        ('00000000-0000-4000-8000-000000000003', 2, 1, 2, 0, 5, 'manual', '2026-01-01T00:00:00Z', '2026-01-01T00:00:03Z', 0);
      INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES
        (1, 1, 'done', '2026-01-01T00:00:00Z'), (2, 2, 'in_progress', '2026-01-01T00:00:00Z');
    `);
    db.close();
    return file;
  }

  /** What every version keeps: the rows of the first schema's columns. */
  function content(db: Database.Database) {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      settings: all('SELECT key, value FROM settings ORDER BY key'),
      labels: all('SELECT id, name, color, hotkey, description, position FROM labels ORDER BY id'),
      annotators: all('SELECT id, name, role, created_at FROM annotators ORDER BY id'),
      articles: all('SELECT id, title, source, text, meta, content_hash, created_at FROM articles ORDER BY id'),
      spans: all(
        'SELECT id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at, deleted FROM spans ORDER BY id',
      ),
      status: all('SELECT article_id, annotator_id, status, updated_at FROM article_status ORDER BY 1, 2'),
    };
  }

  for (const from of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_VERSION)) {
    it(`schema ${from}: opens at schema ${LATEST_VERSION}, every row kept, integrity and foreign keys intact`, () => {
      const file = fileAt(from);
      const raw = new Database(file);
      const before = content(raw);
      raw.close();
      const { db, migrated } = openDb(file);
      try {
        expect(migrated).toEqual(MIGRATIONS.filter((m) => m.version > from).map((m) => m.version));
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(content(db)).toEqual(before);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // The articles the file had are in the full-text index, and stay in step with the table.
        const fts = (q: string) =>
          (
            db.prepare('SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid').all(q) as {
              id: number;
            }[]
          ).map((r) => r.id);
        expect(fts('vladivostok')).toEqual([1]);
        expect(fts('"seoul said"')).toEqual([2]);
        // FTS5's own check: the index matches the articles table (it throws when it does not).
        expect(() =>
          db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run(),
        ).not.toThrow();
        // The articles the file had wait for the sentence index, and a new one joins them.
        const dirty = () =>
          (db.prepare('SELECT article_id AS id FROM sentence_dirty ORDER BY 1').all() as { id: number }[]).map(
            (r) => r.id,
          );
        expect(dirty()).toEqual([1, 2]);
        expect(db.prepare('SELECT count(*) AS n FROM sentence_articles').get()).toEqual({ n: 0 });
        // The project works at the new schema: its session, spans and statuses read as before.
      } finally {
        db.close();
      }
      const project = Project.open(file, { resourcesDir: RESOURCES });
      try {
        expect(project.handlers.getSession({}).annotator?.name).toBe('bo');
        expect(project.handlers.listSpans({ articleId: 1 })).toEqual([]);
        project.setAnnotator('ana');
        expect(project.handlers.listSpans({ articleId: 1 }).map((s) => s.id)).toEqual([
          '00000000-0000-4000-8000-000000000001',
        ]);
        expect(project.handlers.getProgress({})).toMatchObject({ done: 1, total: 2 });
        // The list's label filters read the index schema 9 adds, from the spans the file held
        // (ana's live ACTOR on 1, CLAIM on 2; bo's deleted span counts for nobody).
        const ids = (q: { withLabel?: number; withoutLabel?: number }) =>
          project.handlers.listArticles({ status: 'all', at: 0, limit: 10, ...q }).items.map((a) => a.id);
        expect(ids({ withLabel: 1 })).toEqual([1]);
        expect(ids({ withoutLabel: 1 })).toEqual([2]);
        expect(ids({ withLabel: 2 })).toEqual([2]);
        expect(
          project.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'spans_by_annotator_label'").get(),
        ).toBeDefined();
        // The list's rows come from schema 11's index, built over the articles the file held.
        expect(
          project.handlers.listArticles({ status: 'all', at: 0, limit: 10 }).items.map((a) => [a.id, a.title]),
        ).toEqual(
          (
            project.db.prepare('SELECT id, title FROM articles ORDER BY id').all() as { id: number; title: string }[]
          ).map((a) => [a.id, a.title]),
        );
        expect(project.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'articles_list'").get()).toBeDefined();
        // The list's positions and counts are built from the rows the file held.
        expect(project.handlers.getArticle({ id: 2 }).position).toBe(1);
        expect(project.handlers.listArticles({ status: 'done', at: 0, limit: 10 })).toMatchObject({
          total: 1,
          items: [{ id: 1, position: 0 }],
        });
        project.setAnnotator('bo');
        expect(project.handlers.getProgress({})).toEqual({
          total: 2,
          todo: 1,
          inProgress: 1,
          done: 0,
          skipped: 0,
          flagged: 0,
        });
        // Statuses added by later schemas: a skip, and a flag with its note, on the migrated rows.
        project.handlers.setStatus({ articleId: 1, status: 'flagged', note: 'two stories' });
        project.handlers.setStatus({ articleId: 2, status: 'skipped' });
        expect(project.handlers.getArticle({ id: 1 })).toMatchObject({ status: 'flagged', statusNote: 'two stories' });
        expect(project.handlers.getProgress({})).toMatchObject({ done: 0, skipped: 1, flagged: 1, total: 2 });
        // Suggestions index the migrated articles (two, on the spot) and leave nothing waiting.
        expect(project.handlers.listSuggestions({ articleId: 1 }).index).toBeUndefined();
        expect(project.db.prepare('SELECT count(*) AS n FROM sentence_dirty').get()).toEqual({ n: 0 });
        expect(
          (
            project.db.prepare('SELECT article_id AS id FROM sentence_articles ORDER BY 1').all() as { id: number }[]
          ).map((r) => r.id),
        ).toEqual([1, 2]);
      } finally {
        project.close();
      }
    });
  }
});
