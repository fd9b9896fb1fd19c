// The Electron host: the real app (out/main/index.js) under Playwright's Electron driver, on a
// given user folder and project file. Used wherever the Electron binary is installed.
import fs from 'node:fs';
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
  // The app folder, not out/main/index.js: Electron then reads package.json's "main" and sets
  // app.getAppPath() to the folder, which is where main finds resources/ (a bare script path
  // would make the app path out/main). out/main/index.js must exist (global setup builds it).
  if (!fs.existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is missing: build the app first (npm run build)`);
  const args = [ROOT];
  // Chromium refuses to run its sandbox as root (containers, CI); the renderer's `sandbox: true`
  // web preference still applies.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
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
