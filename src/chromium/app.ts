// Spanwise in a Chromium app window, for machines where Electron's binary cannot be had: the
// same built renderer, the same backend and ipc edge as the Electron main process, the same
// project file and user folder. This Node process plays main; Playwright drives the browser
// over its pipe (--remote-debugging-pipe), so no network port is opened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PathGrants } from '../main/backend/jobs/grants';
import { sourceWorkerUrl, type JobsHost } from '../main/backend/jobs/handlers';
import { JobRunner } from '../main/backend/jobs/runner';
import { Workspace } from '../main/backend/workspace';
import { userFolder } from '../main/user-folder';
import type { AppEvent } from '../shared/contract';
import { CHROMIUM_ARGS, findChromium, ROOT, type FoundChromium } from './browser';
import { bridgeContext, START_URL } from './bridge';

export interface ChromiumAppOptions {
  /** No window (tests, CI): the npm package's headless Chromium will do. */
  headless?: boolean;
  /** Settings, the default project, the browser profile. Default: the platform's user folder. */
  userDir?: string;
  /** Open this project file (created when missing) instead of the last or default one. */
  projectFile?: string;
  rendererDir?: string;
  resourcesDir?: string;
  /** Where exports are written (the Chromium window has no save dialog). */
  exportsDir?: string;
}

export interface ChromiumApp {
  page: Page;
  workspace: Workspace;
  browser: FoundChromium;
  /** Resolves when the window is closed (or close() was called). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** A file name in `dir` that does not exist yet: `name`, else `name (2)`, `name (3)`… */
export function freshPath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${stem} (${i})${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

function defaultExportsDir(): string {
  const documents = path.join(os.homedir(), 'Documents');
  return path.join(fs.existsSync(documents) ? documents : os.homedir(), 'Spanwise exports');
}

export async function startChromiumApp(opts: ChromiumAppOptions = {}): Promise<ChromiumApp> {
  const headless = opts.headless ?? false;
  const userDir = opts.userDir ?? userFolder();
  const exportsDir = opts.exportsDir ?? defaultExportsDir();
  const browser = findChromium({ window: !headless });
  let page: Page | null = null;
  let emitToPage: ((page: Page, event: AppEvent) => Promise<void>) | null = null;
  const emit = (event: AppEvent) => {
    if (page && emitToPage) void emitToPage(page, event).catch(() => undefined);
  };
  const runner = new JobRunner({ workerUrl: sourceWorkerUrl(), execArgv: ['--import', 'tsx'], emit });
  const jobs: JobsHost = {
    runner,
    // As in Electron: the page names no output file and imports only what the user dropped or
    // chose. Without a save dialog, exports go to a new file in the exports folder.
    trustCallerPaths: false,
    importGrants: new PathGrants(),
    pickExportTarget: ({ name }) => {
      fs.mkdirSync(exportsDir, { recursive: true });
      return Promise.resolve(freshPath(exportsDir, name));
    },
  };
  const resourcesDir = opts.resourcesDir ?? path.join(ROOT, 'resources');
  const workspace = new Workspace({ userDir, resourcesDir, jobs, emit });
  // An opened assignment pack's project goes to the user folder (no save dialog here), then
  // the window switches to it as File → Open would.
  jobs.projectsDir = userDir;
  jobs.switchProject = (file) => {
    // A failed update is what the window's calls answer; it shows it.
    void workspace.beginOpen(file).catch(() => undefined);
    emit({ type: 'projectChanged' });
  };
  let context: BrowserContext | null = null;
  try {
    // A window: an app window (no tabs or address bar) on a blank page, the app loaded once
    // the bridge serves it (a headless shell opens no app window, so it keeps the blank tab).
    // Root cannot use Chromium's sandbox (containers); people can.
    const args = CHROMIUM_ARGS.filter((a) => a !== '--no-sandbox' || process.getuid?.() === 0 || headless);
    context = await chromium.launchPersistentContext(path.join(userDir, 'chromium-profile'), {
      executablePath: browser.path,
      headless,
      args: headless ? args : [...args, '--app=data:text/html,', '--window-size=1400,900'],
      ignoreDefaultArgs: headless ? ['--enable-automation'] : ['--enable-automation', 'about:blank'],
      viewport: headless ? { width: 1400, height: 900 } : null,
    });
    const bridge = await bridgeContext(context, workspace, {
      rendererDir: opts.rendererDir ?? path.join(ROOT, 'out', 'renderer'),
      host: 'chromium',
    });
    emitToPage = bridge.emit;
    const shown = context.pages()[0] ?? (await context.newPage());
    page = shown;
    // The window first, the project behind it (an older one is updated in a worker while the
    // page shows how far it has come); begun before the page loads, so its calls wait for it.
    void workspace.openInitialInWindow(opts.projectFile);
    await shown.goto(START_URL, { waitUntil: 'domcontentloaded' });

    const ctx = context;
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        await runner.shutdown();
        await ctx.close().catch(() => undefined);
        workspace.close();
      })());
    const closed = new Promise<void>((resolve) => {
      ctx.on('close', () => void close().then(resolve));
      shown.on('close', () => void close().then(resolve));
    });
    return { page: shown, workspace, browser, closed, close };
  } catch (err) {
    await context?.close().catch(() => undefined);
    await runner.shutdown();
    workspace.close();
    throw err;
  }
}
