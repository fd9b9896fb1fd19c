// Streamed output: text is batched into ~256 KB writes, each awaited when the stream asks
// for it (backpressure), into `<file>.partial` renamed over the target only on success, so a
// failed or cancelled export never leaves a half-written file behind. '-' writes to stdout.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';

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
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      this.tmp = `${file}.partial`;
      this.stream = fs.createWriteStream(this.tmp);
    }
  }

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
    if (!this.stream.write(chunk)) await waitDrain(this.stream);
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.tmp === null) return;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    fs.renameSync(this.tmp, this.file);
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
