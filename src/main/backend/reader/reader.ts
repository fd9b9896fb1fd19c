// The main thread's side of the reader: the methods the contract marks off-main go to one worker
// thread per open project (started on the first such call), which answers with the contract's
// Result. A long read there holds nothing on the window's process; the worker's connection sees
// every write committed before the call was sent (WAL: each read is a snapshot of the file).
import type { Worker } from 'node:worker_threads';
import type { OffMainMethod } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { log } from '../log';
import type { ReaderAnswer, ReaderInput, ReaderRequest } from './protocol';

/** Starts a worker running the backend's worker script (the job runner's: same file, same flags). */
export type SpawnWorker = (input: ReaderInput) => Worker;

export class Reader {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private loaded = false;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly projectFile: string,
    private readonly spawn: SpawnWorker,
  ) {}

  /**
   * Whether the worker has loaded and serves calls. Until then the workspace serves off-main
   * calls on the main thread, as before there was a reader, rather than keep the window waiting
   * for the worker to load.
   */
  get ready(): boolean {
    return this.loaded;
  }

  /** Resolves once the worker serves calls (started if it was not). */
  whenReady(): Promise<void> {
    this.warm();
    return this.loaded ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Calls sent and not yet answered. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Starts the worker now, so that the first call does not wait for it to load the backend
   * (a bundle in the app; TypeScript compiled on the fly in the source hosts, seconds under load).
   */
  warm(): void {
    if (!this.worker) this.start();
  }

  call(method: OffMainMethod, input: unknown): Promise<Result<unknown>> {
    const worker = this.worker ?? this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Only while it has calls to answer does the worker keep the process alive.
      if (this.pending.size === 1) worker.ref();
      const request: ReaderRequest = { id, method, input };
      worker.postMessage(request);
    });
  }

  /** Stops the worker; calls still waiting are answered that the project was closed. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.loaded = false;
    this.failAll('NOT_FOUND', 'the project was closed before this call was answered');
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = this.spawn({ reader: { projectFile: this.projectFile } });
    this.worker = worker;
    worker.unref();
    worker.on('message', (answer: ReaderAnswer) => {
      if ('ready' in answer) {
        this.loaded = true;
        for (const resolve of this.waiting.splice(0)) resolve();
        return;
      }
      const resolve = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      resolve?.(answer.result);
    });
    const stopped = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.loaded = false;
      log.warn(`the reader of ${this.projectFile} stopped: ${why}`);
      // The next call starts a new worker.
      this.failAll('INTERNAL', `the reader stopped (${why}); try again`);
    };
    worker.on('error', (err: Error) => stopped(err.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    return worker;
  }

  private failAll(code: 'NOT_FOUND' | 'INTERNAL', message: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve({ ok: false, error: { code, message } });
  }
}
