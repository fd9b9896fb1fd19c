// Review mode in Chromium through the e2e harness (the built renderer on the real backend),
// read from the app's performance marks (src/renderer/src/lib/perf.ts):
//   - opening the review view of an article with 3 layers × 500 spans, from the data in hand
//     to the painted view (target < 100 ms);
//   - J (next open conflict), keydown to painted (target within one frame, 16.7 ms).
// Each beside a bare baseline measured in the same run. The layers come in through the real
// `spanwise` binary (import --as NAME --status done), as a reviewer's project holds them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from '../tests/e2e/harness';
import { spanwise } from '../tests/e2e/review-fixture';
import { measures } from './lib/sized-project';
import type { BenchContext, BenchModule, Metric } from './lib/types';
import { bareOpen } from './lib/baselines';
import { BARE_FRAME, frameMetrics, SCRIPT_PART } from './lib/frames';
import { LABELS } from './lib/synth';
import { syntheticText } from './lib/text';

const ANNOTATORS = ['alice', 'bob', 'carol'];

/**
 * `count` word spans per layer at the same places; the layers disagree the way annotators do:
 * the second ends some spans a word later (boundary), the third labels some differently
 * (label) and puts some on the next word (partial).
 */
function layerSpans(text: string, count: number, layer: number): Array<{ start: number; end: number; label: string }> {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const step = Math.max(3, Math.floor(words.length / count));
  const out: Array<{ start: number; end: number; label: string }> = [];
  for (let i = 0, n = 0; out.length < count && i < words.length - 2; i += step, n++) {
    // The third layer puts some on the next word instead: two partial clusters.
    const w = layer === 2 && n % 9 === 0 ? words[i + 1]! : words[i]!;
    let end = w.end;
    let label = LABELS[n % LABELS.length]!;
    if (layer === 1 && n % 5 === 0) end = words[i + 1]!.end;
    if (layer === 2 && n % 6 === 0) label = LABELS[(n + 1) % LABELS.length]!;
    out.push({ start: w.start, end, label });
  }
  return out;
}

function buildProject(dir: string, spans: number): string {
  const file = path.join(dir, 'review.spanwise');
  const big = syntheticText(40_000, 2);
  const small = syntheticText(2_000, 1);
  spanwise(dir, ['init', file]);
  for (const [i, who] of ANNOTATORS.entries()) {
    const rows = [
      { title: 'Small', text: small, spans: layerSpans(small, 10, i) },
      { title: `40 kB, ${spans} spans a layer`, text: big, spans: layerSpans(big, spans, i) },
    ];
    const input = path.join(dir, `${who}.jsonl`);
    fs.writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    spanwise(dir, ['import', file, input, '--as', who, '--status', 'done', '--quiet']);
  }
  return file;
}

async function openRow(page: Page, title: string): Promise<void> {
  const before = (await measures(page, 'spanwise:review-open')).length;
  await page.getByTestId('queue-row').filter({ hasText: title }).click();
  await page.waitForFunction((n) => performance.getEntriesByName('spanwise:review-open', 'measure').length > n, before);
}

async function run(ctx: BenchContext): Promise<Metric[]> {
  const runs = ctx.quick ? 5 : 15;
  const spans = 500;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-review-'));
  ctx.log(`building a reviewer's project: 3 layers × ${spans} spans on a 40 kB article`);
  const file = buildProject(dir, spans);
  const app = await launchApp({ projectFile: file, annotator: 'rita', host: 'chromium' });
  const page = app.page;
  const bigTitle = `40 kB, ${spans} spans a layer`;
  try {
    await page.getByTestId('review-toggle').click();
    await page.getByTestId('review-title').waitFor();
    const bigId = Number(
      await page.getByTestId('queue-row').filter({ hasText: bigTitle }).getAttribute('data-article'),
    );

    ctx.log(`opening its review view ${runs} times`);
    const renders: number[] = [];
    const opens: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      await openRow(page, 'Small');
      await page.evaluate(() => performance.clearMeasures());
      await openRow(page, bigTitle);
      await page.waitForFunction(() => performance.getEntriesByName('spanwise:review-render', 'measure').length > 0);
      renders.push((await measures(page, 'spanwise:review-render')).at(-1)!);
      opens.push((await measures(page, 'spanwise:review-open')).at(-1)!);
      bare.push(await bareOpen(page, [{ method: 'reviewArticle', input: { articleId: bigId } }]));
    }
    const clusters = await page.evaluate(async (articleId) => {
      const res = await window.api.reviewArticle({ articleId });
      if (!res.ok) throw new Error(res.error.message);
      return { all: res.value.clusters.length, open: res.value.clusters.filter((c) => c.status === 'open').length };
    }, bigId);
    ctx.log(`the article has ${clusters.all} clusters, ${clusters.open} of them open conflicts`);
    const metrics: Metric[] = [
      {
        name: 'render the review view, 3 × 500 spans (data → painted)',
        unit: 'ms',
        samples: renders,
        higherIsBetter: false,
        baseline: 'bare: fetch + plain <p> text, painted',
        target: 100,
      },
      {
        name: 'open it end to end (click → fetch → painted)',
        unit: 'ms',
        samples: opens,
        higherIsBetter: false,
        baseline: 'bare: fetch + plain <p> text, painted',
      },
      { name: 'bare: fetch + plain <p> text, painted', unit: 'ms', samples: bare, higherIsBetter: false },
    ];

    const presses = Math.min(runs * 4, clusters.open - 1);
    ctx.log(`J (next open conflict) ${presses} times`);
    const next = await frameMetrics(page, {
      presses,
      press: () => page.keyboard.press('j'),
      measure: 'spanwise:review-next',
      name: 'J: next open conflict (→ painted)',
      script: SCRIPT_PART,
      bare: BARE_FRAME,
      target: 16.7,
    });
    return [...metrics, ...next];
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const bench: BenchModule = {
  name: 'review',
  description:
    'review mode in Chromium through the e2e harness, read from the app’s performance marks (src/renderer/src/lib/perf.ts)',
  run,
};
export default bench;
