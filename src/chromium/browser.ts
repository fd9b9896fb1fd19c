// Finding a Chromium to drive, without downloading anything: $SPANWISE_CHROMIUM, Playwright's
// own browser, the system's, and last the one that `npm install` brings (@sparticuz/chromium,
// a headless shell shipped inside the npm package, unpacked once into node_modules/.cache).
// Used by the e2e suite, the benchmark, the screenshots and `npm start -- --chromium`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Flags for every launch: no sandbox (root in containers), and no traffic to Google's hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type ChromiumSource = 'env' | 'playwright' | 'system' | 'npm';

export interface FoundChromium {
  path: string;
  source: ChromiumSource;
  /** The npm package's browser is a headless shell: it cannot open a window. */
  headlessOnly: boolean;
}

/** Where a desktop Chromium or Chrome lives on each platform. */
export function systemChromiums(platform: NodeJS.Platform = process.platform, env = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env['LOCALAPPDATA'], env['PROGRAMFILES'], env['PROGRAMFILES(X86)']].filter((r): r is string =>
      Boolean(r),
    );
    return roots.flatMap((r) => [
      path.join(r, 'Chromium', 'Application', 'chrome.exe'),
      path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function playwrightChromium(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null; // Playwright knows no browser for this platform.
  }
}

/** The npm package's folder and version, or null where it is not installed. */
function npmPackage(root: string): { dir: string; version: string } | null {
  try {
    const entry = createRequire(path.join(root, 'package.json')).resolve('@sparticuz/chromium');
    const dir = path.resolve(path.dirname(entry), '..');
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    return { dir, version };
  } catch {
    return null;
  }
}

/**
 * The npm package's Chromium, unpacked on first use into node_modules/.cache (its binary ships
 * brotli-compressed). The package unpacks into $TMPDIR; a fresh folder per attempt, renamed
 * into place when complete, so that parallel test workers never see half a binary.
 * Returns null where the package is absent or ships no binary for this machine (x64 Linux only).
 */
export function npmChromium(root: string = ROOT): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const pkg = npmPackage(root);
  if (!pkg) return null;
  const folder = path.join(root, 'node_modules', '.cache', 'spanwise-chromium', pkg.version);
  const binary = path.join(folder, 'chromium');
  if (isFile(binary)) return binary;
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const partial = fs.mkdtempSync(`${folder}.partial-`);
  try {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath());",
      ],
      { cwd: root, env: { ...process.env, TMPDIR: partial }, encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0 || !isFile(path.join(partial, 'chromium'))) {
      throw new Error(
        `could not unpack @sparticuz/chromium ${pkg.version}: ${(r.stderr || r.error?.message || '').trim()}`,
      );
    }
    try {
      fs.renameSync(partial, folder);
    } catch (err) {
      // Another process unpacked it first: theirs is complete, ours goes.
      if (!isFile(binary)) throw err;
    }
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return binary;
}

export interface FindOptions {
  /** SPANWISE_CHROMIUM names the binary; SPANWISE_CHROMIUM_FROM=npm,system… limits the search. */
  env?: NodeJS.ProcessEnv;
  systemPaths?: readonly string[];
  /** The npm browser's finder (tests pass a stand-in). */
  npm?: () => string | null;
  /** A visible window is wanted: the npm headless shell does not count. */
  window?: boolean;
}

/**
 * The Chromium to drive, in this order: $SPANWISE_CHROMIUM, Playwright's own browser, the
 * system's, the npm package's. Throws an error that names what was looked at and how to get one.
 */
export function findChromium(opts: FindOptions = {}): FoundChromium {
  const env = opts.env ?? process.env;
  const fromEnv = env['SPANWISE_CHROMIUM'];
  if (fromEnv) {
    if (isFile(fromEnv)) return { path: fromEnv, source: 'env', headlessOnly: false };
    throw new Error(
      `SPANWISE_CHROMIUM is set to ${fromEnv}, which is not a file. Point it at a Chromium or Chrome binary.`,
    );
  }
  const allowed = new Set((env['SPANWISE_CHROMIUM_FROM'] ?? 'playwright,system,npm').split(',').map((s) => s.trim()));
  const looked: string[] = [];
  const own = allowed.has('playwright') ? playwrightChromium() : null;
  if (own) {
    if (isFile(own)) return { path: own, source: 'playwright', headlessOnly: false };
    looked.push(own);
  }
  const system = allowed.has('system') ? (opts.systemPaths ?? systemChromiums(process.platform, env)) : [];
  for (const p of system) {
    if (isFile(p)) return { path: p, source: 'system', headlessOnly: false };
    looked.push(p);
  }
  if (!opts.window && allowed.has('npm')) {
    const npm = (opts.npm ?? (() => npmChromium()))();
    if (npm) return { path: npm, source: 'npm', headlessOnly: true };
    looked.push('@sparticuz/chromium (npm): not installed, or no binary for this platform');
  }
  throw new Error(
    [
      opts.window
        ? 'No Chromium or Chrome that can open a window was found. Looked at:'
        : 'No Chromium found. Looked at:',
      ...looked.map((c) => `  ${c}`),
      ...(opts.window
        ? ['(the Chromium that `npm install` brings is headless only)', 'Install Chromium or Google Chrome, or']
        : ['Run `npm install` (it brings one), or']),
      'point Spanwise at one:  SPANWISE_CHROMIUM=/path/to/chrome',
    ].join('\n'),
  );
}
