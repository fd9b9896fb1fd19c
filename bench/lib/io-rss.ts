// Peak memory of one export, in a process of its own (run by io.bench.ts), the work done in a
// worker thread started as the app starts an export job's (with EXPORT_WORKER_LIMITS):
// `export PROJECT OUT` writes the spans export of layer bench as the CLI does; `stringify JSONL
// OUT` writes the same lines by JSON.stringify of the synthetic rows read one at a time from the
// set's JSONL, through the same writer, in a worker started alike (the baseline: what streaming
// the rows costs with no project read). Prints one JSON line: the process's peak RSS once loaded
// and before any work (`loaded`), and after the work (`peak`), in MB.
import fs from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openDb } from '../../src/main/backend/db/open';
import { exportProject } from '../../src/main/backend/exporters';
import { Sink } from '../../src/main/backend/exporters/sink';
import { EXPORT_WORKER_LIMITS } from '../../src/main/backend/jobs/runner';
import { readSynthRows } from './synth-jsonl';

/**
 * The process's peak RSS since it began running this program. On Linux getrusage's `maxRSS`
 * counted more than that (started by the io bench, this process showed 199 MB before any work,
 * 81–97 MB when started by hand); /proc's VmHWM is the program's own high-water mark.
 */
function peakMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: getrusage's figure.
  }
  return process.resourceUsage().maxRSS / 1024;
}

interface Work {
  mode: 'export' | 'stringify';
  arg: string;
  out: string;
}

async function work({ mode, arg, out }: Work): Promise<void> {
  if (mode === 'export') {
    const { db } = openDb(arg);
    await exportProject(db, out, { format: 'spans', layer: 'bench', only: 'all', offsets: 'codepoint', seed: 0 });
    db.close();
  } else {
    const sink = new Sink(out);
    for (const row of readSynthRows(arg)) await sink.write(JSON.stringify(row) + '\n');
    await sink.close();
  }
}

async function main(): Promise<void> {
  const [mode, arg, out] = process.argv.slice(2);
  if (!arg || !out || (mode !== 'export' && mode !== 'stringify'))
    throw new Error('usage: io-rss export PROJECT OUT | stringify JSONL OUT');
  const loaded = peakMb();
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { mode, arg, out } satisfies Work,
    execArgv: ['--import', 'tsx'],
    resourceLimits: EXPORT_WORKER_LIMITS,
  });
  await new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`io-rss worker exited with ${code}`))));
  });
  console.log(JSON.stringify({ loaded, peak: peakMb() }));
}

if (isMainThread) await main();
else {
  await work(workerData as Work);
  parentPort!.close();
}
