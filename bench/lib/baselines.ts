// Bare baselines the browser benches measure beside the app, in the same page and run: the
// same data fetched through window.api and painted as plain text, and one frame after a keydown.
import type { Page } from 'playwright-core';
import type { Method } from '../../src/shared/contract';

/**
 * Calls these methods through window.api together, paints the first one's `text` as plain <p>
 * paragraphs, and waits for the paint: what opening the data costs without the app's view.
 */
export async function bareOpen(page: Page, calls: { method: Method; input: unknown }[]): Promise<number> {
  return page.evaluate(async (calls) => {
    const t0 = performance.now();
    const api = window.api as unknown as Record<
      string,
      (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>
    >;
    const results = await Promise.all(calls.map((c) => api[c.method]!(c.input)));
    const first = results[0]!;
    if (!first.ok) throw new Error(first.error!.message);
    const host = document.createElement('div');
    host.style.cssText = 'position:fixed;inset:0;overflow:auto;background:white;z-index:99';
    for (const para of (first.value as { text: string }).text.split(/\n+/)) {
      const p = document.createElement('p');
      p.textContent = para;
      host.append(p);
    }
    document.body.append(host);
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve();
        c.port2.postMessage(null);
      }),
    );
    const dt = performance.now() - t0;
    host.remove();
    return dt;
  }, calls);
}

/** One frame: a keydown that toggles a class, until painted. */
export async function bareFrame(page: Page): Promise<number> {
  // No named helpers inside evaluate: tsx would wrap them in a Node-only __name().
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        window.addEventListener(
          'keydown',
          (e) => {
            const t0 = e.timeStamp;
            document.querySelector('.statusbar')!.classList.toggle('bench-flag');
            requestAnimationFrame(() => {
              const c = new MessageChannel();
              c.port1.onmessage = () => resolve(performance.now() - t0);
              c.port2.postMessage(null);
            });
          },
          { once: true, capture: true },
        );
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9' }));
      }),
  );
}
