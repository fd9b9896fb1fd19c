// Real SQLite files in a fresh temp folder per test: no mocks of our own code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
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

/** A new project file (default labels; demo articles when asked) with annotator "ana" set. */
export function tempProject(opts: { demo?: boolean; annotator?: string | null; jobs?: JobsHost } = {}): Project {
  const file = path.join(tempDir(), 'test.spanwise');
  const project = Project.open(file, { resourcesDir: RESOURCES, demo: opts.demo ?? true, jobs: opts.jobs });
  if (opts.annotator !== null) project.setAnnotator(opts.annotator ?? 'ana');
  return project;
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
