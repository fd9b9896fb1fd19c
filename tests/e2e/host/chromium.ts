// The Chromium host for the e2e suite: the app's own Chromium bridge (src/chromium/bridge.ts,
// the same code `npm start -- --chromium` runs) in a fresh context of a shared browser, served
// by a real Workspace in the test's own Node process.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../../src/chromium/browser';
import { bridgeContext, START_URL } from '../../../src/chromium/bridge';
import type { Workspace } from '../../../src/main/backend/workspace';
import type { AppEvent } from '../../../src/shared/contract';
import { RENDERER_DIR } from './discover';

export { START_URL };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS });
}

export interface ChromiumHost {
  page: Page;
  emit(event: AppEvent): Promise<void>;
  close(): Promise<void>;
}

/** Opens the built renderer in a new context of `browser`, its api served by `workspace`. */
export async function openChromiumHost(browser: Browser, workspace: Workspace): Promise<ChromiumHost> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const bridge = await bridgeContext(context, workspace, { rendererDir: RENDERER_DIR, host: 'chromium' });
    const page = await context.newPage();
    await page.goto(START_URL, { waitUntil: 'domcontentloaded' });
    return { page, emit: (event) => bridge.emit(page, event), close: () => context.close() };
  } catch (err) {
    await context.close();
    throw err;
  }
}
