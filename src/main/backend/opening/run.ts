// The worker's side: the project's pending migrations on its own connection, in one
// transaction (openDb), telling how far they have come.
import { openDb } from '../db/open';
import { errorData } from '../errors';
import type { MigrateMessage } from './protocol';

/** At most one progress message per this many ms within a step (each new step is told at once). */
const PROGRESS_EVERY_MS = 100;

export function runMigrations(projectFile: string, post: (message: MigrateMessage) => void): void {
  let last = 0;
  let lastVersion = 0;
  try {
    const { db, migrated } = openDb(projectFile, {
      onMigration: (progress) => {
        const now = Date.now();
        const finished = progress.total > 0 && progress.done === progress.total;
        if (progress.version === lastVersion && !finished && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        lastVersion = progress.version;
        post({ type: 'progress', progress });
      },
    });
    db.close();
    post({ type: 'done', migrated });
  } catch (err) {
    post({ type: 'failed', error: errorData(err, 'open', projectFile) });
  }
}
