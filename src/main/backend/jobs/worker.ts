// The backend's worker thread: one job (import, export, agreement, work packs), off the main
// thread, then exit; or, started as a project's reader, the calls the contract runs off-main;
// or, started by a whole sentence-index build, that build's helper (across/sketch-serve.ts); or,
// before a project an older Spanwise wrote opens, its migrations.
import { parentPort, workerData } from 'node:worker_threads';
import type { SketcherInput } from '../across/sketch-feed';
import { serveSketches } from '../across/sketch-serve';
import type { MigrateInput } from '../opening/protocol';
import { runMigrations } from '../opening/run';
import type { ReaderInput } from '../reader/protocol';
import { serveReader } from '../reader/serve';
import type { WorkerInput, WorkerMessage } from './protocol';
import { runJob } from './run-job';

const input = workerData as WorkerInput | ReaderInput | SketcherInput | MigrateInput;
if ('reader' in input) serveReader(input.reader, parentPort!);
else if ('sketcher' in input) serveSketches(input.sketcher);
else if ('migrate' in input) runMigrations(input.migrate.projectFile, (message) => parentPort!.postMessage(message));
else {
  const flag = new Int32Array(input.cancel);
  await runJob(
    input.spec,
    () => Atomics.load(flag, 0) === 1,
    (message: WorkerMessage) => parentPort!.postMessage(message),
    // A whole sentence-index build starts this same script again as its helper thread.
    new URL(import.meta.url),
  );
}
