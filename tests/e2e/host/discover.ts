// Finding the browser or Electron binary the e2e suite runs on, without downloading anything.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
export const MAIN_ENTRY = path.join(ROOT, 'out', 'main', 'index.js');
export const RESOURCES_DIR = path.join(ROOT, 'resources');

export type HostKind = 'chromium' | 'electron';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: $SPANWISE_CHROMIUM, else Playwright's own browser when installed,
 * else the system's. Throws an error that says how to get one.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUMS,
): string {
  const fromEnv = env['SPANWISE_CHROMIUM'];
  if (fromEnv) {
    if (isFile(fromEnv)) return fromEnv;
    throw new Error(
      `SPANWISE_CHROMIUM is set to ${fromEnv}, which is not a file. Point it at a Chromium or Chrome binary.`,
    );
  }
  const candidates: string[] = [];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright knows no browser for this platform: only the system ones remain.
  }
  candidates.push(...systemPaths);
  const found = candidates.find(isFile);
  if (found) return found;
  throw new Error(
    [
      'No Chromium found for the end-to-end tests. Looked at:',
      ...candidates.map((c) => `  ${c}`),
      'Get one with:  sudo apt-get install -y chromium',
      'or point the suite at an existing one:  SPANWISE_CHROMIUM=/path/to/chrome npm test',
    ].join('\n'),
  );
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
