// The e2e harness: starts Spanwise on a given project file and returns a Playwright Page whose
// window.api reaches the real backend.
//   - Chromium host (these machines): the built renderer (out/renderer) in Chromium, window.api
//     built from the contract like the preload builds it, calls forwarded through main/ipc.ts to
//     a Workspace in this process.
//   - Electron host (where the Electron binary is installed): the real app via _electron.launch.
// $SPANWISE_E2E_HOST=chromium|electron|auto picks one (auto: Electron when present).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Browser, ElectronApplication, Page } from 'playwright-core';
import { PathGrants } from '../../src/main/backend/jobs/grants';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { Workspace } from '../../src/main/backend/workspace';
import type { AppEvent } from '../../src/shared/contract';
import { launchBrowser, openChromiumHost } from './host/chromium';
import { chooseHost, findElectron, RESOURCES_DIR, type HostKind } from './host/discover';
import { openElectronHost } from './host/electron';

export { expect };
export { findElectron, chooseHost, type HostKind } from './host/discover';
export { findChromium } from '../../src/chromium/browser';
export { START_URL } from './host/chromium';

export interface LaunchOptions {
  /** The project file to open (created when it does not exist). */
  projectFile: string;
  /** The per-user folder (config.json, default project). Default: `user/` beside the project file. */
  userDir?: string;
  /** Made the project's current annotator before launch; null or absent leaves it as it is. */
  annotator?: string | null;
  /** Seed the demo article set when the project file is new. Default false. */
  demo?: boolean;
  /** Which host; default from $SPANWISE_E2E_HOST (auto: Electron when its binary is installed). */
  host?: HostKind;
  /** Chromium host: open the page in this browser instead of launching one (the fixture shares one per worker). */
  browser?: Browser;
  /**
   * Open the project as the app's window does (Workspace.beginOpen, begun before the page
   * loads), so a file an older Spanwise wrote is updated while the page shows how far it has
   * come. `annotator` and `demo` are not applied.
   */
  openInWindow?: boolean;
}

export interface AppHandle {
  kind: HostKind;
  /** The app's window: the built renderer with window.api connected to the backend. */
  page: Page;
  projectFile: string;
  userDir: string;
  /** Chromium host only: the backend serving this page (same object the Electron main would hold). */
  workspace?: Workspace;
  /** Electron host only. */
  electronApp?: ElectronApplication;
  /** Uncaught exceptions and console.error messages of the page, in order. */
  pageErrors: string[];
  /** Delivers an AppEvent to the page's onEvent listeners, as main's webContents.send does. */
  emit(event: AppEvent): Promise<void>;
  close(): Promise<void>;
}

/** Creates or opens the project file and sets the annotator, as a user's earlier session would have. */
function prepareWorkspace(
  opts: LaunchOptions,
  userDir: string,
  jobs: JobsHost | undefined,
  emit: (event: AppEvent) => void,
): Workspace {
  const workspace = new Workspace({ userDir, resourcesDir: RESOURCES_DIR, jobs, emit });
  if (opts.openInWindow) return workspace;
  try {
    const project = workspace.open(opts.projectFile, { demo: opts.demo ?? false });
    if (typeof opts.annotator === 'string') project.setAnnotator(opts.annotator);
    return workspace;
  } catch (err) {
    workspace.close();
    throw err;
  }
}

export async function launchApp(opts: LaunchOptions): Promise<AppHandle> {
  const kind = opts.host ?? chooseHost();
  const projectFile = path.resolve(opts.projectFile);
  const userDir = path.resolve(opts.userDir ?? path.join(path.dirname(projectFile), 'user'));
  fs.mkdirSync(userDir, { recursive: true });
  // Import/export jobs as Electron main runs them (Chromium host): worker threads, progress
  // events to the page, the "save dialog" answering with a file in the project's folder
  // (exports/), and imports reading only granted paths: an importRequest sent to the page
  // stands for main's open dialog, which grants what the user chose.
  const importGrants = new PathGrants();
  let toPage: ((event: AppEvent) => Promise<void>) | null = null;
  const jobs: JobsHost = {
    ...sourceJobsHost((event) => void toPage?.(event).catch(() => undefined)),
    trustCallerPaths: false,
    importGrants,
    pickExportTarget: ({ name }) => Promise.resolve(path.join(path.dirname(projectFile), 'exports', name)),
    // As the Chromium window: an opened assignment pack's project goes to the user folder.
    projectsDir: userDir,
  };
  const workspace = prepareWorkspace(
    { ...opts, projectFile },
    userDir,
    kind === 'chromium' ? jobs : undefined,
    (event) => void toPage?.(event).catch(() => undefined),
  );
  jobs.switchProject = (file) => {
    workspace.open(file);
    void toPage?.({ type: 'projectChanged' }).catch(() => undefined);
  };
  const pageErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  };

  if (kind === 'electron') {
    workspace.close(); // the app opens the file itself (SPANWISE_PROJECT)
    const executablePath = findElectron();
    if (!executablePath) throw new Error('no Electron binary is installed (see README: Set up and test)');
    const host = await openElectronHost({ executablePath, userDir, projectFile });
    watch(host.page);
    return {
      kind,
      page: host.page,
      projectFile,
      userDir,
      electronApp: host.electronApp,
      pageErrors,
      emit: host.emit,
      close: host.close,
    };
  }

  let ownBrowser: Browser | null = null;
  try {
    const browser = opts.browser ?? (ownBrowser = await launchBrowser());
    // As the app's window: the open begins before the page loads, whose calls wait for it.
    if (opts.openInWindow) void workspace.beginOpen(projectFile).catch(() => undefined);
    const host = await openChromiumHost(browser, workspace);
    watch(host.page);
    toPage = host.emit;
    const emit = (event: AppEvent): Promise<void> => {
      if (event.type === 'importRequest' || event.type === 'packsRequest')
        for (const p of event.paths) importGrants.grant(p);
      return host.emit(event);
    };
    return {
      kind,
      page: host.page,
      projectFile,
      userDir,
      workspace,
      pageErrors,
      emit,
      close: async () => {
        try {
          await host.close();
          await ownBrowser?.close();
        } finally {
          await jobs.runner.shutdown();
          workspace.close();
        }
      },
    };
  } catch (err) {
    await ownBrowser?.close();
    workspace.close();
    throw err;
  }
}

// ---------------------------------------------------------------- Playwright fixture

/** Per-test options: `test.use({ appOptions: { demo: false, annotator: null } })`. */
export interface AppOptions {
  /** Seed the demo article set into the new project. Default true. */
  demo: boolean;
  /** The project's annotator before launch; null = first launch (nobody set). Default 'ana'. */
  annotator: string | null;
}

/** What a test gets as `app`: a launched app on its own temp folder, closed after the test. */
export class TestApp {
  private handle: AppHandle;

  constructor(
    /** This test's temp folder (removed afterwards unless the test failed). */
    readonly dir: string,
    handle: AppHandle,
    private readonly browser: Browser | undefined,
  ) {
    this.handle = handle;
  }

  get kind(): HostKind {
    return this.handle.kind;
  }
  get page(): Page {
    return this.handle.page;
  }
  get projectFile(): string {
    return this.handle.projectFile;
  }
  get userDir(): string {
    return this.handle.userDir;
  }
  get workspace(): Workspace | undefined {
    return this.handle.workspace;
  }
  get electronApp(): ElectronApplication | undefined {
    return this.handle.electronApp;
  }
  get pageErrors(): string[] {
    return this.handle.pageErrors;
  }
  emit(event: AppEvent): Promise<void> {
    return this.handle.emit(event);
  }

  /** Closes the app and starts it again on the same project file and user folder (a new `page`). */
  async relaunch(): Promise<Page> {
    await this.handle.close();
    const next: LaunchOptions = { projectFile: this.projectFile, userDir: this.userDir, host: this.kind };
    if (this.browser) next.browser = this.browser;
    this.handle = await launchApp(next);
    return this.handle.page;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

interface WorkerFixtures {
  /** One Chromium per worker, launched on first use (not at all on the Electron host). */
  sharedBrowser: () => Promise<Browser>;
}

export const test = base.extend<{ appOptions: AppOptions; app: TestApp }, WorkerFixtures>({
  sharedBrowser: [
    // Playwright fixtures must destructure their first argument, even when they use none.
    async ({}, use) => {
      const launched: { browser?: Promise<Browser> } = {};
      await use(() => (launched.browser ??= launchBrowser()));
      if (launched.browser) await (await launched.browser).close();
    },
    { scope: 'worker' },
  ],
  appOptions: [{ demo: true, annotator: 'ana' }, { option: true }],
  app: async ({ appOptions, sharedBrowser }, use, testInfo) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-e2e-'));
    const host = chooseHost();
    const browser = host === 'chromium' ? await sharedBrowser() : undefined;
    const handle = await launchApp({
      projectFile: path.join(dir, 'test.spanwise'),
      userDir: path.join(dir, 'user'),
      annotator: appOptions.annotator,
      demo: appOptions.demo,
      host,
      ...(browser ? { browser } : {}),
    });
    const app = new TestApp(dir, handle, browser);
    try {
      await use(app);
    } finally {
      await app.close();
      if (testInfo.status === testInfo.expectedStatus) fs.rmSync(dir, { recursive: true, force: true });
      else await testInfo.attach('project folder', { body: dir, contentType: 'text/plain' });
    }
  },
});

// ---------------------------------------------------------------- Electron-only tests

export const ELECTRON_SKIP_REASON = 'skipped: no Electron binary';

/** True when the e2e run drives the real Electron app. */
export function onElectron(): boolean {
  return chooseHost() === 'electron';
}

/**
 * A describe block that only runs in real Electron; elsewhere each of its tests is skipped
 * with ELECTRON_SKIP_REASON, the one skip the CI accepts.
 */
export function describeElectronOnly(title: string, body: () => void): void {
  test.describe(title, () => {
    if (!findElectron()) test.skip(true, ELECTRON_SKIP_REASON);
    else test.skip(!onElectron(), 'skipped: SPANWISE_E2E_HOST=chromium');
    body();
  });
}
