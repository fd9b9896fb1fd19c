// The workspace's side: a project's migrations run in a worker thread, so the process that
// serves the window (Electron main) stays free to answer it while a large project is updated.
import fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { MigrationProgress } from '../db/migrations';
import { openDb } from '../db/open';
import { AppError } from '../../../shared/result';
import type { MigrateInput, MigrateMessage } from './protocol';

/** Resolves with the versions applied; rejects with the worker's error (the file is then as it was). */
export function migrateInWorker(
  spawn: (input: MigrateInput) => Worker,
  projectFile: string,
  onProgress: (progress: MigrationProgress) => void,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = spawn({ migrate: { projectFile } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (m: MigrateMessage) => {
      if (m.type === 'progress') {
        if (!settled) onProgress(m.progress);
      } else if (m.type === 'done') settle(() => resolve(m.migrated));
      else settle(() => reject(new AppError(m.error.code, m.error.message)));
    });
    worker.on('error', (err: Error) =>
      settle(() => reject(new AppError('UPDATE_FAILED', `the project could not be updated: ${err.message}`))),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(new AppError('UPDATE_FAILED', `the worker updating the project stopped (exit code ${code})`)),
      ),
    );
  });
}

/**
 * The schema `file` is at and the versions it needs before it opens (none for a new or current
 * file); refusals throw.
 */
export function pendingVersions(file: string): { version: number; pending: number[] } {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return { version: 0, pending: [] };
  const { db, version, pending } = openDb(file, { migrate: false });
  db.close();
  return { version, pending };
}
