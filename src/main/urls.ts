// Which URL the window loads and which URLs count as our own page. No electron import, so the
// IPC sender check can be unit-tested under plain Node.
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
