// The renderer in a Chromium page, wired to the backend as the Electron preload wires it: the
// built files are served from memory under a fake origin (no network port is opened; Playwright
// talks to the browser over its --remote-debugging-pipe), window.api is built from the contract
// before any page script runs, and each call goes through main/ipc.ts's own handler (sender-frame
// check, input parsing) to the Workspace in this Node process. Used by `npm start -- --chromium`
// and by the e2e suite.
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import type { BrowserContext, Frame, Page, Route } from 'playwright-core';
import type { Workspace } from '../main/backend/workspace';
import { registerIpc } from '../main/ipc';
import { rendererHeaders } from '../main/security/app-protocol';
import { makeTrustedUrl } from '../main/urls';
import { IPC_CHANNEL, METHODS, type AppEvent } from '../shared/contract';
import { installApi } from './page-api';

export const ORIGIN = 'http://spanwise.test';
export const START_URL = `${ORIGIN}/index.html`;

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

type Handler = (event: IpcMainInvokeEvent, method: unknown, input: unknown) => unknown;

/** The real path of a File the user gave the page (a drop or a file input), as Electron's webUtils tells it. */
async function filePath(page: Page, index: number): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `globalThis.__spanwiseFiles?.[${index}]`,
    });
    if (!result.objectId || result.className !== 'File') return '';
    const { path: found } = await cdp.send('DOM.getFileInfo', { objectId: result.objectId });
    return found;
  } catch {
    return '';
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface BridgeOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Shown by the renderer (status bar, title) so people know which host runs. */
  host: 'chromium';
}

/**
 * Serves the renderer and window.api in every page of `context`; returns `emit`, which delivers
 * an AppEvent to the page's onEvent listeners as main's webContents.send does.
 */
export async function bridgeContext(
  context: BrowserContext,
  workspace: Workspace,
  opts: BridgeOptions,
): Promise<{ emit(page: Page, event: AppEvent): Promise<void> }> {
  const files = readRenderer(opts.rendererDir);
  // The app is offline: serve our files, refuse everything else.
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    const body = files.get(decodeURIComponent(url.pathname));
    if (!body) return route.fulfill({ status: 404, contentType: 'text/plain', body: `not found: ${url.pathname}` });
    // The same headers as main's app:// handler, the CSP among them.
    return route.fulfill({ status: 200, headers: rendererHeaders(url.pathname), body });
  });

  // The same edge as Electron main: registerIpc's handler, with the calling frame standing in
  // for event.senderFrame (a child frame or another origin is refused with FORBIDDEN).
  let handler: Handler | null = null;
  const trusted = makeTrustedUrl({ devServerUrl: START_URL });
  registerIpc(
    {
      handle: (channel, listener) => {
        if (channel === IPC_CHANNEL) handler = listener as Handler;
      },
      removeHandler: () => {
        handler = null;
      },
    },
    workspace,
    trusted,
  );
  await context.exposeBinding('__spanwiseInvoke', async (source: { frame: Frame }, method: unknown, input: unknown) => {
    if (!handler) throw new Error('the IPC handler is not registered');
    const senderFrame = { url: source.frame.url(), parent: source.frame.parentFrame() };
    const parsed: unknown = typeof input === 'string' ? JSON.parse(input) : input;
    return JSON.stringify(
      await handler({ senderFrame, sender: { id: 1 } } as unknown as IpcMainInvokeEvent, method, parsed),
    );
  });
  // A File the user dropped or chose: its path, and main may import it (the preload's grant).
  await context.exposeBinding('__spanwisePathForFile', async (source: { frame: Frame; page: Page }, index: unknown) => {
    if (source.frame.parentFrame() !== null || !trusted(source.frame.url()) || typeof index !== 'number') return '';
    const p = await filePath(source.page, index);
    if (p) workspace.grantPath(p);
    return p;
  });
  // As source text: tsx/esbuild (keepNames) may wrap inner functions in __name(...), a helper
  // that exists only in Node; a local stand-in keeps the page free of it and of new globals.
  await context.addInitScript({
    content: `(() => { const __name = (f) => f; (${installApi.toString()})(${JSON.stringify([...METHODS])}, ${JSON.stringify(opts.host)}); })();`,
  });
  return {
    emit: async (page, event) => {
      await page.evaluate((ev) => {
        (window as unknown as { __spanwiseEmit(e: unknown): void }).__spanwiseEmit(ev);
      }, event);
    },
  };
}
