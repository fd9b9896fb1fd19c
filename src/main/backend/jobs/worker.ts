// The backend's worker thread: one job (import, export, agreement, work packs), off the main
// thread, then exit; or, started as a project's reader, the calls the contract runs off-main.
import { parentPort, workerData } from 'node:worker_threads';
import type { ReaderInput } from '../reader/protocol';
import { serveReader } from '../reader/serve';
import type { WorkerInput, WorkerMessage } from './protocol';
import { runJob } from './run-job';

const input = workerData as WorkerInput | ReaderInput;
if ('reader' in input) serveReader(input.reader, parentPort!);
else {
  const flag = new Int32Array(input.cancel);
  await runJob(
    input.spec,
    () => Atomics.load(flag, 0) === 1,
    (message: WorkerMessage) => parentPort!.postMessage(message),
  );
}
