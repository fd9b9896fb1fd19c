// The Electron host: the real app (out/main/index.js) under Playwright's Electron driver, on a
// given user folder and project file. Used wherever the Electron binary is installed.
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { EVENT_CHANNEL, type AppEvent } from '../../../src/shared/contract';
import { MAIN_ENTRY, ROOT } from './discover';

export interface ElectronHost {
  page: Page;
  electronApp: ElectronApplication;
  emit(event: AppEvent): Promise<void>;
  close(): Promise<void>;
}

export async function openElectronHost(opts: {
  executablePath: string;
  userDir: string;
  projectFile: string;
}): Promise<ElectronHost> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env['SPANWISE_USER_DIR'] = opts.userDir;
  env['SPANWISE_PROJECT'] = opts.projectFile;
  delete env['ELECTRON_RUN_AS_NODE'];
  // Chromium refuses to run its sandbox as root (containers, CI); the renderer's `sandbox: true`
  // web preference still applies.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', MAIN_ENTRY] : [MAIN_ENTRY];
  // executablePath is passed explicitly: without it Playwright would require('electron'),
  // which starts a download when the binary is missing.
  const electronApp = await _electron.launch({ executablePath: opts.executablePath, args, env, cwd: ROOT });
  try {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return {
      page,
      electronApp,
      emit: async (event) => {
        await electronApp.evaluate(
          ({ BrowserWindow }, { channel, ev }) => {
            for (const win of BrowserWindow.getAllWindows()) win.webContents.send(channel, ev);
          },
          { channel: EVENT_CHANNEL, ev: event },
        );
      },
      close: () => electronApp.close(),
    };
  } catch (err) {
    await electronApp.close();
    throw err;
  }
}
