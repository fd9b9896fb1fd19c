// Which URL the window loads and which URLs count as our own page. No electron import, so the
// IPC sender check can be unit-tested under plain Node.
import { APP_ENTRY } from './security/app-protocol';

export interface WindowPaths {
  preload: string;
  /** The built renderer (out/renderer), served as app://spanwise/. */
  rendererDir: string;
  devServerUrl?: string | undefined;
}

export function rendererUrl(paths: Pick<WindowPaths, 'devServerUrl'>): string {
  return paths.devServerUrl ?? APP_ENTRY;
}

/** True for our renderer's own page (app://spanwise/index.html, or the dev server in development). */
export function makeTrustedUrl(paths: Pick<WindowPaths, 'devServerUrl'>): (url: string) => boolean {
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
