import { AppError } from '../../../shared/result';

/** Bad input in an import file: the message always starts with `file:line:` (or `file:`). */
export class ImportError extends AppError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly what: string,
  ) {
    super('BAD_INPUT', `${file}${line === null ? '' : `:${line}`}: ${what}`);
    this.name = 'ImportError';
  }
}

/** What a format parser throws about one record; the reader adds file and line. */
export class RecordError extends Error {
  constructor(
    message: string,
    /** The line of the error when it is not the record's first (a brat T line, say). */
    readonly line?: number | undefined,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

/** Thrown inside a job when the user cancels it: the transaction is rolled back. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}
