// The BrowserWindow and its security settings (Electron security checklist): isolation,
// sandbox, no node, no navigation, no new windows, permissions denied.
import { BrowserWindow, nativeTheme, session, shell } from 'electron';
import path from 'node:path';
import { makeTrustedUrl, rendererUrl, type WindowPaths } from './urls';

export type { WindowPaths } from './urls';

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d22' : '#fbfbf8',
    webPreferences: {
      preload: path.resolve(paths.preload),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const trusted = makeTrustedUrl(paths);
  win.webContents.on('will-navigate', (event, url) => {
    if (!trusted(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links in guidelines open in the user's browser, never inside the app.
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl(paths));
  return win;
}
