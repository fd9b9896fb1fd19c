// Errors cross every boundary (IPC, CLI, test host) as data with a stable code.

export const ERROR_CODES = [
  'BAD_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'NO_ANNOTATOR',
  'SCHEMA_TOO_NEW',
  'NOT_A_PROJECT',
  /** A project an older Spanwise wrote could not be brought to this schema; its file is left as it was. */
  'UPDATE_FAILED',
  /** A Spanwise project whose file is damaged (cut short, malformed pages): restore a backup. */
  'DAMAGED',
  /** The project file (or its folder) cannot be written: it was opened for reading only. */
  'READ_ONLY',
  /** The disk filled while writing the project or an output file; what was written is rolled back. */
  'DISK_FULL',
  /** The project file is open in Spanwise (another process holds its lock). */
  'IN_USE',
  'FORBIDDEN',
  /** The project file's write lock is held elsewhere (an import, the CLI): try again later. */
  'BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** An error that carries a stable code; thrown by the backend, turned into data at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
