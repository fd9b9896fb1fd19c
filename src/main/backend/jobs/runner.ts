// The job runner: imports, exports, agreement reports and work-pack jobs in worker threads
// (each opens its own connection to the project file), progress and results as JobEvents,
// cancel through a shared flag (the worker rolls back: the project is left as it was). Jobs
// that write run one at a time per project file (one writer); the others run alongside.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { WRITING_JOBS, type JobEvent, type JobKind, type JobState } from '../../../shared/jobs';
import { AppError, type ApiErrorData } from '../../../shared/result';
import { log } from '../log';
import type { MigrateInput } from '../opening/protocol';
import type { ReaderInput } from '../reader/protocol';
import type { JobSpec, WorkerInput, WorkerMessage } from './protocol';

export interface RunnerOptions {
  /** The worker script (in the built app: electron-vite's `?modulePath` of worker.ts). */
  workerUrl: URL;
  /** e.g. ['--import', 'tsx'] when the worker is TypeScript source (tests, CLI). */
  execArgv?: string[] | undefined;
  emit(event: JobEvent): void;
}

interface Entry {
  state: JobState;
  spec: JobSpec | null;
  cancel: Int32Array;
  worker: Worker | null;
  done: Promise<void>;
  resolve(): void;
}

const KEEP_FINISHED = 20;

/**
 * An export streams: what it holds at once is a page of articles and the writer's buffers. Left
 * to its defaults V8 lets the young generation grow as the export goes on, and the process's
 * peak memory with it (228 MB against 150 MB capped, for an export of 100,000 articles).
 */
export const EXPORT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 32 } as const;

const UNIT: Record<JobKind, JobState['progress']['unit']> = {
  import: 'bytes',
  export: 'articles',
  agreement: 'articles',
  disagreements: 'articles',
  policy: 'articles',
  merge: 'spans',
  assign: 'packs',
  pack: 'spans',
  'open-pack': 'articles',
  'sentence-index': 'articles',
};

/** What a job is called in "waiting for another … to finish". */
const NOUN: Record<JobKind, string> = {
  import: 'import',
  export: 'export',
  agreement: 'agreement report',
  disagreements: 'disagreements report',
  policy: 'merge policy run',
  merge: 'merge',
  assign: 'assignment',
  pack: 'work pack',
  'open-pack': 'assignment pack',
  'sentence-index': 'sentence index',
};

export class JobRunner {
  private readonly jobs = new Map<string, Entry>();

  constructor(private readonly options: RunnerOptions) {}

  list(): JobState[] {
    return [...this.jobs.values()].map((e) => e.state);
  }

  get(id: string): JobState {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', `job ${id} does not exist`);
    return entry.state;
  }

  /** A worker running the same script with the same flags (a project's reader, or its migrations). */
  spawn(workerData: ReaderInput | MigrateInput): Worker {
    return new Worker(this.options.workerUrl, {
      workerData,
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
    });
  }

  /** Resolves when the job has finished (done, failed or cancelled). */
  wait(id: string): Promise<JobState> {
    const entry = this.jobs.get(id);
    if (!entry) return Promise.reject(new AppError('NOT_FOUND', `job ${id} does not exist`));
    return entry.done.then(() => entry.state);
  }

  /** A job waiting for something outside (a save dialog) before it can start. */
  create(kind: JobState['kind'], title: string, projectFile: string): JobState {
    const id = randomUUID();
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const state: JobState = {
      id,
      kind,
      phase: 'waiting',
      title,
      projectFile,
      progress: { done: 0, total: 0, unit: UNIT[kind], message: 'waiting' },
      startedAt: new Date().toISOString(),
    };
    this.jobs.set(id, {
      state,
      spec: null,
      cancel: new Int32Array(new SharedArrayBuffer(4)),
      worker: null,
      done,
      resolve,
    });
    this.prune();
    this.options.emit({ type: 'job', job: state });
    return state;
  }

  /** Starts (or queues, for a second import into the same file) a created job. */
  start(id: string, spec: JobSpec): JobState {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', `job ${id} does not exist`);
    entry.spec = spec;
    this.pump();
    return entry.state;
  }

  /** Ends a waiting job without running it (the user closed the save dialog). */
  finish(id: string, phase: 'cancelled' | 'failed', error?: ApiErrorData): void {
    const entry = this.jobs.get(id);
    if (!entry || entry.worker) return;
    this.update(entry, { phase, error, endedAt: new Date().toISOString() });
    entry.resolve();
  }

  cancel(id: string): JobState {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', `job ${id} does not exist`);
    if (entry.state.phase === 'running') {
      Atomics.store(entry.cancel, 0, 1);
      this.update(entry, { progress: { ...entry.state.progress, message: 'cancelling…' } });
    } else if (entry.state.phase === 'waiting') {
      this.finish(id, 'cancelled');
    }
    return entry.state;
  }

  /** Cancels everything and waits (app quit): imports roll back. */
  async shutdown(): Promise<void> {
    for (const e of this.jobs.values())
      if (e.state.phase === 'running' || e.state.phase === 'waiting') this.cancel(e.state.id);
    await Promise.all([...this.jobs.values()].map((e) => e.done));
  }

  private pump(): void {
    for (const entry of this.jobs.values()) {
      if (entry.state.phase !== 'waiting' || !entry.spec || entry.worker) continue;
      if (WRITING_JOBS.includes(entry.spec.kind)) {
        const file = entry.spec.projectFile;
        const busy = [...this.jobs.values()].find(
          (e) =>
            e !== entry &&
            e.state.phase === 'running' &&
            e.spec !== null &&
            WRITING_JOBS.includes(e.spec.kind) &&
            e.spec.projectFile === file,
        );
        if (busy) {
          const what = busy.state.kind === entry.state.kind ? 'another' : 'the';
          this.update(entry, {
            progress: { ...entry.state.progress, message: `waiting for ${what} ${NOUN[busy.state.kind]} to finish` },
          });
          continue;
        }
      }
      this.launch(entry, entry.spec);
    }
  }

  private launch(entry: Entry, spec: JobSpec): void {
    const input: WorkerInput = { spec, cancel: entry.cancel.buffer as SharedArrayBuffer };
    const worker = new Worker(this.options.workerUrl, {
      workerData: input,
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
      ...(spec.kind === 'export' ? { resourceLimits: EXPORT_WORKER_LIMITS } : {}),
    });
    entry.worker = worker;
    this.update(entry, { phase: 'running', progress: { ...entry.state.progress, message: 'starting' } });
    log.info(`job started: ${entry.state.title}`, { id: entry.state.id, project: spec.projectFile });
    let settled = false;
    const settle = (patch: Partial<JobState>) => {
      if (settled) return;
      settled = true;
      this.update(entry, { ...patch, endedAt: new Date().toISOString() });
      const { title, phase, error } = entry.state;
      if (phase === 'failed') log.warn(`job failed: ${title}`, error);
      else log.info(`job ${phase}: ${title}`);
      entry.resolve();
      this.pump();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        if (!settled && Atomics.load(entry.cancel, 0) === 0) this.update(entry, { progress: m.progress });
      } else if (m.type === 'done') {
        const { type: _done, ...result } = m;
        settle({
          phase: 'done',
          ...result,
          progress: { ...entry.state.progress, done: entry.state.progress.total, message: 'done' },
        });
      } else if (m.type === 'cancelled') {
        // The sentence index keeps the chunks it finished (it is derived data; the rest waits).
        const message =
          spec.kind === 'sentence-index'
            ? 'cancelled: the articles indexed so far are kept'
            : 'cancelled: nothing was changed';
        settle({ phase: 'cancelled', progress: { ...entry.state.progress, message } });
      } else {
        settle({ phase: 'failed', error: m.error, progress: { ...entry.state.progress, message: 'failed' } });
      }
    });
    worker.on('error', (err: Error) => settle({ phase: 'failed', error: { code: 'INTERNAL', message: err.message } }));
    worker.on('exit', (code) => {
      entry.worker = null;
      settle({ phase: 'failed', error: { code: 'INTERNAL', message: `the job's worker stopped (exit code ${code})` } });
    });
  }

  private update(entry: Entry, patch: Partial<JobState>): void {
    entry.state = { ...entry.state, ...patch };
    this.options.emit({ type: 'job', job: entry.state });
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.state.endedAt);
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(e.state.id);
  }
}
