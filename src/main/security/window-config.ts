// What the window may do, as plain data and functions: the BrowserWindow's web preferences,
// the session's permission handlers, and the rules every webContents gets for navigation, new
// windows and <webview>. window.ts passes exactly these to Electron; tests/unit/security.test.ts
// asserts them. Types only from electron, so the rules run under plain Node.
import type { BrowserWindowConstructorOptions, WebContents, WebPreferences, WindowOpenHandlerResponse } from 'electron';

/**
 * The renderer's powers (Electron security checklist 2–4, 6, 8–12): isolated, sandboxed, no Node
 * anywhere (page, workers, frames), the same-origin policy on, nothing experimental, no <webview>.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  // A file dropped on the window is imported through the preload, never opened as a page.
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export interface WindowLook {
  /** The built preload script (an absolute path). */
  preload: string;
  dark: boolean;
}

/** The main window's options: its size and background, and WEB_PREFERENCES with the preload. */
export function windowOptions(look: WindowLook): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: look.dark ? '#1b1d22' : '#fbfbf8',
    webPreferences: { ...WEB_PREFERENCES, preload: look.preload },
  };
}

/** Every permission a page asks for (camera, notifications, clipboard, …) is refused: the app needs none. */
export function denyPermissionRequest(
  _contents: unknown,
  _permission: string,
  grant: (granted: boolean) => void,
): void {
  grant(false);
}

/** Every permission check (what navigator.permissions and feature detection see) says no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** window.open and target=_blank: no new windows, and nothing is handed to the system browser. */
export function denyWindowOpen(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface Refusal {
  what: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview' | 'window-open';
  url: string;
}

/**
 * Applies the rules to a webContents (main calls it for every one created). The window loads its
 * one page with loadURL (which fires none of these events) and never navigates: a link, a form,
 * a script setting location, a redirect or a frame navigating is refused, as are new windows
 * and <webview>. `onRefused` hears of each (main logs them).
 */
export function guardContents(
  contents: GuardedContents,
  onRefused: (refusal: Refusal) => void = () => undefined,
): void {
  const refuse = (what: Refusal['what']) => (event: { preventDefault(): void; url: string }) => {
    event.preventDefault();
    onRefused({ what, url: event.url });
  };
  contents.on('will-navigate', refuse('will-navigate'));
  contents.on('will-redirect', refuse('will-redirect'));
  contents.on('will-frame-navigate', refuse('will-frame-navigate'));
  contents.on('will-attach-webview', (event, _prefs, params) => {
    event.preventDefault();
    onRefused({ what: 'will-attach-webview', url: params.src ?? '' });
  });
  contents.setWindowOpenHandler((details) => {
    onRefused({ what: 'window-open', url: details.url });
    return denyWindowOpen();
  });
}
