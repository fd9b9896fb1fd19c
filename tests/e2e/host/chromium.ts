// The Chromium host: the built renderer in a plain Chromium page, with a window.api built from
// the contract exactly as the preload builds it, and every call forwarded through main/ipc.ts
// (sender-frame check included) to a real Workspace in the test's own Node process.
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { chromium, type Browser, type Frame, type Page, type Route } from 'playwright-core';
import type { Workspace } from '../../../src/main/backend/workspace';
import { registerIpc } from '../../../src/main/ipc';
import { makeTrustedUrl } from '../../../src/main/urls';
import { IPC_CHANNEL, METHODS, type AppEvent } from '../../../src/shared/contract';
import { findChromium, RENDERER_DIR } from './discover';

export const ORIGIN = 'http://spanwise.test';
export const START_URL = `${ORIGIN}/index.html`;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Every file of the built renderer, read once, so a rebuild mid-run cannot serve half a bundle. */
function readRenderer(dir: string): Map<string, Buffer> {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: build the app first (npm run build)`);
  }
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else files.set(`/${rel}`, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return files;
}

/** Installed before any page script: window.api as the preload exposes it (see src/preload/index.ts). */
function installApi(methods: readonly string[]): void {
  if (window !== window.top) return; // the preload runs in the main frame only
  const g = window as unknown as Record<string, unknown>;
  const invoke = (method: string, input: unknown): Promise<unknown> => {
    const binding = g['__spanwiseInvoke'] as (method: string, input: string) => Promise<string>;
    // JSON text both ways: Playwright's per-value serialisation is slow for large results
    // (an article's 5,000 spans), and JSON is what structured clone gives IPC anyway.
    return binding(method, JSON.stringify(input)).then((text) => JSON.parse(text) as unknown);
  };
  const listeners = new Set<(event: unknown) => void>();
  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (input?: unknown) => invoke(method, input ?? {});
  api['onEvent'] = (listener: (event: unknown) => void) => {
    const wrapped = (event: unknown) => listener(event);
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  };
  // A web page is never told a dropped File's path (Electron's webUtils is); '' is the preload's
  // own answer when it does not know. Tests of drag-and-drop import use the path-taking methods.
  api['pathForFile'] = () => '';
  // contextBridge deep-freezes what it exposes and makes the global read-only.
  Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true });
  // What main's webContents.send(EVENT_CHANNEL, event) does, for the test to call.
  Object.defineProperty(window, '__spanwiseEmit', {
    value: (event: unknown) => {
      for (const listener of [...listeners]) listener(structuredClone(event));
    },
  });
}

export interface ChromiumHost {
  page: Page;
  emit(event: AppEvent): Promise<void>;
  close(): Promise<void>;
}

/** Opens the built renderer in a new context of `browser`, its api served by `workspace`. */
export async function openChromiumHost(browser: Browser, workspace: Workspace): Promise<ChromiumHost> {
  const files = readRenderer(RENDERER_DIR);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    // The app is offline: serve our files, refuse everything else.
    await context.route('**/*', async (route: Route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
      const body = files.get(decodeURIComponent(url.pathname));
      if (!body) return route.fulfill({ status: 404, contentType: 'text/plain', body: `not found: ${url.pathname}` });
      return route.fulfill({
        status: 200,
        contentType: CONTENT_TYPES[path.extname(url.pathname)] ?? 'application/octet-stream',
        body,
      });
    });

    // The same edge as Electron main: registerIpc's handler, with the calling frame standing in
    // for event.senderFrame (a child frame or another origin is refused with FORBIDDEN).
    let handler: ((event: IpcMainInvokeEvent, method: unknown, input: unknown) => unknown) | null = null;
    registerIpc(
      {
        handle: (channel, listener) => {
          if (channel === IPC_CHANNEL) handler = listener;
        },
        removeHandler: () => {
          handler = null;
        },
      },
      workspace,
      makeTrustedUrl({ preload: '', rendererHtml: '', devServerUrl: START_URL }),
    );
    const page = await context.newPage();
    await page.exposeBinding('__spanwiseInvoke', (source: { frame: Frame }, method: unknown, input: unknown) => {
      if (!handler) throw new Error('the IPC handler is not registered');
      const senderFrame = { url: source.frame.url(), parent: source.frame.parentFrame() };
      const parsed: unknown = typeof input === 'string' ? JSON.parse(input) : input;
      return JSON.stringify(
        handler({ senderFrame, sender: { id: 1 } } as unknown as IpcMainInvokeEvent, method, parsed),
      );
    });
    // As source text: tsx/esbuild (keepNames) may wrap inner functions in __name(...), a helper
    // that exists only in Node; a local stand-in keeps the page free of it and of new globals.
    await page.addInitScript({
      content: `(() => { const __name = (f) => f; (${installApi.toString()})(${JSON.stringify([...METHODS])}); })();`,
    });
    await page.goto(START_URL, { waitUntil: 'domcontentloaded' });
    return {
      page,
      emit: async (event) => {
        await page.evaluate((ev) => {
          (window as unknown as { __spanwiseEmit(e: unknown): void }).__spanwiseEmit(ev);
        }, event);
      },
      close: () => context.close(),
    };
  } catch (err) {
    await context.close();
    throw err;
  }
}
