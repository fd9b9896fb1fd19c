// Real SQLite files in a fresh temp folder per test: no mocks of our own code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import type { JobsHost } from '../../src/main/backend/jobs/handlers';
import { Project } from '../../src/main/backend/project';
import { AppError } from '../../src/shared/result';

export const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-test-'));
  made.push(dir);
  return dir;
}

/**
 * Every entry of the folder: a file with its bytes (so that "left untouched" covers a project's
 * -wal, -shm and -journal files too), a subfolder by its name alone.
 */
export function folderBytes(dir: string): Map<string, Buffer | null> {
  return new Map(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .map((e) => [e.name, e.isDirectory() ? null : fs.readFileSync(path.join(dir, e.name))]),
  );
}

/** The folder holds the same entries as `before`, each file byte for byte. */
export function expectSameBytes(dir: string, before: Map<string, Buffer | null>): void {
  const after = folderBytes(dir);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [name, bytes] of before) {
    const now = after.get(name)!;
    expect(bytes === null ? now === null : now !== null && now.equals(bytes), `${name} changed`).toBe(true);
  }
}

/** A new project file (default labels; demo articles when asked) with annotator "ana" set. */
export function tempProject(opts: { demo?: boolean; annotator?: string | null; jobs?: JobsHost } = {}): Project {
  const file = path.join(tempDir(), 'test.spanwise');
  const project = Project.open(file, { resourcesDir: RESOURCES, demo: opts.demo ?? true, jobs: opts.jobs });
  if (opts.annotator !== null) project.setAnnotator(opts.annotator ?? 'ana');
  return project;
}

/** `method` served as the window calls it (validated at the edge); its value, or the error code and message thrown. */
export function call<T>(p: Project, method: string, input: unknown): T {
  const r = dispatch(p.handlers, method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The AppError code `fn` throws, or 'no error'; any other exception propagates. */
export function appErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no error';
}
