// Finding the Electron binary the e2e suite may run on, without downloading anything (the
// Chromium is found by src/chromium/browser.ts).
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
export const MAIN_ENTRY = path.join(ROOT, 'out', 'main', 'index.js');
export const RESOURCES_DIR = path.join(ROOT, 'resources');

export type HostKind = 'chromium' | 'electron';

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The Electron binary if it is already on disk, else null. Mirrors node_modules/electron/index.js
 * (path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH) but never triggers its first-run download.
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env, root: string = ROOT): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  let relative: string | null = null;
  try {
    relative = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override
    ? path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? path.join(pkg, 'dist', relative)
      : null;
  return candidate && isFile(candidate) ? candidate : null;
}

/** $SPANWISE_E2E_HOST: chromium, electron, or auto (Electron when its binary is present). */
export function chooseHost(env: NodeJS.ProcessEnv = process.env): HostKind {
  const wanted = (env['SPANWISE_E2E_HOST'] ?? 'auto').toLowerCase();
  if (wanted === 'chromium') return 'chromium';
  if (wanted === 'electron') {
    if (!findElectron(env)) {
      throw new Error(
        'SPANWISE_E2E_HOST=electron, but no Electron binary is installed (node_modules/electron/dist is missing). ' +
          'Run `npx install-electron`, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron, or use SPANWISE_E2E_HOST=chromium.',
      );
    }
    return 'electron';
  }
  if (wanted !== 'auto') throw new Error(`SPANWISE_E2E_HOST must be chromium, electron or auto, not "${wanted}"`);
  return findElectron(env) ? 'electron' : 'chromium';
}
