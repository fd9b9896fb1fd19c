// Every method the window calls, at 100,000 articles (--quick: 10,000), served as the window's
// calls are (Workspace.serve, the edge Electron's IPC and the Chromium bridge use): the CPU
// time each takes on the window's process, beside a bare keyset page's, and those over a frame
// (16 ms) listed. The methods the contract runs off-main are also computed on the main thread
// (as before the reader), to show what the reader takes off it; through the reader, the main
// thread's CPU in the call and the longest stall of its event loop are measured instead.
// Not here: suggestions and every occurrence, whose first call builds the sentence index of the
// whole set (across.bench.ts measures it at 20,000 articles).
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sourceJobsHost } from '../src/main/backend/jobs/handlers';
import { Workspace } from '../src/main/backend/workspace';
import { contract, type Input, type Method } from '../src/shared/contract';
import type { Result } from '../src/shared/result';
import { BENCH_ANNOTATOR, copyBigProject } from './lib/big-project';
import { median } from './lib/stats';
import type { BenchModule, Metric } from './lib/types';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');
/** Quick calls are timed this many times in a row at most. */
const REPS = 100;
/** A call slower than this (CPU) is measured once: the bench must fit in its time. */
const ONCE_MS = 500;

function cpuMs(start: { user: number; system: number }): number {
  const used = process.threadCpuUsage(start);
  return (used.user + used.system) / 1000;
}

function ok<T>(r: Result<unknown>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const mainThread: BenchModule = {
  name: 'main-thread',
  description: "every method the window calls: its CPU on the window's process at scale, beside a bare page",
  async run(ctx) {
    const n = ctx.quick ? 10_000 : 100_000;
    const { dir, file } = copyBigProject(n, ctx.log);
    const host = sourceJobsHost();
    const ws = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES, jobs: host });
    try {
      const p = ws.open(file, { backupNow: false });
      await p.reader?.whenReady();
      const db = p.db;
      const metrics: Metric[] = [];
      const BARE = 'bare keyset page (200 rows), CPU';
      const barePage = db.prepare('SELECT id, title, source FROM articles WHERE id > ? ORDER BY id LIMIT 200');
      const bare: number[] = [];
      for (let i = 0; i < ctx.runs; i++) {
        const c = process.threadCpuUsage();
        for (let k = 0; k < REPS; k++) barePage.all((n >> 1) - k);
        bare.push(cpuMs(c) / REPS);
      }
      metrics.push({ name: BARE, unit: 'ms', samples: bare, higherIsBetter: false });

      const first = db.prepare('SELECT id, text FROM articles ORDER BY id LIMIT 1').get() as {
        id: number;
        text: string;
      };
      const word = first.text.match(/\p{L}{6,}/u)?.[0] ?? 'the';
      const reviewed = db
        .prepare(
          `SELECT s.article_id FROM article_status s JOIN annotators a ON a.id = s.annotator_id
           WHERE s.status = 'done' GROUP BY s.article_id HAVING count(*) >= 2 ORDER BY s.article_id LIMIT 1`,
        )
        .pluck()
        .get() as number;
      const labelId = db.prepare('SELECT id FROM labels ORDER BY id LIMIT 1').pluck().get() as number;
      const spanId = '0199aaaa-0000-7000-8000-000000000001';
      const calls: { label: string; method: Method; input: unknown; once?: boolean }[] = [];
      const call = <M extends Method>(method: M, input: Input<M>, label: string = method, once = false) =>
        calls.push({ label, method, input, once });
      call('loadProject', {});
      call('getSession', {});
      call('listAnnotators', {});
      call('listLabels', {});
      call('getGuidelines', {});
      call('listArticles', { status: 'all', limit: 200 }, 'listArticles (first page)');
      call('listArticles', { status: 'todo', limit: 200 }, 'listArticles (to do)');
      call('listArticles', { status: 'done', at: Math.floor(n * 0.29), limit: 200 }, 'listArticles (done, deep)');
      call('listArticles', { status: 'todo', withoutLabel: labelId, limit: 200 }, 'listArticles (to do, has no label)');
      call('getProgress', {});
      call('getArticle', { id: n }, 'getArticle (last)');
      call('nextArticle', { afterId: null, undoneOnly: true }, 'nextArticle (first undone)');
      call('listSpans', { articleId: first.id });
      call('setStatus', { articleId: first.id, status: 'in_progress' });
      call('createSpan', { id: spanId, articleId: first.id, labelId, start: 0, end: 3 }, 'createSpan', true);
      call('updateSpan', { id: spanId, end: 4 });
      call('deleteSpan', { id: spanId }, 'deleteSpan', true);
      call('restoreSpan', { id: spanId }, 'restoreSpan', true);
      call('search', { query: word, limit: 20 }, `search ("${word}")`);
      call('reviewArticle', { articleId: reviewed });
      call('getPolicy', {});
      call('pairConflicts', { a: BENCH_ANNOTATOR, b: 'other' });
      call('listBackups', {});
      call('getInbox', {});
      call('listJobs', {});
      call('reviewQueue', { filter: 'all' });

      const over: string[] = [];
      const served = async (method: Method, input: unknown) => {
        const h = monitorEventLoopDelay({ resolution: 1 });
        h.enable();
        const c = process.threadCpuUsage();
        const t = performance.now();
        const answer = ws.serve(method, input);
        const cpu = cpuMs(c);
        ok(await answer, method);
        const wall = performance.now() - t;
        h.disable();
        return { cpu, wall, stall: h.max / 1e6, offMain: answer instanceof Promise };
      };
      for (const { label, method, input, once } of calls) {
        const offMain = contract[method].thread !== 'main';
        // Before the reader (and for every other method): computed on the window's process.
        const cpu: number[] = [];
        const wall: number[] = [];
        const c0 = process.threadCpuUsage();
        const t0 = performance.now();
        ok(ws.dispatch(method, input), label);
        const firstWall = performance.now() - t0;
        const firstCpu = cpuMs(c0);
        if (once || firstCpu > ONCE_MS) {
          // A write that cannot be repeated as it is, or a call too slow to repeat: its first call.
          wall.push(firstWall);
          cpu.push(firstCpu);
        } else {
          // The CPU clock ticks coarsely: a quick call is timed over several calls in a row.
          const reps = Math.max(1, Math.min(REPS, Math.floor(20 / firstWall)));
          for (let i = 0; i < ctx.runs; i++) {
            const c = process.threadCpuUsage();
            const t = performance.now();
            for (let k = 0; k < reps; k++) ok(ws.dispatch(method, input), label);
            wall.push((performance.now() - t) / reps);
            cpu.push(cpuMs(c) / reps);
          }
        }
        const name = offMain ? `${label} on the main thread (before), CPU` : `${label}, CPU`;
        metrics.push({ name, unit: 'ms', samples: cpu, higherIsBetter: false, baseline: BARE, target: 16 });
        if (!offMain && median(cpu) > 16) over.push(`${label} ${median(cpu).toFixed(1)} ms`);
        if (!offMain) continue;
        const viaReader = [];
        for (let i = 0; i < Math.min(ctx.runs, cpu.length); i++) viaReader.push(await served(method, input));
        if (viaReader.some((r) => !r.offMain)) throw new Error(`${method} did not go to the reader`);
        ctx.log(
          `${label}: on the main thread ${median(cpu).toFixed(0)} ms CPU (${median(wall).toFixed(0)} ms wall); ` +
            `through the reader ${median(viaReader.map((r) => r.wall)).toFixed(0)} ms until answered, ` +
            `${median(viaReader.map((r) => r.cpu)).toFixed(2)} ms of the main thread's CPU`,
        );
        metrics.push(
          {
            name: `${label} through the reader: main thread's CPU`,
            unit: 'ms',
            samples: viaReader.map((r) => r.cpu),
            higherIsBetter: false,
            baseline: BARE,
            target: 16,
          },
          {
            name: `${label} through the reader: longest event-loop stall`,
            unit: 'ms',
            samples: viaReader.map((r) => r.stall),
            higherIsBetter: false,
          },
          {
            name: `${label} through the reader: until answered`,
            unit: 'ms',
            samples: viaReader.map((r) => r.wall),
            higherIsBetter: false,
          },
        );
      }
      // The baseline of the stalls: the idle loop's, watched for as long as a slow call through the reader.
      const IDLE = 'event-loop stall, idle (baseline)';
      const idle = monitorEventLoopDelay({ resolution: 1 });
      idle.enable();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      idle.disable();
      metrics.push({ name: IDLE, unit: 'ms', samples: [idle.max / 1e6], higherIsBetter: false });
      for (const m of metrics) if (m.name.endsWith('longest event-loop stall')) m.baseline = IDLE;
      ctx.log(
        `${n.toLocaleString('en-US')} articles, ${calls.length} calls; over a frame on the main thread: ${over.length ? over.join(', ') : 'none'}`,
      );
      return metrics;
    } finally {
      ws.close();
      await host.runner.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default mainThread;
