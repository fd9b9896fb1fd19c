// Bad project files, each met with a clear message and left byte-for-byte as it was: an empty
// file, a file cut in half, a read-only file, a full disk, an output folder we may not write;
// and `spanwise check`, which says whether a file is a healthy project. The CLI runs as the
// real binary; where permissions matter and the tests run as root (who may write anything), the
// binary runs as the unprivileged user `nobody`.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/main/backend/db/migrations';
import { openDb } from '../../src/main/backend/db/open';
import { errorData } from '../../src/main/backend/errors';
import { importPaths } from '../../src/main/backend/importers';
import { Workspace } from '../../src/main/backend/workspace';
import { importOptions } from '../../src/shared/options';
import { RESOURCES, tempDir } from './helpers';
import { ok, SLOW, spanwise } from './fixtures/cli';
import { jsonl, snapshot, write } from './fixtures/io';

/** A project made by the real `spanwise init --demo`, with a few spans, closed. */
function demoProject(dir = tempDir(), name = 'p.spanwise'): string {
  const file = path.join(dir, name);
  ok(['init', file, '--demo']);
  return file;
}

function bytes(file: string): Buffer {
  return fs.readFileSync(file);
}

function sidecars(file: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(file + s));
}

/** A folder the unprivileged user may enter and read. */
function openDir(): string {
  const dir = tempDir();
  fs.chmodSync(dir, 0o755);
  return dir;
}

const root = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };
/** Runs the CLI as a user without the test's privileges (`nobody` when the tests run as root). */
function asUser(args: string[], cwd: string) {
  return root ? spanwise(args, {}, { ...NOBODY, cwd }) : spanwise(args);
}
function unprivilegedRunPossible(): boolean {
  try {
    return spanwise(['--help'], {}, { ...NOBODY, cwd: '/' }).status === 0;
  } catch {
    return false;
  }
}
/**
 * A checkout inside a folder only root may enter (a `mktemp -d` clone) cannot be run by another
 * user: for these tests the folders above it get the search bit for others (no read, no write),
 * and have their own modes back afterwards.
 */
const opened: { dir: string; mode: number }[] = [];
beforeAll(() => {
  if (!root || unprivilegedRunPossible()) return;
  for (let dir = path.resolve(import.meta.dirname, '../..'); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode & 0o7777;
    if (!(mode & 0o001)) {
      fs.chmodSync(dir, mode | 0o001);
      opened.push({ dir, mode });
    }
    if (path.dirname(dir) === dir) break;
  }
  expect(unprivilegedRunPossible()).toBe(true);
});
afterAll(() => {
  for (const { dir, mode } of opened.reverse()) fs.chmodSync(dir, mode);
});

function cutInHalf(file: string): void {
  const data = bytes(file);
  fs.writeFileSync(file, data.subarray(0, data.length >> 1));
}

describe('spanwise check', () => {
  it('says a healthy project is healthy, with its schema version and counts (exit 0)', { timeout: SLOW }, () => {
    const file = demoProject();
    const r = spanwise(['check', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${file}: healthy`);
    expect(r.stdout).toMatch(new RegExp(`schema version\\s+${LATEST_VERSION}\\b`));
    expect(r.stdout).toMatch(/articles\s+5/);
    expect(r.stdout).toMatch(/labels\s+4/);
    const json = JSON.parse(spanwise(['check', file, '--json']).stdout) as { healthy: boolean; counts: object };
    expect(json).toMatchObject({ healthy: true, problems: [], counts: { articles: 5, labels: 4, spans: 0 } });
  });

  it('names what is wrong with a damaged project (exit 1) and changes nothing', { timeout: SLOW }, () => {
    const half = demoProject();
    cutInHalf(half);
    const before = bytes(half);
    const r = spanwise(['check', half]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cut short');
    expect(bytes(half).equals(before)).toBe(true);
    expect(sidecars(half)).toEqual([]);

    // A page overwritten in place (the header intact): SQLite's integrity_check finds it.
    const scribbled = demoProject();
    const data = bytes(scribbled);
    const pageSize = data.readUInt16BE(16);
    const last = data.length - pageSize;
    data.fill(0x5a, last + 8, last + pageSize);
    fs.writeFileSync(scribbled, data);
    const s = spanwise(['check', scribbled]);
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/integrity_check|cannot read it/);
    expect(s.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports rows that point at missing rows (foreign_key_check)', { timeout: SLOW }, () => {
    const file = demoProject();
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw
      .prepare(
        `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
         VALUES ('00000000-0000-4000-8000-000000000001', 999, 999, 1, 0, 1, 'manual', 'now', 'now')`,
      )
      .run();
    raw.close();
    const r = spanwise(['check', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('foreign_key_check: spans row');
  });

  it('says an empty file and a file that is not SQLite are not projects', { timeout: SLOW }, () => {
    const dir = tempDir();
    const empty = write(dir, 'empty.spanwise', '');
    const text = write(dir, 'notes.spanwise', 'shopping list\n'.repeat(20));
    const e = spanwise(['check', empty]);
    expect([e.status, e.stderr]).toEqual([
      1,
      `${empty}: DAMAGED or not a project\n  problem: an empty file (0 bytes), not a project\n`,
    ]);
    const t = spanwise(['check', text]);
    expect(t.status).toBe(1);
    expect(t.stderr).toContain('not a SQLite file');
    expect(bytes(empty).length).toBe(0);
  });
});

describe('bad project files', () => {
  it('an empty file is not turned into a project by stats or import; init makes one of it', { timeout: SLOW }, () => {
    const dir = tempDir();
    const empty = write(dir, 'empty.spanwise', '');
    const input = write(dir, 'a.jsonl', jsonl([{ text: 'hello' }]));
    for (const args of [
      ['stats', empty],
      ['import', empty, input],
      ['export', empty, '--out', path.join(dir, 'o.jsonl')],
    ]) {
      const r = spanwise(args);
      expect(r.status, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain('is an empty file, not a Spanwise project');
      expect(r.stderr, args[0]).not.toMatch(/\n\s+at /);
      expect(fs.statSync(empty).size).toBe(0);
      expect(sidecars(empty)).toEqual([]);
    }
    // The app's File → Open refuses it too; only New Project (create) may make one.
    const ws = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES });
    expect(() => ws.open(empty)).toThrow(/empty file/);
    expect(fs.statSync(empty).size).toBe(0);
    ok(['init', empty]);
    expect(spanwise(['check', empty]).status).toBe(0);
  });

  it(
    'a project cut in half is a damaged Spanwise project, the backup is offered, the file untouched',
    { timeout: SLOW },
    () => {
      const file = demoProject();
      const noBackup = spanwise(['stats', file + '.copy']);
      expect(noBackup.status).toBe(1);
      ok(['backup', file]);
      const [backup] = fs.readdirSync(`${file}.backups`);
      cutInHalf(file);
      const before = bytes(file);
      for (const args of [
        ['stats', file],
        ['import', file, write(tempDir(), 'a.jsonl', jsonl([{ text: 'x' }]))],
      ]) {
        const r = spanwise(args);
        expect(r.status, args[0]).toBe(1);
        expect(r.stderr, args[0]).toContain(`${file} is a damaged Spanwise project`);
        expect(r.stderr, args[0]).toContain(path.join(`${path.resolve(file)}.backups`, backup!));
        expect(r.stderr, args[0]).toContain(`spanwise restore ${file}`);
        expect(r.stderr, args[0]).not.toContain('not a Spanwise project');
        expect(bytes(file).equals(before)).toBe(true);
        expect(sidecars(file)).toEqual([]);
      }
    },
  );

  it(
    'a read-only project is opened read-only: readable, writes refused as read-only, no -wal/-shm left',
    { timeout: SLOW },
    () => {
      const dir = openDir();
      const file = demoProject(dir);
      const input = write(dir, 'a.jsonl', jsonl([{ text: 'hello world' }]));
      fs.chmodSync(input, 0o644);
      fs.chmodSync(file, 0o444);
      const before = bytes(file);

      const stats = asUser(['stats', file], dir);
      expect(stats.stderr).toBe('');
      expect(stats.stdout).toContain('5 articles');
      const imp = asUser(['import', file, input], dir);
      expect(imp.status).toBe(1);
      expect(imp.stderr).toBe(
        `spanwise: the project file ${file} is read-only: it is open for reading, and changes cannot be saved\n`,
      );
      expect(bytes(file).equals(before)).toBe(true);
      expect(sidecars(file)).toEqual([]);

      // The app: the session says read-only; an edit is refused with READ_ONLY, no stack trace.
      const ws = new Workspace({ userDir: path.join(tempDir(), 'user'), resourcesDir: RESOURCES });
      const project = ws.open(file);
      expect(project.readonly).toBe(true);
      expect(ws.dispatch('getSession', {})).toMatchObject({ ok: true, value: { readonly: true } });
      const r = ws.dispatch('setAnnotator', { name: 'ana' });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'READ_ONLY',
          message: `the project file ${path.resolve(file)} is read-only: it is open for reading, and changes cannot be saved`,
        },
      });
      ws.close();
      expect(bytes(file).equals(before)).toBe(true);
      expect(sidecars(file)).toEqual([]);
      expect(fs.existsSync(`${file}.backups`)).toBe(false);
    },
  );

  it('a project in a folder nobody may write is read from a copy and left untouched', { timeout: SLOW }, () => {
    const dir = openDir();
    const file = demoProject(dir);
    fs.chmodSync(dir, 0o555);
    const before = bytes(file);
    try {
      const r = asUser(['stats', file], dir);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('5 articles');
      expect(asUser(['check', file], dir).status).toBe(0);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
    expect(bytes(file).equals(before)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('an export into a folder without write permission says so, and leaves nothing', { timeout: SLOW }, () => {
    const dir = openDir();
    const file = demoProject(dir);
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    fs.chmodSync(locked, 0o555);
    const out = path.join(locked, 'x.jsonl');
    const r = asUser(['export', file, '--out', out], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`spanwise: cannot write ${out}: no permission to write in the folder ${locked}\n`);
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it('a full disk during an export names the file and the cause', { timeout: SLOW }, () => {
    if (!fs.existsSync('/dev/full')) return;
    const dir = tempDir();
    const file = demoProject(dir);
    ok(['import', file, write(dir, 'a.jsonl', jsonl([{ text: 'hello world', spans: [] }])), '--as', 'bob', '-q']);
    const out = path.join(dir, 'x.jsonl');
    // The export writes `<out>.partial` first: here it leads to /dev/full, where every write is ENOSPC.
    fs.symlinkSync('/dev/full', `${out}.partial`);
    const r = spanwise(['export', file, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`spanwise: the disk is full: ${out} could not be written (nothing was kept)\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it(
    'a full disk during an import (a real one: a small tmpfs) names the project file; nothing is imported',
    { timeout: SLOW },
    () => {
      const mnt = tempDir();
      // Mounting needs root; elsewhere the test below (SQLite's page limit) stands in for it.
      if (!root || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt]).status !== 0) return;
      try {
        const file = demoProject(mnt);
        const before = bytes(file);
        const big = Array.from({ length: 300 }, (_, i) => ({ text: `article ${i} `.repeat(300) }));
        const input = write(tempDir(), 'big.jsonl', jsonl(big));
        const r = spanwise(['import', file, input, '-q']);
        expect(r.status).toBe(1);
        expect(r.stderr).toBe(
          `spanwise: the disk is full: the project file ${file} could not be written (database or disk is full); nothing of this change was kept\n`,
        );
        expect(spanwise(['check', file]).status).toBe(0);
        expect(JSON.parse(ok(['stats', file, '--json'])) as unknown).toMatchObject({ articles: 5 });
        expect(bytes(file).equals(before)).toBe(true);
      } finally {
        spawnSync('umount', [mnt]);
      }
    },
  );

  it('a full disk during an import names the project file, and nothing is imported', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.spanwise');
    const { db } = openDb(file);
    const before = snapshot(db);
    // The disk "fills" at the file's current size: SQLite's page limit on this connection.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const big = Array.from({ length: 200 }, (_, i) => ({ text: `article ${i} `.repeat(200) }));
    const input = write(dir, 'big.jsonl', jsonl(big));
    let error: unknown;
    try {
      importPaths(db, [input], importOptions.parse({}));
    } catch (err) {
      error = err;
    }
    expect(errorData(error, 'import job', file)).toEqual({
      code: 'DISK_FULL',
      message: `the disk is full: the project file ${file} could not be written (database or disk is full); nothing of this change was kept`,
    });
    expect(snapshot(db)).toBe(before);
    db.close();
  });
});
