// Streamed output: text is encoded into a fixed 256 KB buffer and written when it fills,
// while a second buffer takes the next text (the same two buffers for the whole export, so
// memory stays flat however much is written, and no batch is joined or copied). Each write
// is awaited before its buffer is filled again. Files go to `<file>.partial`, renamed over
// the target only on success, so a failed or cancelled export never leaves a half-written
// file behind. '-' writes to stdout (through its stream, with backpressure).
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../shared/result';

const BATCH = 256 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

export class Sink {
  private readonly stream: Writable | null;
  private readonly fd: number | null;
  private readonly tmp: string | null;
  private buffer = Buffer.allocUnsafe(BATCH);
  private spare = Buffer.allocUnsafe(BATCH);
  private used = 0;
  /** The write of `spare`, under way; settled before `spare` is filled again. */
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  bytes = 0;

  constructor(readonly file: string) {
    if (file === '-') {
      this.stream = process.stdout;
      this.fd = null;
      this.tmp = null;
    } else {
      const folder = path.dirname(path.resolve(file));
      this.tmp = `${file}.partial`;
      try {
        fs.mkdirSync(folder, { recursive: true });
        // Opened here, so a folder we may not write is said at once.
        this.fd = fs.openSync(this.tmp, 'w');
      } catch (err) {
        throw outputError(err, file);
      }
      this.stream = null;
    }
  }

  /** Queues text; resolves at once unless the buffer filled and the previous write was still under way. */
  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    const most = text.length * MAX_BYTES_PER_UNIT;
    if (this.used + most > BATCH) await this.flush();
    if (most > BATCH) {
      // Larger than a buffer (a very long article): written on its own.
      await this.writing;
      this.writing = this.out(Buffer.from(text, 'utf8'));
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Hands the filled buffer to the file and takes the spare one once its write is done. */
  private async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.writing;
    const full = this.buffer;
    const n = this.used;
    this.buffer = this.spare;
    this.spare = full;
    this.used = 0;
    this.writing = this.out(full.subarray(0, n));
  }

  /** Writes all of `chunk` (a file may take it in parts); the stream: awaits drain when asked. */
  private out(chunk: Buffer): Promise<void> {
    this.bytes += chunk.length;
    if (this.stream) {
      // The stream keeps the buffer until written: give it a copy of the reused one.
      if (this.stream.write(Buffer.from(chunk))) return Promise.resolve();
      return waitDrain(this.stream).catch((err: unknown) => {
        throw outputError(err, this.file);
      });
    }
    const fd = this.fd!;
    return new Promise<void>((resolve, reject) => {
      const next = (at: number) => {
        fs.write(fd, chunk, at, chunk.length - at, null, (err, n) => {
          if (err) reject(outputError(err, this.file));
          else if (at + n < chunk.length) next(at + n);
          else resolve();
        });
      };
      next(0);
    });
  }

  async close(): Promise<void> {
    await this.flush();
    await this.writing;
    if (this.tmp === null) return;
    this.closeFd();
    try {
      fs.renameSync(this.tmp, this.file);
    } catch (err) {
      throw outputError(err, this.file);
    }
  }

  private closeFd(): void {
    if (this.closed || this.fd === null) return;
    this.closed = true;
    try {
      fs.closeSync(this.fd);
    } catch (err) {
      throw outputError(err, this.file);
    }
  }

  /** Throws away what was written (once the write under way has let go of the file). */
  async abort(): Promise<void> {
    if (this.tmp === null) return;
    await this.writing.catch(() => undefined);
    try {
      this.closeFd();
    } catch {
      // The file is removed below whatever closing it said.
    }
    fs.rmSync(this.tmp, { force: true });
  }
}

function waitDrain(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      stream.off('drain', onDrain);
      reject(err);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** A failure writing the output, said with the file and the cause (not `ENOSPC … write`). */
export function outputError(err: unknown, file: string): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const folder = path.dirname(path.resolve(file));
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('DISK_FULL', `the disk is full: ${file} could not be written (nothing was kept)`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('BAD_INPUT', `cannot write ${file}: no permission to write in the folder ${folder}`);
  }
  if (code === 'EROFS') {
    return new AppError('READ_ONLY', `cannot write ${file}: the folder ${folder} is on a read-only disk`);
  }
  if (code === 'ENOTDIR') return new AppError('BAD_INPUT', `cannot write ${file}: part of its path is a file`);
  return err instanceof Error ? err : new Error(String(err));
}
