// The BrowserWindow, made from security/window-config.ts's options, loading the renderer from
// app:// (or the dev server in development).
import { BrowserWindow, nativeTheme } from 'electron';
import path from 'node:path';
import { windowOptions } from './security/window-config';
import { rendererUrl, type WindowPaths } from './urls';

export type { WindowPaths } from './urls';

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow(
    windowOptions({ preload: path.resolve(paths.preload), dark: nativeTheme.shouldUseDarkColors }),
  );
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl(paths));
  return win;
}
