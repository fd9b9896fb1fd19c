// App lifecycle: one workspace (the open project), one window, the IPC edge, the menu and the log.
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import path from 'node:path';
import { fileSink, log, logFile } from './backend/log';
import { Workspace } from './backend/workspace';
import { registerIpc } from './ipc';
import { installJobs } from './jobs';
import { buildMenu } from './menu';
import { registerAppScheme, secureSession } from './protocol';
import { makeTrustedUrl, type WindowPaths } from './urls';
import { userFolder } from './user-folder';
import { createMainWindow } from './window';
import { WindowEvents } from './window-events';

const isDev = !app.isPackaged && Boolean(process.env['ELECTRON_RENDERER_URL']);
const here = import.meta.dirname;
const paths: WindowPaths = {
  preload: path.join(here, '../preload/index.cjs'),
  rendererDir: path.join(here, '../renderer'),
  devServerUrl: isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined,
};
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(app.getAppPath(), 'resources');
// SPANWISE_USER_DIR lets the e2e suite give every test its own folder. Otherwise the same
// folder as the Chromium window's (user-folder.ts), which is Electron's userData for Spanwise.
const userDir = process.env['SPANWISE_USER_DIR'] ?? userFolder();

function start(): void {
  let win: BrowserWindow | null = null;
  const events = new WindowEvents();
  log.to(fileSink(logFile(userDir)));
  log.info(`Spanwise ${app.getVersion()} starting (Electron ${process.versions.electron}, user folder ${userDir})`);

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  void app.whenReady().then(() => {
    secureSession(paths.rendererDir, paths.devServerUrl);
    const jobs = installJobs(() => win, events);
    const workspace = new Workspace({ userDir, resourcesDir, jobs, emit: (event) => events.send(event) });
    registerIpc(ipcMain, workspace, makeTrustedUrl(paths));
    win = createMainWindow(paths);
    events.attach(win);
    win.on('closed', () => (win = null));
    const menu = {
      workspace,
      events,
      getWindow: () => win,
      isDev,
      showLog: () => void shell.openPath(logFile(userDir)),
    };
    buildMenu(menu);
    // The window first, the project behind it: a project an older Spanwise wrote is updated in
    // a worker while the window shows how far it has come (its calls wait for the open).
    void workspace.openInitialInWindow(process.env['SPANWISE_PROJECT'] || undefined).then(() => buildMenu(menu));
    // An opened assignment pack: its project is made in the user folder (or where the save
    // dialog says), then opened here like File → Open.
    jobs.projectsDir = userDir;
    jobs.switchProject = (file) => {
      // A failed update is what the window's calls answer; it shows it.
      void workspace.beginOpen(file).then(
        () => buildMenu(menu),
        () => undefined,
      );
      events.send({ type: 'projectChanged' });
      buildMenu(menu);
    };
    app.on('before-quit', () => workspace.close());
  });

  app.on('window-all-closed', () => app.quit());
}

// A separate user folder (e2e workers, a second profile) is a separate instance. A second
// instance on the same folder only wakes the first: it opens no project, so it migrates nothing.
app.setPath('userData', userDir);
registerAppScheme();
if (app.requestSingleInstanceLock()) start();
else app.quit();
