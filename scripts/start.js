#!/usr/bin/env node
// `npm start`: builds the app when out/ is stale, then runs it in Electron. Electron >= 42
// fetches its binary on first run; where that cannot happen, this says so once (with how to
// get it) and opens the same app in a Chromium window instead. `npm start -- --chromium`
// goes straight to the Chromium window (`--headless` too for a run without a display).
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
The Electron binary is not installed: ${detail}
Opening Spanwise in a Chromium window instead (the same app, project and settings).

To get the Electron app, any one of:
  - where the download works:         npx install-electron
  - through a mirror:                 ELECTRON_MIRROR=https://mirror.example/electron/ npx install-electron
  - from a zip you already have:      unzip electron-v${version}-${platform}.zip -d node_modules/electron/dist
                                      printf ${exe} > node_modules/electron/path.txt
  - with an unpacked Electron ${version.split('.')[0]}:      ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist npm start
`);
}

function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** The same app in a Chromium app window (src/chromium/main.ts, run from source through tsx). */
function runChromium(args) {
  const headless = args.includes('--headless');
  if (!headless && !hasDisplay()) {
    console.error(
      'There is no display ($DISPLAY and $WAYLAND_DISPLAY are empty), so no window can open.\n' +
        'On a machine without a screen, run it under a virtual one:  xvfb-run -a npm start',
    );
    process.exit(1);
  }
  const forwarded = args.filter((a) => a !== '--chromium');
  const project = forwarded.indexOf('--project');
  if (project >= 0 && forwarded[project + 1]) forwarded[project + 1] = path.resolve(forwarded[project + 1]);
  run(process.execPath, [
    '--import',
    import.meta.resolve('tsx'),
    path.join(ROOT, 'src', 'chromium', 'main.ts'),
    ...forwarded,
  ]);
}

function run(command, args) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(command, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`Could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

try {
  ensureBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes('--chromium')) {
  runChromium(args);
} else {
  const electron = electronOrReason();
  if (typeof electron === 'object') {
    explainMissing(electron.missing);
    runChromium(args);
  } else {
    if (!hasDisplay())
      console.warn('No display found ($DISPLAY is empty): run `xvfb-run -a npm start` on a headless machine.');
    // Chromium will not run its sandbox as root (containers): Electron exits unless told so.
    run(electron, [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT, ...args]);
  }
}

/** The Electron executable (fetching it once if needed), or why there is none. */
function electronOrReason() {
  let electron = findElectron();
  if (electron) return electron;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return {
      missing: `ELECTRON_OVERRIDE_DIST_PATH is ${process.env.ELECTRON_OVERRIDE_DIST_PATH}, but no Electron executable is there.`,
    };
  }
  if (!fs.existsSync(path.join(ELECTRON_PKG, 'install.js'))) {
    return { missing: 'the electron package is not installed (run `npm install` first).' };
  }
  console.log('The Electron binary is not installed yet: fetching it (npx install-electron)…');
  const result = spawnSync(process.execPath, [path.join(ELECTRON_PKG, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  electron = findElectron();
  if (electron) return electron;
  const reason = (result.stderr || result.error?.message || '').trim().split('\n').pop() || `exit ${result.status}`;
  return {
    missing: `the electron package (${electronVersion()}) fetches its binary on first run, and that download failed:\n  ${reason}`,
  };
}
