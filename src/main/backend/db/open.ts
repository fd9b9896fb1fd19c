import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { BUSY_TIMEOUT_MS } from './busy';
import { log } from '../log';
import type { ReadDb } from './handles';
import { assertReadable, migrate } from './migrations';

/** A connection this process opened: it may be closed and configured (pragmas). */
export type Connection = Database.Database;
/** What backend functions take: a connection to read from (writes need a WriteDb, see handles.ts). */
export type Db = ReadDb;

/** The durability level of every connection openDb makes (see the pragma below). */
export const SYNCHRONOUS = 'FULL';

/** 'SPWN': marks a SQLite file as a Spanwise project so that other databases are refused. */
export const APPLICATION_ID = 0x5350574e;

export interface OpenedDb {
  db: Connection;
  /** True when the file was new (or empty) and has just received the schema. */
  created: boolean;
  /** The schema versions this open migrated the file through (none when it was current). */
  migrated: number[];
}

/**
 * Opens (creating if absent) a project file: WAL, foreign keys, migrations. A SQLite file of
 * another application, or a file that is not SQLite, is refused with NOT_A_PROJECT and left
 * untouched.
 */
export function openDb(file: string): OpenedDb {
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (!exists) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Connection | undefined;
  try {
    db = new Database(file);
    if (exists) {
      // Reading a page fails fast on a non-SQLite file.
      db.pragma('schema_version');
    }
  } catch (err) {
    db?.close();
    throw new AppError('NOT_A_PROJECT', `${file} is not a Spanwise project: ${(err as Error).message}`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (appId !== APPLICATION_ID && (appId !== 0 || tables.n > 0 || version > 0)) {
      throw new AppError(
        'NOT_A_PROJECT',
        `${file} is a SQLite database of another application, not a Spanwise project`,
      );
    }
    // Before any pragma that writes (journal_mode rewrites the header): a newer file stays untouched.
    assertReadable(version);
    const created = tables.n === 0;
    db.pragma('journal_mode = WAL');
    // Acknowledged means durable: in WAL mode FULL syncs the log at every commit, so an edit the
    // status bar calls saved survives a power cut (NORMAL syncs only at checkpoints). The cost,
    // one fsync per edit, is measured in bench/durability.bench.ts; see docs/architecture.md.
    db.pragma(`synchronous = ${SYNCHRONOUS}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The id first: a crash during the first migration then leaves a file we still recognise
    // (and migrate afresh), never one refused as another application's.
    if (created) db.pragma(`application_id = ${APPLICATION_ID}`);
    const migrated = migrate(db);
    if (migrated.length) log.info(`${file}: migrated to schema ${migrated.join(', ')}`);
    return { db, created, migrated };
  } catch (err) {
    db.close();
    throw err;
  }
}
