import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { BUSY_TIMEOUT_MS, isBusyError } from './busy';
import { projectFileError } from '../errors';
import { log } from '../log';
import type { ReadDb } from './handles';
import { backupHint } from '../backups/history';
import { assertReadable, LATEST_VERSION, migrate, pendingMigrations, type MigrationProgress } from './migrations';

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
  /** The schema the file was at when it was opened, before any migration (0 for a new file). */
  version: number;
  /** The schema versions this open migrated the file through (none when it was current). */
  migrated: number[];
  /** With `migrate: false`: the versions the file still needs (the connection is then at the file's own). */
  pending: number[];
  /** The file cannot be written (its permissions, or its folder's): opened for reading only. */
  readonly: boolean;
}

export interface OpenDbOptions {
  /**
   * The caller is making a new project (init, New Project): an empty (zero-byte) file may
   * become one. Otherwise an empty file is refused, never silently turned into a project.
   */
  create?: boolean;
  /** Told how far the migrations have come, when the file needs any. */
  onMigration?: ((progress: MigrationProgress) => void) | undefined;
  /**
   * false: an existing file that needs migrations is opened without running them (`pending`
   * names them), so the caller can run them elsewhere (a worker) and open it again. A new
   * file is always given its schema.
   */
  migrate?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Whether this process may write `file` and create its -wal/-shm beside it. */
function writable(file: string, mode: number): boolean {
  // Root may write anything: a file with no write bit at all is read-only by its owner's choice.
  if ((mode & 0o222) === 0) return false;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function folderWritable(file: string): boolean {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * SQLite cannot read a WAL file in a folder where it may not create the -shm beside it
 * (SQLITE_READONLY_DIRECTORY), and better-sqlite3 has no `immutable` URI. Such a file is read
 * from a copy in the temp folder, removed when the connection closes: nobody can be writing
 * the original (its folder is read-only), so the copy is exactly what it holds.
 */
export function readableCopy(file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-readonly-'));
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

/**
 * What the first 100 bytes say, read before SQLite opens the file: whether it is SQLite at all,
 * marked as ours, and whether it is shorter than the pages its header counts (cut short).
 */
export function readHeader(file: string, size: number): { sqlite: boolean; ours: boolean; truncated: boolean } {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  const sqlite = size >= 100 && header.toString('latin1', 0, 16) === SQLITE_MAGIC;
  if (!sqlite) return { sqlite, ours: false, truncated: false };
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = header.readUInt32BE(28);
  // The page count is valid only when written with the current change counter.
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0;
  // With pages still in the WAL the file may legitimately lag its log; SQLite judges those.
  const wal = fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0;
  return {
    sqlite,
    ours: header.readUInt32BE(68) === APPLICATION_ID || header.readUInt32BE(68) === 0,
    truncated: countValid && !wal && size < pages * pageSize,
  };
}

function damaged(file: string, detail: string): AppError {
  return new AppError('DAMAGED', `${file} is a damaged Spanwise project (${detail})${backupHint(file)}`);
}

/**
 * A read-only connection to a WAL file still creates -wal and -shm beside it when it can; they
 * would outlive it, and a later writer would trip over a -shm it cannot write. Those this open
 * created are removed when the connection closes (nothing can have been written to them).
 */
export function removeSidecarsOnClose(db: Connection, file: string): void {
  const made = ['-wal', '-shm'].filter((s) => !fs.existsSync(file + s));
  const close = db.close.bind(db);
  db.close = () => {
    close();
    const wal = `${file}-wal`;
    if (made.includes('-wal') && fs.existsSync(wal) && fs.statSync(wal).size > 0) return db;
    for (const s of made) fs.rmSync(file + s, { force: true });
    return db;
  };
}

/**
 * Opens (creating if absent) a project file: WAL, foreign keys, migrations. A SQLite file of
 * another application, or a file that is not SQLite, is refused with NOT_A_PROJECT, a damaged
 * project with DAMAGED (naming the latest backup), an empty file (unless `create`) with
 * NOT_A_PROJECT; each is left untouched. A file this process may not write is opened read-only.
 */
export function openDb(file: string, options: OpenDbOptions = {}): OpenedDb {
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    // Absent: a new project.
  }
  if (stat?.isDirectory()) throw new AppError('NOT_A_PROJECT', `${file} is a folder, not a Spanwise project`);
  if (stat && stat.size === 0 && !options.create) {
    throw new AppError(
      'NOT_A_PROJECT',
      `${file} is an empty file, not a Spanwise project (left as it is; \`spanwise init\` or File → New Project makes a new project)`,
    );
  }
  const exists = stat !== null && stat.size > 0;
  const readonly = stat !== null && !writable(file, stat.mode);
  if (exists) {
    const header = readHeader(file, stat!.size);
    if (header.sqlite && header.ours && header.truncated) {
      throw damaged(file, 'the file is shorter than its pages: it was cut short');
    }
  } else if (readonly) {
    throw new AppError('READ_ONLY', `${file} is read-only: a new project cannot be made in it`);
  } else fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Connection | undefined;
  try {
    const source = readonly && exists && !folderWritable(file) ? readableCopy(file) : file;
    db = new Database(source, { readonly });
    if (source !== file) {
      const close = db.close.bind(db);
      db.close = () => {
        close();
        fs.rmSync(path.dirname(source), { recursive: true, force: true });
        return db!;
      };
    } else if (readonly) removeSidecarsOnClose(db, file);
    if (exists) {
      // Reading a page fails fast on a non-SQLite file.
      db.pragma('schema_version');
    }
  } catch (err) {
    db?.close();
    if (exists && /^SQLITE_CORRUPT/.test((err as { code?: string }).code ?? '')) {
      throw damaged(file, (err as Error).message);
    }
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
    if (readonly) {
      if (created || version < LATEST_VERSION) {
        throw new AppError(
          'READ_ONLY',
          `${file} is read-only and ${created ? 'holds no project yet' : `was written by an older Spanwise (schema ${version}); it needs upgrading to schema ${LATEST_VERSION}`}: make it writable to open it`,
        );
      }
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      return { db, created: false, version, migrated: [], pending: [], readonly };
    }
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
    if (options.migrate === false && !created) {
      const pending = pendingMigrations(version).map((m) => m.version);
      return { db, created, version, migrated: [], pending, readonly };
    }
    let step = '';
    let migrated: number[];
    try {
      migrated = migrate(db, (progress) => {
        step = progress.step;
        options.onMigration?.(progress);
      });
    } catch (err) {
      // Errors that already say what happened (damaged, busy, disk full) stay as they are.
      if (err instanceof AppError || isBusyError(err) || projectFileError(err, file)) throw err;
      // One transaction: nothing of the migrations that ran before the failure was kept.
      throw new AppError(
        'UPDATE_FAILED',
        `Spanwise could not update ${file} from schema ${version} to ${LATEST_VERSION} while ${step || 'updating it'}: ${(err as Error).message}. The file is left as it was.`,
      );
    }
    if (migrated.length) log.info(`${file}: migrated to schema ${migrated.join(', ')}`);
    return { db, created, version, migrated, pending: [], readonly };
  } catch (err) {
    db.close();
    if (/^SQLITE_(CORRUPT|NOTADB)/.test((err as { code?: string }).code ?? ''))
      throw damaged(file, (err as Error).message);
    throw err;
  }
}
