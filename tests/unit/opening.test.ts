// A project an older Spanwise wrote opens the way the window opens it (Workspace.beginOpen):
// its migrations run in a worker, telling how far they have come, while the window's calls
// wait; a failed update leaves the file exactly as it was and is what the calls answer.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, type MigrationProgress } from '../../src/main/backend/db/migrations';
import { openDb } from '../../src/main/backend/db/open';
import { sourceJobsHost } from '../../src/main/backend/jobs/handlers';
import { Workspace } from '../../src/main/backend/workspace';
import type { AppEvent } from '../../src/shared/contract';
import type { OpeningState } from '../../src/shared/opening';
import { AppError, type Result } from '../../src/shared/result';
import { SLOW, spanwise } from './fixtures/cli';
import { olderProject } from './fixtures/older-project';
import { expectSameBytes, folderBytes, RESOURCES, tempDir } from './helpers';

const ARTICLES = 5000;

function content(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      articles: all('SELECT id, title, text, content_hash FROM articles ORDER BY id'),
      spans: all('SELECT id, article_id, label_id, start_offset, end_offset, deleted FROM spans ORDER BY id'),
      status: all('SELECT article_id, annotator_id, status FROM article_status ORDER BY 1, 2'),
    };
  } finally {
    db.close();
  }
}

function workspaceWithEvents(): { workspace: Workspace; opening: OpeningState[]; close(): Promise<void> } {
  const jobs = sourceJobsHost();
  const opening: OpeningState[] = [];
  const workspace = new Workspace({
    userDir: path.join(tempDir(), 'user'),
    resourcesDir: RESOURCES,
    jobs,
    emit: (event: AppEvent) => {
      if (event.type === 'opening') opening.push(event.opening);
    },
  });
  return {
    workspace,
    opening,
    close: async () => {
      workspace.close();
      await jobs.runner.shutdown();
    },
  };
}

describe('a project an older Spanwise wrote, opened as the window opens it', () => {
  it('is updated in a worker, says how far each step has come, and opens with every row', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'older.spanwise');
    olderProject(file, 7, ARTICLES);
    const before = content(file);
    const { workspace, opening, close } = workspaceWithEvents();
    try {
      const opened = workspace.beginOpen(file);
      // Meanwhile: nothing is open, the state is answered at once, and other calls wait.
      expect(workspace.project).toBeNull();
      const state = workspace.serve('getOpening', {}) as Result<OpeningState | null>;
      expect(state).toMatchObject({
        ok: true,
        value: { projectPath: file, projectName: 'older', fromVersion: 7, toVersion: LATEST_VERSION },
      });
      const list = workspace.serve('listArticles', { status: 'all', at: 0, limit: 3 });
      expect(list).toBeInstanceOf(Promise);
      expect(workspace.dispatch('getProgress', {})).toMatchObject({ ok: false, error: { code: 'BUSY' } });

      const project = await opened;
      expect(await list).toMatchObject({
        ok: true,
        value: { total: ARTICLES, items: [{ id: 1 }, { id: 2 }, { id: 3 }] },
      });
      expect(workspace.project).toBe(project);
      expect(workspace.serve('getOpening', {})).toEqual({ ok: true, value: null });

      // Every pending migration was told, in order, with its step; the search index by articles.
      const versions = [...new Set(opening.filter((o) => o.step).map((o) => o.index))];
      expect(versions).toEqual(Array.from({ length: LATEST_VERSION - 7 }, (_, i) => i + 1));
      const search = opening.filter((o) => o.step === 'building the search index');
      expect(search.length).toBeGreaterThan(0);
      expect(search.at(-1)).toMatchObject({ done: ARTICLES, total: ARTICLES, count: LATEST_VERSION - 7 });
      for (let i = 1; i < search.length; i++) expect(search[i]!.done).toBeGreaterThanOrEqual(search[i - 1]!.done);

      // The data is intact at the latest schema, and the index built in chunks finds it.
      expect(project.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(content(file)).toEqual(before);
      const hits = project.db
        .prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'vladivostok'")
        .pluck()
        .get();
      expect(hits).toBe(ARTICLES);
      expect(
        project.db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').pluck().all('"port 4321"'),
      ).toEqual([4321]);
      expect(() => project.db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")).not.toThrow();
      expect(workspace.serve('getProgress', {})).toMatchObject({
        ok: true,
        value: { total: ARTICLES, done: ARTICLES / 5 },
      });
    } finally {
      await close();
    }
  });

  it('a failing update leaves the file byte for byte as it was, and the calls say why', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'older.spanwise');
    olderProject(file, 7, ARTICLES);
    // A table migration 8 makes after building the search index: the update fails late.
    const raw = new Database(file);
    raw.exec('CREATE TABLE span_batches (id INTEGER PRIMARY KEY) STRICT');
    raw.close();
    const before = folderBytes(dir);
    const { workspace, opening, close } = workspaceWithEvents();
    try {
      const failure = await workspace.beginOpen(file).then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('UPDATE_FAILED');
      expect((failure as AppError).message).toMatch(
        /could not update .*older\.spanwise from schema 7 to \d+ while building the search index: table span_batches already exists\. The file is left as it was\./,
      );
      // It had got through the index before failing: that work was rolled back with the rest.
      expect(opening.filter((o) => o.step === 'building the search index').at(-1)).toMatchObject({ done: ARTICLES });
      expectSameBytes(dir, before);
      // The window's calls answer the failure (no stack), and nothing is being opened.
      expect(workspace.serve('loadProject', {})).toEqual({
        ok: false,
        error: { code: 'UPDATE_FAILED', message: (failure as AppError).message },
      });
      expect(workspace.serve('getOpening', {})).toEqual({ ok: true, value: null });
      expect(workspace.project).toBeNull();
    } finally {
      await close();
    }
  });

  it('getOpening is answered by the workspace whatever is open, its input checked by the contract', async () => {
    const file = path.join(tempDir(), 'current.spanwise');
    olderProject(file, LATEST_VERSION, 3);
    const { workspace, close } = workspaceWithEvents();
    try {
      // Nothing open yet (a window that boots before the first project opens).
      expect(workspace.serve('getOpening', {})).toEqual({ ok: true, value: null });
      expect(workspace.dispatch('getOpening', {})).toEqual({ ok: true, value: null });
      expect(workspace.serve('getOpening', { smuggled: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(workspace.serve('loadProject', {}, 7)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      await workspace.beginOpen(file);
      // A window that has not loaded this project yet is told too; its other calls are refused.
      expect(workspace.serve('getOpening', {}, 7)).toEqual({ ok: true, value: null });
      expect(workspace.serve('getProgress', {}, 7)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    } finally {
      await close();
    }
  });

  it('a current project opens at once, without a worker or a report', async () => {
    const file = path.join(tempDir(), 'current.spanwise');
    olderProject(file, LATEST_VERSION, 3);
    const { workspace, opening, close } = workspaceWithEvents();
    try {
      const opened = workspace.beginOpen(file);
      expect(workspace.project?.file).toBe(file);
      expect(await opened).toBe(workspace.project);
      expect(opening).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the schema a file was at', () => {
  it('is what openDb read from the file, whether it migrates, leaves the migrations pending, or has none to run', () => {
    const dir = tempDir();
    const older = path.join(dir, 'older.spanwise');
    olderProject(older, 5, 3);
    const waiting = openDb(older, { migrate: false });
    waiting.db.close();
    expect(waiting).toMatchObject({ version: 5, pending: Array.from({ length: LATEST_VERSION - 5 }, (_, i) => i + 6) });
    const updated = openDb(older);
    updated.db.close();
    expect(updated).toMatchObject({ version: 5, pending: [], created: false });
    const current = openDb(older);
    current.db.close();
    expect(current).toMatchObject({ version: LATEST_VERSION, migrated: [] });
    const made = openDb(path.join(dir, 'new.spanwise'));
    made.db.close();
    expect(made).toMatchObject({ version: 0, created: true });
  });
});

describe('openDb tells how far the migrations have come (the CLI prints it)', () => {
  it('each pending migration in order, the search index by articles up to all of them', () => {
    const file = path.join(tempDir(), 'older.spanwise');
    olderProject(file, 7, ARTICLES);
    const seen: MigrationProgress[] = [];
    const { db, migrated } = openDb(file, { onMigration: (p) => seen.push(p) });
    db.close();
    expect(migrated).toEqual(Array.from({ length: LATEST_VERSION - 7 }, (_, i) => i + 8));
    expect([...new Set(seen.map((p) => p.version))]).toEqual(migrated);
    // Chunks of 2,000 articles: 0, 2,000, 4,000, 5,000.
    expect(seen.filter((p) => p.version === 8).map((p) => [p.done, p.total])).toEqual([
      [0, 0],
      [0, ARTICLES],
      [2000, ARTICLES],
      [4000, ARTICLES],
      [ARTICLES, ARTICLES],
    ]);
  });
});

describe('the CLI on a project an older Spanwise wrote', () => {
  it('updates it in its own process and prints how far it has come on stderr', { timeout: SLOW }, () => {
    const file = path.join(tempDir(), 'older.spanwise');
    olderProject(file, 7, ARTICLES);
    const r = spanwise(['stats', file], { SPANWISE_PROGRESS: 'always' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Updating the project: building the search index, 2,000 of 5,000');
    expect(r.stderr).toContain('100% Updating the project: building the search index, 5,000 of 5,000');
    expect(r.stdout).toContain('5000');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });
});

describe('--quiet, which every command takes', () => {
  it(
    'keeps the update of an older project off stderr, for a command with progress of its own or none',
    { timeout: SLOW },
    () => {
      const dir = tempDir();
      const older = (name: string) => {
        const file = path.join(dir, name);
        olderProject(file, 7, 3);
        return file;
      };
      const text = path.join(dir, 'new.txt');
      fs.writeFileSync(text, 'A new article about the talks in Vladivostok.\n');
      const env = { SPANWISE_PROGRESS: 'always' };
      const runs = [
        spanwise(['stats', older('a.spanwise'), '--quiet'], env),
        spanwise(['import', older('b.spanwise'), text, '-q'], env),
        spanwise(['search', '-q', older('c.spanwise'), 'Vladivostok'], env),
      ];
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      }
      expect(runs[1]!.stdout).toMatch(/1 article/);
      for (const name of ['a.spanwise', 'b.spanwise', 'c.spanwise']) {
        const db = new Database(path.join(dir, name), { readonly: true });
        expect(db.pragma('user_version', { simple: true }), name).toBe(LATEST_VERSION);
        db.close();
      }
      // Without it, the same update is told.
      expect(spanwise(['stats', older('d.spanwise')], env).stderr).toContain('Updating the project');
    },
  );
});
