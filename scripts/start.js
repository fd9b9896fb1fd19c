#!/usr/bin/env node
// `npm start`: builds the app when out/ is stale, then runs it in Electron. Electron >= 42
// fetches its binary on first run; where that cannot happen, this says so and how to fix it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureBuilt, ROOT } from './ensure-built.js';

const require = createRequire(import.meta.url);
const ELECTRON_PKG = path.join(ROOT, 'node_modules', 'electron');

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `Spanwise needs Node >= 22; this is Node ${process.versions.node}. Run it as \`npm start\`, which uses the Node 24 from devDependencies.`,
  );
  process.exit(1);
}

/** The Electron executable if it is on disk (as node_modules/electron/index.js finds it, minus the download). */
function findElectron() {
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(ELECTRON_PKG, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const fallback = process.platform === 'win32' ? 'electron.exe' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative ?? fallback)
    : relative
      ? path.join(ELECTRON_PKG, 'dist', relative)
      : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

function electronVersion() {
  try {
    return require(path.join(ELECTRON_PKG, 'package.json')).version;
  } catch {
    return null;
  }
}

function explainMissing(detail) {
  const version = electronVersion() ?? '45';
  const platform = `${process.platform}-${process.arch}`;
  const exe =
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  console.error(`
Spanwise cannot start: the Electron binary is not installed.

What happened: ${detail}
The desktop app runs only inside Electron, so it needs that binary.

Fix it with any one of:
  - where the download works:         npx install-electron
  - through a mirror:                 ELECTRON_MIRROR=https://mirror.example/electron/ npx install-electron
  - from a zip you already have:      unzip electron-v${version}-${platform}.zip -d node_modules/electron/dist
                                      printf ${exe} > node_modules/electron/path.txt
  - with an unpacked Electron ${version.split('.')[0]}:      ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist npm start
then run \`npm start\` again.

Meanwhile \`npm test\` still covers the app: its end-to-end suite drives the same built renderer
and backend in Chromium (and in Electron where the binary exists).
`);
}

try {
  ensureBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

let electron = findElectron();
if (!electron && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  if (!fs.existsSync(path.join(ELECTRON_PKG, 'install.js'))) {
    explainMissing('the electron package is not installed (run `npm install` first).');
    process.exit(1);
  }
  console.log('The Electron binary is not installed yet: fetching it (npx install-electron)…');
  const result = spawnSync(process.execPath, [path.join(ELECTRON_PKG, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  electron = findElectron();
  if (!electron) {
    const reason = (result.stderr || result.error?.message || '').trim().split('\n').pop() || `exit ${result.status}`;
    explainMissing(
      `the electron package (${electronVersion()}) fetches its binary on first run, and that download failed:\n  ${reason}`,
    );
    process.exit(1);
  }
}
if (!electron) {
  explainMissing(
    `ELECTRON_OVERRIDE_DIST_PATH is ${process.env.ELECTRON_OVERRIDE_DIST_PATH}, but no Electron executable is there.`,
  );
  process.exit(1);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn('No display found ($DISPLAY is empty): run `xvfb-run npm start` on a headless machine.');
}
const args = [ROOT, ...process.argv.slice(2)];
// Chromium will not run its sandbox as root (containers): Electron exits unless told so.
if (process.getuid?.() === 0) args.unshift('--no-sandbox');
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  console.error(`Could not run ${electron}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
