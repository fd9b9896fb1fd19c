// The big article and start-up in Chromium through the e2e harness (the built renderer on the
// real backend), read from the app's own performance marks (src/renderer/src/lib/perf.ts):
//   - opening a 1 MB article with 20,000 spans, click → painted (target < 200 ms), beside the
//     same bytes through the bridge with no work and a bare fetch + plain-text paint;
//   - creating a span by keyboard on it, keydown → painted (target < 16 ms), beside a bare frame;
//   - start-up on the 100,000-article project, navigation → first article painted (target
//     < 500 ms), beside the start-up's calls through the bridge with no rendering and a bare
//     page's first paint from the same host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ORIGIN } from '../src/chromium/bridge';
import type { Method } from '../src/shared/contract';
import { launchApp } from '../tests/e2e/harness';
import { bareOpen } from './lib/baselines';
import { BARE_FRAME, frameMetrics, SCRIPT_PART, labelWordAhead } from './lib/frames';
import { BENCH_ANNOTATOR, copyBigProject } from './lib/big-project';
import { buildSizedProject, measures } from './lib/sized-project';
import type { BenchContext, BenchModule, Metric } from './lib/types';

const BIG_BYTES = 1_000_000;
const BIG_SPANS = 20_000;

function buildProject(file: string): { big: number; small: number } {
  return buildSizedProject(file, {
    small: { title: 'Small', bytes: 2_000, spans: 10, seed: 1 },
    big: { title: '1 MB, 20,000 spans', bytes: BIG_BYTES, spans: BIG_SPANS, seed: 5 },
  });
}

async function openRow(page: Page, row: number): Promise<void> {
  const before = (await measures(page, 'spanwise:open')).length;
  await page.locator('[data-testid=article-row]').nth(row).click();
  await page.waitForFunction((n) => performance.getEntriesByName('spanwise:open', 'measure').length > n, before);
}

/** A string of `bytes` characters through a bare binding of the same bridge, in the page: the transport alone. */
async function bareBytes(page: Page, bytes: number): Promise<number> {
  return page.evaluate(async (n) => {
    const echo = (window as unknown as { __benchBytes(n: number): Promise<string> }).__benchBytes;
    const t0 = performance.now();
    const s = await echo(n);
    if (s.length !== n) throw new Error('short answer');
    return performance.now() - t0;
  }, bytes);
}

/** The calls the window makes at start-up, in the same order and with nothing rendered. */
async function bareStartupCalls(page: Page, calls: Array<Array<{ method: Method; input: unknown }>>): Promise<number> {
  return page.evaluate(async (steps) => {
    const api = window.api as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean }>>;
    const t0 = performance.now();
    for (const step of steps) {
      const results = await Promise.all(step.map((c) => api[c.method]!(c.input)));
      if (results.some((r) => !r.ok)) throw new Error('a start-up call failed');
    }
    return performance.now() - t0;
  }, calls);
}

async function bigArticle(ctx: BenchContext, runs: number): Promise<Metric[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
  const file = path.join(dir, 'bench.spanwise');
  const ids = buildProject(file);
  const app = await launchApp({ projectFile: file, host: 'chromium' });
  const page = app.page;
  const workspace = app.workspace!;
  try {
    await page.getByTestId('article-title').waitFor();
    // What the article's data weighs on the bridge: the open's answer as JSON text (and the
    // two answers, article and spans as objects, that an open took before).
    const weigh = (method: Method, input: unknown) => JSON.stringify(workspace.dispatch(method, input)).length;
    const payload = weigh('readArticle', { id: ids.big });
    const unpacked = weigh('getArticle', { id: ids.big }) + weigh('listSpans', { articleId: ids.big });
    ctx.log(
      `the article's data on the bridge: ${(payload / 1e6).toFixed(2)} MB of JSON (unpacked: ${(unpacked / 1e6).toFixed(2)} MB)`,
    );
    await page.exposeBinding('__benchBytes', (_source, n: number) => 'x'.repeat(n));

    ctx.log(`opening the 1 MB / 20,000-span article ${runs} times`);
    const opens: number[] = [];
    const renders: number[] = [];
    const warm: number[] = [];
    const bare: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A fresh window holds no text: the first open of the big article carries all of it.
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => performance.getEntriesByName('spanwise:startup', 'measure').length > 0);
      await page.evaluate(() => performance.clearMeasures());
      await openRow(page, ids.big - 1);
      await page.waitForFunction(() => performance.getEntriesByName('spanwise:render', 'measure').length > 0);
      opens.push((await measures(page, 'spanwise:open')).at(-1)!);
      renders.push((await measures(page, 'spanwise:render')).at(-1)!);
      // Opened again (next/previous, undo across articles): the window holds the text.
      await openRow(page, ids.small - 1);
      await openRow(page, ids.big - 1);
      warm.push((await measures(page, 'spanwise:open')).at(-1)!);
      bare.push(await bareOpen(page, [{ method: 'readArticle', input: { id: ids.big } }]));
      bytes.push(await bareBytes(page, payload));
    }
    const metrics: Metric[] = [
      {
        name: 'open the 1 MB article, 20,000 spans (click → painted)',
        unit: 'ms',
        samples: opens,
        higherIsBetter: false,
        baseline: 'bare: the same bytes through the bridge, no work',
        target: 200,
      },
      {
        name: '  of which data in hand → painted',
        unit: 'ms',
        samples: renders,
        higherIsBetter: false,
      },
      {
        name: 'open it again, its text held (click → painted)',
        unit: 'ms',
        samples: warm,
        higherIsBetter: false,
        baseline: 'bare: the same bytes through the bridge, no work',
        target: 200,
      },
      {
        name: 'bare: readArticle, plain <p> text painted',
        unit: 'ms',
        samples: bare,
        higherIsBetter: false,
        baseline: 'bare: the same bytes through the bridge, no work',
      },
      { name: 'bare: the same bytes through the bridge, no work', unit: 'ms', samples: bytes, higherIsBetter: false },
    ];

    ctx.log(`creating ${runs * 2} spans by keyboard on it`);
    await openRow(page, ids.big - 1);
    const created = await frameMetrics(page, {
      presses: runs * 2,
      press: () => labelWordAhead(page),
      measure: 'spanwise:edit',
      name: 'create a span by keyboard, 20,000 spans (keydown → painted)',
      script: SCRIPT_PART,
      bare: BARE_FRAME,
      target: 16,
    });
    await page.getByTestId('save-state').filter({ hasText: 'saved' }).waitFor();
    const stored = workspace.dispatch('listSpans', { articleId: ids.big });
    if (!stored.ok || (stored.value as unknown[]).length < BIG_SPANS + runs * 2)
      throw new Error('spans were not saved');
    return [...metrics, ...created];
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function startup(ctx: BenchContext, runs: number): Promise<Metric[]> {
  const n = ctx.quick ? 10_000 : 100_000;
  const { dir, file } = copyBigProject(n, ctx.log);
  const app = await launchApp({ projectFile: file, host: 'chromium', annotator: BENCH_ANNOTATOR });
  const page = app.page;
  try {
    await page.getByTestId('article-title').waitFor({ timeout: 60_000 });
    ctx.log(`starting the window ${runs} times on ${n.toLocaleString('en-US')} articles`);
    const starts: number[] = [];
    const calls: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => performance.getEntriesByName('spanwise:startup', 'measure').length > 0);
      starts.push((await measures(page, 'spanwise:startup'))[0]!);
      const first = await page.evaluate(async () => {
        const res = await window.api.nextArticle({ afterId: null, undoneOnly: true });
        return res.ok && res.value ? res.value.id : 1;
      });
      calls.push(
        await bareStartupCalls(page, [
          [
            { method: 'loadProject', input: {} },
            { method: 'listLabels', input: {} },
            { method: 'getGuidelines', input: {} },
          ],
          [
            { method: 'listArticles', input: { status: 'all', at: 0, limit: 200 } },
            { method: 'getProgress', input: {} },
          ],
          [{ method: 'nextArticle', input: { afterId: null, undoneOnly: true } }],
          [{ method: 'readArticle', input: { id: first } }],
        ]),
      );
      // A page of plain text from the same host (the router's not-found answer): loading alone.
      const other = await app.page.context().newPage();
      await other.goto(`${ORIGIN}/blank`, { waitUntil: 'load' });
      // As text, not a function: tsx would wrap a named inner function in a Node-only __name().
      blank.push(
        await other.evaluate<number>(`new Promise((resolve) => {
          const read = () => {
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            if (fcp) resolve(fcp.startTime);
            else requestAnimationFrame(read);
          };
          read();
        })`),
      );
      await other.close();
    }
    return [
      {
        name: `start-up to the first article painted, ${n.toLocaleString('en-US')} articles`,
        unit: 'ms',
        samples: starts,
        higherIsBetter: false,
        baseline: 'bare: the start-up calls through the bridge, nothing rendered',
        target: 500,
      },
      {
        name: 'bare: the start-up calls through the bridge, nothing rendered',
        unit: 'ms',
        samples: calls,
        higherIsBetter: false,
      },
      {
        name: 'bare: a plain-text page from the same host, first paint',
        unit: 'ms',
        samples: blank,
        higherIsBetter: false,
      },
    ];
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(ctx: BenchContext): Promise<Metric[]> {
  const runs = ctx.quick ? 3 : 6;
  // SPANWISE_BENCH_STARTUP=only: the start-up alone (to measure it without the big article's part).
  if (process.env['SPANWISE_BENCH_STARTUP'] === 'only') return startup(ctx, runs);
  return [...(await bigArticle(ctx, runs)), ...(await startup(ctx, runs))];
}

const bench: BenchModule = {
  name: 'big-article',
  description:
    'the 1 MB / 20,000-span article and start-up on 100,000 articles in Chromium, from the app’s performance marks',
  run,
};
export default bench;
