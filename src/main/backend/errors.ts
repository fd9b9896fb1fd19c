// The one place a thrown value becomes error data with a stable code, for every edge: the IPC
// dispatch, the job worker and the CLI. Anything unexpected is INTERNAL, logged with its stack.
import Database from 'better-sqlite3';
import type { ApiErrorData } from '../../shared/result';
import { AppError } from '../../shared/result';
import { backupHint } from './backups/history';
import { BUSY_MESSAGE, isBusyError } from './db/busy';
import { log } from './log';

/** A Node file-system error (ENOENT, EACCES…): its message names the path, so it is the input's fault. */
function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function sqliteCode(err: unknown): string | null {
  return err instanceof Database.SqliteError ? err.code : null;
}

/** What a SQLite failure of the project file itself means to the user (null: not one of those). */
export function projectFileError(err: unknown, file?: string): ApiErrorData | null {
  const code = sqliteCode(err);
  if (code === null) return null;
  const which = file ? `the project file ${file}` : 'the project file';
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    return {
      code: 'DAMAGED',
      message: `${which} is a damaged Spanwise project (${(err as Error).message})${file ? backupHint(file) : ': restore a backup (File → Restore backup…, or spanwise restore)'}`,
    };
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return { code: 'READ_ONLY', message: `${which} is read-only: it is open for reading, and changes cannot be saved` };
  }
  if (code === 'SQLITE_FULL') {
    return {
      code: 'DISK_FULL',
      message: `the disk is full: ${which} could not be written (database or disk is full); nothing of this change was kept`,
    };
  }
  return null;
}

/**
 * `where` names the operation (a method, a job, a command) in INTERNAL messages and the log;
 * `file`, when known, is the project file the operation works on.
 */
export function errorData(err: unknown, where: string, file?: string): ApiErrorData {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (isBusyError(err)) return { code: 'BUSY', message: BUSY_MESSAGE };
  const project = projectFileError(err, file);
  if (project) return project;
  if (isFileSystemError(err)) {
    if (err.code === 'ENOSPC') {
      return { code: 'DISK_FULL', message: `the disk is full: ${err.path ?? 'a file'} could not be written` };
    }
    return { code: 'BAD_INPUT', message: err.message };
  }
  log.error(`${where}: internal error`, err);
  return { code: 'INTERNAL', message: `${where}: ${err instanceof Error ? err.message : String(err)}` };
}
