// The window's process while a long job runs: an import of 20,000 articles (~3 KB, ~20 spans
// each, 90 MB; --quick: 5,000) and then their export, each started through the contract as the
// window starts them (the job runs in a worker thread with its own connection). Meanwhile the
// main thread serves what the window keeps asking for (a page of the article list at a
// changing index, the progress) every 50 ms, and perf_hooks' monitorEventLoopDelay records
// how long the event loop was held. Measured: the longest stall of the main thread's event
// loop and the longest backend call during each job; the bare baseline is the stall of an
// idle loop measured for as long, in the same run. The calls after the import's commit (seen as
// a change of the connection's data_version) are also reported apart: they are the first to read
// the imported rows, while the job's checkpoint still writes the file; their baseline is the same
// calls made after the jobs, with nothing running. What is checked is the window's process,
// not the jobs' throughput (io.bench.ts measures that at 100,000): a job five times shorter
// holds the same calls and the same commit, and lets the whole bench fit in its ten minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sourceJobsHost } from '../src/main/backend/jobs/handlers';
import { Project } from '../src/main/backend/project';
import { exportOptions, importOptions } from '../src/shared/options';
import type { JobState } from '../src/shared/jobs';
import { cachedSynthJsonl } from './lib/synth-jsonl';
import type { BenchModule, Metric } from './lib/types';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');

interface Watch {
  stallMs: number;
  longestCallMs: number;
  /** The main thread's own CPU time in that call (the workers' is not counted). */
  longestCallCpuMs: number;
  calls: number;
  seconds: number;
  /** When the longest call started, in seconds from the job's start. */
  longestAt: number;
  /** When the call with the most CPU started, in seconds from the job's start. */
  longestCpuAt: number;
  /** The calls that began after another connection committed (the import's commit), if any. */
  afterCommit: Calls;
  /** When that commit was first seen, in seconds from the job's start (null: none). */
  commitAt: number | null;
}

/** The window's calls of a stretch: how many, the longest in wall time and in CPU. */
interface Calls {
  count: number;
  longestMs: number;
  longestCpuMs: number;
}

/** One round of what the window asks for: a page of the list at `at`, the progress. */
function windowCall(p: Project, at: number): { total: number; wallMs: number; cpuMs: number } {
  const c = performance.now();
  const cpu = process.threadCpuUsage();
  const { total } = p.handlers.listArticles({ status: 'all', at, limit: 200 });
  p.handlers.getProgress({});
  const wallMs = performance.now() - c;
  const used = process.threadCpuUsage(cpu);
  return { total, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The next index the window's list asks for: a page far from the last one. */
const nextAt = (at: number, total: number) => (total > 200 ? (at + 7919 * 200) % (total - 200) : 0);

/** Runs `job` to its end while the loop is watched and the window's reads go on every 50 ms. */
async function watch(p: Project, start: () => JobState, wait: (id: string) => Promise<JobState>): Promise<Watch> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const job = start();
  let finished: JobState | null = null;
  const done = wait(job.id).then((s) => (finished = s));
  let longest = 0;
  let longestCpu = 0;
  let longestAt = 0;
  let longestCpuAt = 0;
  let calls = 0;
  let at = 0;
  const version = () => p.db.pragma('data_version', { simple: true }) as number;
  const started = version();
  let commitAt: number | null = null;
  const afterCommit: Calls = { count: 0, longestMs: 0, longestCpuMs: 0 };
  while (!finished) {
    const c = performance.now();
    if (commitAt === null && version() !== started) commitAt = (c - t0) / 1000;
    const call = windowCall(p, at);
    if (call.wallMs > longest) {
      longest = call.wallMs;
      longestAt = (c - t0) / 1000;
    }
    if (call.cpuMs > longestCpu) {
      longestCpu = call.cpuMs;
      longestCpuAt = (c - t0) / 1000;
    }
    if (commitAt !== null) {
      afterCommit.count++;
      afterCommit.longestMs = Math.max(afterCommit.longestMs, call.wallMs);
      afterCommit.longestCpuMs = Math.max(afterCommit.longestCpuMs, call.cpuMs);
    }
    calls++;
    at = nextAt(at, call.total);
    await Promise.race([done, sleep(50)]);
  }
  h.disable();
  const state = finished as JobState;
  if (state.phase !== 'done') throw new Error(`${job.title}: ${state.phase} ${JSON.stringify(state.error ?? '')}`);
  return {
    stallMs: h.max / 1e6,
    longestCallMs: longest,
    longestCallCpuMs: longestCpu,
    longestAt,
    longestCpuAt,
    calls,
    seconds: (performance.now() - t0) / 1000,
    afterCommit,
    commitAt,
  };
}

/** The same calls with no job running, `count` of them 50 ms apart, at pages not read yet. */
async function idleCalls(p: Project, count: number, from: number): Promise<Calls> {
  const calls: Calls = { count, longestMs: 0, longestCpuMs: 0 };
  let at = from;
  for (let i = 0; i < count; i++) {
    const call = windowCall(p, at);
    calls.longestMs = Math.max(calls.longestMs, call.wallMs);
    calls.longestCpuMs = Math.max(calls.longestCpuMs, call.cpuMs);
    at = nextAt(at + 100, call.total);
    await sleep(50);
  }
  return calls;
}

async function idleStall(seconds: number): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) await sleep(50);
  h.disable();
  return h.max / 1e6;
}

const jobsStall: BenchModule = {
  name: 'jobs-stall',
  description: "the window's process while an import and an export run in workers",
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 20_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    const host = sourceJobsHost();
    try {
      const { file: input, bytes } = cachedSynthJsonl(n, ctx.log);
      const p = Project.open(path.join(dir, 'stall.spanwise'), { resourcesDir: RESOURCES, jobs: host });
      p.setAnnotator('bench');
      const imp = await watch(
        p,
        () => p.handlers.startImport({ ...importOptions.parse({}), paths: [input] }),
        (id) => host.runner.wait(id),
      );
      const after = imp.afterCommit;
      ctx.log(
        `import of ${n.toLocaleString('en-US')} articles (${(bytes / 1e6).toFixed(0)} MB) in ${imp.seconds.toFixed(1)} s: ` +
          `${imp.calls} window calls, longest ${imp.longestCallMs.toFixed(1)} ms at ${imp.longestAt.toFixed(1)} s, ` +
          `most CPU ${imp.longestCallCpuMs.toFixed(1)} ms at ${imp.longestCpuAt.toFixed(1)} s; longest stall ${imp.stallMs.toFixed(1)} ms; ` +
          `commit seen at ${imp.commitAt?.toFixed(1) ?? '—'} s, then ${after.count} calls: longest ${after.longestMs.toFixed(1)} ms, ` +
          `most CPU ${after.longestCpuMs.toFixed(1)} ms`,
      );
      const exp = await watch(
        p,
        () => p.handlers.startExport({ ...exportOptions.parse({}), out: path.join(dir, 'out.jsonl') }),
        (id) => host.runner.wait(id),
      );
      ctx.log(
        `export in ${exp.seconds.toFixed(1)} s: ${exp.calls} window calls, longest ${exp.longestCallMs.toFixed(1)} ms ` +
          `at ${exp.longestAt.toFixed(1)} s, most CPU ${exp.longestCallCpuMs.toFixed(1)} ms at ${exp.longestCpuAt.toFixed(1)} s; ` +
          `longest stall ${exp.stallMs.toFixed(1)} ms`,
      );
      const idle = await idleStall(Math.min(10, exp.seconds));
      // As many calls as followed the commit (at least 20), at pages offset from the ones read.
      const quiet = await idleCalls(p, Math.max(20, after.count), 100);
      ctx.log(
        `${quiet.count} calls with no job running: longest ${quiet.longestMs.toFixed(1)} ms, most CPU ${quiet.longestCpuMs.toFixed(1)} ms`,
      );
      p.close();
      const IDLE = 'event-loop stall, idle (baseline)';
      const stall = (name: string, ms: number): Metric => ({
        name,
        unit: 'ms',
        samples: [ms],
        higherIsBetter: false,
        baseline: IDLE,
        target: 50,
      });
      const call = (name: string, ms: number, baseline?: string): Metric => ({
        name,
        unit: 'ms',
        samples: [ms],
        higherIsBetter: false,
        target: 16,
        ...(baseline ? { baseline } : {}),
      });
      const QUIET = 'longest window call, no job running (baseline)';
      const QUIET_CPU = 'longest window call, no job running, CPU (baseline)';
      return [
        { name: IDLE, unit: 'ms', samples: [idle], higherIsBetter: false },
        stall('longest event-loop stall during the import', imp.stallMs),
        call('longest window call during the import', imp.longestCallMs),
        call('longest window call during the import, CPU', imp.longestCallCpuMs),
        { name: QUIET, unit: 'ms', samples: [quiet.longestMs], higherIsBetter: false },
        { name: QUIET_CPU, unit: 'ms', samples: [quiet.longestCpuMs], higherIsBetter: false },
        call("longest window call after the import's commit", after.longestMs, QUIET),
        call("longest window call after the import's commit, CPU", after.longestCpuMs, QUIET_CPU),
        stall('longest event-loop stall during the export', exp.stallMs),
        call('longest window call during the export', exp.longestCallMs),
        call('longest window call during the export, CPU', exp.longestCallCpuMs),
      ];
    } finally {
      await host.runner.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default jobsStall;
