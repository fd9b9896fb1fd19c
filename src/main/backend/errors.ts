// The one place a thrown value becomes error data with a stable code, for every edge: the IPC
// dispatch, the job worker and the CLI. Anything unexpected is INTERNAL, logged with its stack.
import type { ApiErrorData } from '../../shared/result';
import { AppError } from '../../shared/result';
import { BUSY_MESSAGE, isBusyError } from './db/busy';
import { log } from './log';

/** A Node file-system error (ENOENT, EACCES…): its message names the path, so it is the input's fault. */
function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** `where` names the operation (a method, a job, a command) in INTERNAL messages and the log. */
export function errorData(err: unknown, where: string): ApiErrorData {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (isBusyError(err)) return { code: 'BUSY', message: BUSY_MESSAGE };
  if (isFileSystemError(err)) return { code: 'BAD_INPUT', message: err.message };
  log.error(`${where}: internal error`, err);
  return { code: 'INTERNAL', message: `${where}: ${err instanceof Error ? err.message : String(err)}` };
}
