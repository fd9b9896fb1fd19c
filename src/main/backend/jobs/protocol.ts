// Messages between the job runner (main thread) and a job worker.
import type { ApiErrorData } from '../../../shared/result';
import type { ExportOptions, ImportOptions, JobProgress, JobResult } from '../../../shared/jobs';

export type JobSpec =
  | { kind: 'import'; projectFile: string; paths: string[]; options: ImportOptions }
  | { kind: 'export'; projectFile: string; out: string; options: ExportOptions }
  | { kind: 'agreement'; projectFile: string; labels?: string[] | undefined }
  /** The merge policy applied as `reviewer` (an annotator id). */
  | { kind: 'policy'; projectFile: string; reviewer: number }
  /** The disagreements report (JSONL or CSV by the file's extension). */
  | { kind: 'disagreements'; projectFile: string; out: string }
  /** Work packs into the project: all in one transaction, or (inbox) each pack not merged before. */
  | { kind: 'merge'; projectFile: string; paths: string[]; inbox: string | null }
  | {
      kind: 'assign';
      projectFile: string;
      annotators: string[];
      share: { overlap: number } | { double: number };
      seed: number;
      outDir: string;
    }
  /** `annotator` is a uid. */
  | { kind: 'pack'; projectFile: string; annotator: string; out: string }
  /** `projectFile` is the annotator's project, made when missing. */
  | { kind: 'open-pack'; projectFile: string; pack: string }
  /**
   * The sentence index brought up to date (docs/across.md). `lockSignal` is the starting
   * process's count of writers waiting for the lock (db/lock-signal.ts), shared with the worker.
   */
  | { kind: 'sentence-index'; projectFile: string; lockSignal?: SharedArrayBuffer };

export interface WorkerInput {
  spec: JobSpec;
  /** Int32Array(1) over it: 1 means "cancel" (read with Atomics by the worker). */
  cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | ({ type: 'done'; report: string } & JobResult)
  | { type: 'cancelled' }
  | { type: 'failed'; error: ApiErrorData };
