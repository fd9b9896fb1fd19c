// App lifecycle: one workspace (the open project), one window, the IPC edge and the menu.
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { Workspace } from './backend/workspace';
import { registerIpc } from './ipc';
import { userFolder } from './user-folder';
import { buildMenu } from './menu';
import { installJobs } from './jobs'; // import / export (issue 3)
import { makeTrustedUrl, type WindowPaths } from './urls';
import { createMainWindow } from './window';

const isDev = !app.isPackaged && Boolean(process.env['ELECTRON_RENDERER_URL']);
const here = import.meta.dirname;
const paths: WindowPaths = {
  preload: path.join(here, '../preload/index.cjs'),
  rendererHtml: path.join(here, '../renderer/index.html'),
  devServerUrl: isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined,
};
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(app.getAppPath(), 'resources');
// SPANWISE_USER_DIR lets the e2e suite give every test its own folder. Otherwise the same
// folder as the Chromium window's (user-folder.ts), which is Electron's userData for Spanwise.
const userDir = process.env['SPANWISE_USER_DIR'] ?? userFolder();

let win: BrowserWindow | null = null;

// A separate user folder (e2e workers, a second profile) is a separate instance.
app.setPath('userData', userDir);
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

void app.whenReady().then(() => {
  const workspace = new Workspace({ userDir, resourcesDir });
  const initial = process.env['SPANWISE_PROJECT'];
  if (initial) workspace.open(initial, { demo: false });
  else workspace.openInitial();
  registerIpc(ipcMain, workspace, makeTrustedUrl(paths));
  installJobs(() => win); // import / export (issue 3): worker jobs, dialogs, events
  win = createMainWindow(paths);
  win.on('closed', () => (win = null));
  buildMenu(workspace, () => win, isDev);
  app.on('before-quit', () => workspace.close());
});

app.on('window-all-closed', () => app.quit());
