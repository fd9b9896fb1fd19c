// The job worker thread: one job (import, export, agreement, work packs), off the main thread, then exit.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './protocol';
import { runJob } from './run-job';

const input = workerData as WorkerInput;
const flag = new Int32Array(input.cancel);
await runJob(
  input.spec,
  () => Atomics.load(flag, 0) === 1,
  (message: WorkerMessage) => parentPort!.postMessage(message),
);
