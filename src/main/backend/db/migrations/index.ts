import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/result';
import { initial } from './001-initial';
import { externalId } from './002-external-id';
import { dropSpanLabelIndex } from './003-drop-span-label-index';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Every migration, in order. Add a file `NNN-name.ts` and list it here. */
export const MIGRATIONS: readonly Migration[] = [initial, externalId, dropSpanLabelIndex];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Throws SCHEMA_TOO_NEW for a file written by a newer Spanwise. */
export function assertReadable(version: number): void {
  if (version > LATEST_VERSION) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `This project was written by a newer Spanwise (schema ${version}; this version reads up to ${LATEST_VERSION}). Update Spanwise to open it.`,
    );
  }
}

/**
 * Brings the schema to LATEST_VERSION: all pending migrations in one transaction, so a crash
 * midway leaves the previous version intact. Refuses a file written by a newer Spanwise.
 * Returns the versions applied.
 */
export function migrate(db: Database): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertReadable(current);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return pending.map((m) => m.version);
}
