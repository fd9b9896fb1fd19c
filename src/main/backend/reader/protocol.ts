// Messages between the reader (main thread) and its worker: one call, one answer, by number.
import type { OffMainMethod } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

/** What the worker is started with (beside the job worker's input: the same script serves both). */
export interface ReaderInput {
  reader: { projectFile: string };
}

export interface ReaderRequest {
  id: number;
  method: OffMainMethod;
  input: unknown;
}

/** A call's answer, or (once, first) that the worker has loaded and serves calls. */
export type ReaderAnswer = { id: number; result: Result<unknown> } | { ready: true };
