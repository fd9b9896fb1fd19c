import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/result';
import { initial } from './001-initial';
import { externalId } from './002-external-id';
import { dropSpanLabelIndex } from './003-drop-span-label-index';
import { annotatorIdentity } from './004-annotator-identity';
import { adjudication } from './005-adjudication';
import { skipAndFlag } from './006-skip-and-flag';
import { listOrder } from './007-list-order';
import { across } from './008-across';
import { labelFilter } from './009-label-filter';
import { sentenceIndex } from './010-sentence-index';
import { listRows } from './011-list-rows';

/** How far a migration's long step has come (e.g. articles indexed of all the articles). */
export type StepProgress = (done: number, total: number) => void;

export interface Migration {
  version: number;
  name: string;
  /** What it does, as the progress shown while it runs names it ("building the search index"). */
  step: string;
  /** A migration whose work grows with the project reports it through `progress`. */
  up(db: Database, progress?: StepProgress): void;
  /** Rebuilds a table others reference: run with foreign keys off, checked before commit. */
  rebuildsTables?: boolean;
}

/** Every migration, in order. Add a file `NNN-name.ts` and list it here. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  externalId,
  dropSpanLabelIndex,
  annotatorIdentity,
  adjudication,
  skipAndFlag,
  listOrder,
  across,
  labelFilter,
  sentenceIndex,
  listRows,
];
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

/** Where a migration run has come: the migration running (1-based, of those pending) and its step. */
export interface MigrationProgress {
  /** The schema version this migration brings the file to. */
  version: number;
  step: string;
  index: number;
  count: number;
  /** Units of the step's work done and in all (0 of 0 while the step cannot say). */
  done: number;
  total: number;
}

/** The migrations a file at schema `version` needs (none for a file that is current). */
export function pendingMigrations(version: number): Migration[] {
  return MIGRATIONS.filter((m) => m.version > version);
}

/**
 * Brings the schema to LATEST_VERSION: all pending migrations in one transaction, so a crash
 * midway leaves the previous version intact. Refuses a file written by a newer Spanwise.
 * Returns the versions applied.
 */
export function migrate(db: Database, onProgress?: (progress: MigrationProgress) => void): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertReadable(current);
  const pending = pendingMigrations(current);
  // SQLite's way to rebuild a referenced table: foreign keys off (only possible outside a
  // transaction), rebuild, then foreign_key_check inside the transaction so a broken rebuild
  // rolls back.
  const rebuild = pending.some((m) => m.rebuildsTables);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuild && foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const [i, m] of pending.entries()) {
        const report = (done: number, total: number) =>
          onProgress?.({ version: m.version, step: m.step, index: i + 1, count: pending.length, done, total });
        report(0, 0);
        m.up(db, report);
        db.pragma(`user_version = ${m.version}`);
      }
      if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
        throw new Error('a migration left rows pointing at missing rows (foreign_key_check)');
      }
    })();
  } finally {
    if (rebuild && foreignKeys) db.pragma('foreign_keys = ON');
  }
  return pending.map((m) => m.version);
}
