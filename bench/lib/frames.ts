// Keydown → painted in the browser benches, measured one way for all: keys the app answers with
// one of its performance measures (src/renderer/src/lib/perf.ts), each press waited for until
// the app has painted it and then followed by a bare frame in the same page, so that the app's
// figures stand beside what one frame costs there and then.
import type { Page } from 'playwright-core';
import { bareFrame } from './baselines';
import { measures } from './sized-project';
import type { Metric } from './types';

/** The bare frames' metric name (a bench with phases adds the phase to it). */
export const BARE_FRAME = 'bare: keydown → class toggle → painted';
/** The script part's metric name (likewise). */
export const SCRIPT_PART = '  of which script (state + React commit)';

export interface FramesRun {
  presses: number;
  /** The keys of the i-th press: one interaction the app measures. */
  press(i: number): Promise<void>;
  /** The app's measure of one press, e.g. 'spanwise:edit'; its script part is `${measure}:script`. */
  measure: string;
  /** The metrics' names: the app's figure, its script part, and the bare frames it is compared with. */
  name: string;
  script: string;
  bare: string;
  /** The app's figure's target, in ms. */
  target: number;
  /** False: no bare frames of its own; the figure is compared with those named `bare`, measured before. */
  measureBare?: boolean;
}

/** The editor's press: three words on from the caret, the next word selected and labelled with key 4. */
export async function labelWordAhead(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  for (let k = 0; k < 3; k++) await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
}

/** The app's keydown → painted figure, its script part and (unless told otherwise) its bare frames. */
export async function frameMetrics(page: Page, run: FramesRun): Promise<Metric[]> {
  await page.evaluate(() => performance.clearMeasures());
  const frames: number[] = [];
  for (let i = 0; i < run.presses; i++) {
    await run.press(i);
    await page.waitForFunction(({ measure, n }) => performance.getEntriesByName(measure, 'measure').length > n, {
      measure: run.measure,
      n: i,
    });
    if (run.measureBare !== false) frames.push(await bareFrame(page));
  }
  const metrics: Metric[] = [
    {
      name: run.name,
      unit: 'ms',
      samples: await measures(page, run.measure),
      higherIsBetter: false,
      baseline: run.bare,
      target: run.target,
    },
    { name: run.script, unit: 'ms', samples: await measures(page, `${run.measure}:script`), higherIsBetter: false },
  ];
  if (frames.length) metrics.push({ name: run.bare, unit: 'ms', samples: frames, higherIsBetter: false });
  return metrics;
}
