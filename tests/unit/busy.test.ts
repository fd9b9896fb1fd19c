// SQLite has one writer. While another connection holds the project file's write lock (an
// import's worker, the CLI), the app's writes wait at most ~250 ms — every one of them, since
// they all take the lock up front (BEGIN IMMEDIATE) — then answer BUSY with nothing written;
// once the lock is released they succeed. Reads go on meanwhile (WAL).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APP_BUSY_TIMEOUT_MS, BUSY_MESSAGE } from '../../src/main/backend/db/busy';
import { openDb } from '../../src/main/backend/db/open';
import { dispatch } from '../../src/main/backend/dispatch';
import { Workspace } from '../../src/main/backend/workspace';
import type { Handlers } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { RESOURCES, tempDir } from './helpers';
import { snapshot } from './fixtures/io';

function setup() {
  const dir = tempDir();
  const ws = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES });
  const project = ws.open(path.join(dir, 'p.spanwise'), { demo: true });
  project.setAnnotator('ana');
  const call = (method: string, input: unknown): Result<unknown> => ws.dispatch(method, input);
  return { ws, project, call };
}

/** Every write the app makes from the main process, as fresh inputs each time. */
function writes(existingSpan: string) {
  return {
    createSpan: () => ({ id: randomUUID(), articleId: 1, labelId: 1, start: 0, end: 3 }),
    updateSpan: () => ({ id: existingSpan, labelId: 2 }),
    deleteSpan: () => ({ id: existingSpan }),
    createLabel: () => ({ name: 'PERSON' }),
    updateLabel: () => ({ id: 1, name: 'AGENT' }),
    setStatus: () => ({ articleId: 2, status: 'done' }),
    setAnnotator: () => ({ name: 'ben' }),
  };
}

describe('writes while another connection holds the write lock', () => {
  it('answer BUSY after the short busy timeout, write nothing, and succeed once the lock is released', () => {
    const { project, call } = setup();
    const span = call('createSpan', { articleId: 1, labelId: 1, start: 4, end: 7 });
    expect(span.ok).toBe(true);
    const spanId = (span as { value: { id: string } }).value.id;

    // An import elsewhere: a second connection to the same file holding BEGIN IMMEDIATE.
    const other = new Database(project.file);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO settings (key, value) VALUES ('import', 'running')").run();
    const before = snapshot(project.db);

    for (const [method, input] of Object.entries(writes(spanId))) {
      const started = performance.now();
      const r = call(method, input());
      const elapsed = performance.now() - started;
      expect(r, method).toEqual({ ok: false, error: { code: 'BUSY', message: BUSY_MESSAGE } });
      // The busy timeout applied (the lock was asked for up front, not on a read's upgrade)…
      expect(elapsed, method).toBeGreaterThanOrEqual(APP_BUSY_TIMEOUT_MS * 0.8);
      // …and it is the app's short one, not the CLI's 5 s.
      expect(elapsed, method).toBeLessThan(2000);
      expect(project.db.inTransaction).toBe(false);
    }
    // Reads go on, and nothing was written.
    expect(call('listSpans', { articleId: 1 })).toMatchObject({ ok: true, value: [{ id: spanId }] });
    expect(snapshot(project.db)).toBe(before);

    other.exec('COMMIT');
    other.close();
    for (const [method, input] of Object.entries(writes(spanId))) {
      const r = call(method, input());
      expect(r.ok, `${method}: ${JSON.stringify(r)}`).toBe(true);
    }
    const labels = project.db.prepare('SELECT name FROM labels ORDER BY id').all() as { name: string }[];
    expect(labels.map((l) => l.name)).toEqual(['AGENT', 'CLAIM', 'LOCATION', 'SANCTION', 'PERSON']);
    expect(project.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 2 });
  }, 20_000);

  it('the app waits ~250 ms; the CLI and job workers keep 5 s', () => {
    const { project } = setup();
    expect(project.db.pragma('busy_timeout', { simple: true })).toBe(APP_BUSY_TIMEOUT_MS);
    const { db } = openDb(project.file);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('dispatch maps SQLITE_BUSY and SQLITE_LOCKED (extended codes too) to BUSY, other SQLite errors to INTERNAL', () => {
    const throwing = (code: string) =>
      ({
        getGuidelines: () => {
          throw new Database.SqliteError('database is locked', code);
        },
      }) as unknown as Handlers;
    for (const code of ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED_SHAREDCACHE']) {
      expect(dispatch(throwing(code), 'getGuidelines', {}), code).toEqual({
        ok: false,
        error: { code: 'BUSY', message: BUSY_MESSAGE },
      });
    }
    expect(dispatch(throwing('SQLITE_CONSTRAINT'), 'getGuidelines', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    // Failures of the file itself have their own codes (tests/unit/project-files.test.ts).
    expect(dispatch(throwing('SQLITE_CORRUPT'), 'getGuidelines', {})).toMatchObject({
      ok: false,
      error: { code: 'DAMAGED' },
    });
  });
});
