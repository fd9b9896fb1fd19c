// Making and restoring backups of a project file. A backup is made with SQLite's online
// backup API (better-sqlite3 `db.backup`), which copies the file a few pages at a time between
// turns of the event loop, so editing goes on while it runs; it is written as `.partial` and
// renamed when whole, so a crash mid-way never leaves a half backup in the list.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/model';
import { AppError } from '../../../shared/result';
import { checkProject, projectCounts } from '../check';
import { log } from '../log';
import {
  backupFiles,
  backupFolder,
  BACKUP_KEEP,
  DAMAGED_NOTE,
  newBackupPath,
  pruneBackups,
  stampTime,
} from './history';

/** Turns a copied file into a plain rollback-journal file: it can be read without -wal/-shm. */
function settle(copy: string): void {
  const db = new Database(copy);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Backs up the project `db` has open (its file is `file`); keeps the newest `keep`. */
export async function backupProject(db: Database.Database, file: string, keep = BACKUP_KEEP): Promise<string> {
  const dest = newBackupPath(file, new Date());
  fs.mkdirSync(backupFolder(file), { recursive: true });
  const partial = `${dest}.partial`;
  try {
    await db.backup(partial);
    settle(partial);
    fs.renameSync(partial, dest);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  pruneBackups(file, keep);
  log.info(`backup of ${file}: ${dest}`);
  return dest;
}

/**
 * Keeps the file as it is now among its backups (before a restore replaces it), at once and
 * synchronously: VACUUM INTO when SQLite can read it, else a byte copy (a damaged file is kept
 * as it is, for whoever wants to rescue something from it).
 */
export function keepCurrent(file: string, db: Database.Database | null, note: string): string | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const when = new Date();
  fs.mkdirSync(backupFolder(file), { recursive: true });
  const dest = newBackupPath(file, when, note);
  const partial = `${dest}.partial`;
  try {
    const source = db ?? new Database(file, { readonly: true, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(partial);
    } finally {
      if (!db) source.close();
    }
    settle(partial);
    fs.renameSync(partial, dest);
    return dest;
  } catch {
    fs.rmSync(partial, { force: true });
    // Named so that it is never offered as the backup to restore.
    const copy = newBackupPath(file, when, `${note}, ${DAMAGED_NOTE}`);
    fs.copyFileSync(file, copy);
    return copy;
  }
}

/**
 * Replaces `file` with a copy of `backup`, keeping the current file among the backups first.
 * Every connection to `file` must be closed. Refuses a backup that is not a healthy project.
 * Returns the backup the current file was kept as.
 */
export function restoreProject(file: string, backup: string): string | null {
  const check = checkProject(backup);
  if (!check.healthy) {
    throw new AppError('DAMAGED', `the backup ${backup} cannot be restored: ${check.problems.join('; ')}`);
  }
  const kept = keepCurrent(file, null, 'before restore');
  const incoming = `${file}.restoring`;
  fs.copyFileSync(backup, incoming);
  const fd = fs.openSync(incoming, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The current file's log belongs to the current file: it must not be replayed onto the copy.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(incoming, file);
  // One over the bound, so the kept file never pushes out the backup just restored.
  pruneBackups(file, BACKUP_KEEP + 1);
  log.info(`${file} restored from ${backup}${kept ? ` (the previous file is kept as ${kept})` : ''}`);
  return kept;
}

/** The backups of `file`, newest first, with what each holds. */
export function listBackups(file: string): BackupInfo[] {
  return backupFiles(file)
    .reverse()
    .map((p) => {
      let counts: BackupInfo['counts'] = null;
      try {
        const db = new Database(p, { readonly: true, fileMustExist: true });
        try {
          const c = projectCounts(db);
          counts = { articles: c.articles, spans: c.spans, annotators: c.annotators };
        } finally {
          db.close();
        }
      } catch {
        // A damaged backup is listed without counts.
      }
      const st = fs.statSync(p);
      return { path: p, time: (stampTime(path.basename(p)) ?? st.mtime).toISOString(), bytes: st.size, counts };
    });
}
