// The BrowserWindow and its security settings (Electron security checklist): isolation,
// sandbox, no node, no navigation, no new windows, permissions denied.
import { BrowserWindow, nativeTheme, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WindowPaths {
  preload: string;
  rendererHtml: string;
  devServerUrl?: string | undefined;
}

export function rendererUrl(paths: WindowPaths): string {
  return paths.devServerUrl ?? pathToFileURL(paths.rendererHtml).href;
}

/** True for our renderer's own page (file URL, or the dev server in development). */
export function makeTrustedUrl(paths: WindowPaths): (url: string) => boolean {
  const expected = new URL(rendererUrl(paths));
  return (url: string) => {
    try {
      const u = new URL(url);
      return u.protocol === expected.protocol && u.host === expected.host && u.pathname === expected.pathname;
    } catch {
      return false;
    }
  };
}

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
