// Streamed output: text is batched into ~256 KB writes, each awaited when the stream asks
// for it (backpressure), into `<file>.partial` renamed over the target only on success, so a
// failed or cancelled export never leaves a half-written file behind. '-' writes to stdout.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../shared/result';

const BATCH = 256 * 1024;

export class Sink {
  private readonly stream: Writable;
  private readonly tmp: string | null;
  private buffer: string[] = [];
  private buffered = 0;
  bytes = 0;

  constructor(readonly file: string) {
    if (file === '-') {
      this.stream = process.stdout;
      this.tmp = null;
    } else {
      const folder = path.dirname(path.resolve(file));
      this.tmp = `${file}.partial`;
      let fd: number;
      try {
        fs.mkdirSync(folder, { recursive: true });
        // Opened here, not by the stream, so a folder we may not write is said at once.
        fd = fs.openSync(this.tmp, 'w');
      } catch (err) {
        throw outputError(err, file);
      }
      this.stream = fs.createWriteStream(this.tmp, { fd });
      this.stream.on('error', (err) => (this.failed ??= outputError(err, file)));
    }
  }

  /** The stream's error, kept: it may come between two awaited writes. */
  private failed: Error | null = null;

  /** Queues text; resolves at once unless a batch had to wait for the stream to drain. */
  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= BATCH) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    this.bytes += chunk.length;
    this.throwIfFailed();
    if (!this.stream.write(chunk)) {
      await waitDrain(this.stream).catch((err: unknown) => {
        throw outputError(err, this.file);
      });
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    const failed = this.failed;
    if (failed !== null) throw failed;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.tmp === null) return;
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    }).catch((err: unknown) => {
      throw outputError(err, this.file);
    });
    this.throwIfFailed();
    try {
      fs.renameSync(this.tmp, this.file);
    } catch (err) {
      throw outputError(err, this.file);
    }
  }

  /** Throws away what was written (once the stream has let go of the file). */
  async abort(): Promise<void> {
    if (this.tmp === null) return;
    const tmp = this.tmp;
    if (!this.stream.closed) {
      await new Promise<void>((resolve) => {
        this.stream.once('close', () => resolve());
        this.stream.destroy();
      });
    }
    fs.rmSync(tmp, { force: true });
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
