// Messages between the job runner (main thread) and a job worker.
import type { ApiErrorData } from '../../../shared/result';
import type { ExportOptions, ImportOptions, JobProgress, JobResult } from '../../../shared/jobs';

export type JobSpec =
  | { kind: 'import'; projectFile: string; paths: string[]; options: ImportOptions }
  | { kind: 'export'; projectFile: string; out: string; options: ExportOptions }
  | { kind: 'agreement'; projectFile: string; labels?: string[] | undefined };

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
