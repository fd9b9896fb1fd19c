// SQLite has one writer. When another connection (an import's worker, the CLI) holds the
// project file's write lock, a write waits up to the connection's busy_timeout and then fails
// with SQLITE_BUSY; that crosses the edge as the stable code BUSY, not as an internal error.
import Database from 'better-sqlite3';

export const BUSY_MESSAGE =
  'the project file is busy: an import or another program is writing to it — try again when it finishes';

/** The app's connection waits this long for the write lock (Electron main must not block). */
export const APP_BUSY_TIMEOUT_MS = 250;
/** The CLI's and the job workers' connections wait this long. */
export const BUSY_TIMEOUT_MS = 5000;

/** SQLITE_BUSY or SQLITE_LOCKED, with any extended code (SQLITE_BUSY_SNAPSHOT…). */
export function isBusyError(err: unknown): boolean {
  return err instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(err.code);
}
