#!/usr/bin/env node
// `npm run dist [-- --linux|--mac|--win]`: builds out/ when stale, then packs the installers
// with electron-builder (electron-builder.yml): AppImage and deb on Linux, dmg on macOS, nsis
// on Windows. electron-builder downloads Electron's release zip for the target; where that
// cannot happen this says so and how to proceed, instead of a stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, ROOT } from './ensure-built.js';

try {
  ensureBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const bin = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
const args = process.argv.slice(2);
const child = spawn(process.execPath, [bin, '--publish', 'never', ...args], {
  cwd: ROOT,
  stdio: ['inherit', 'pipe', 'pipe'],
});
let output = '';
/** electron-builder's lines, minus the stack traces it appends to a failure. */
function relay(stream, target) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    output += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (/^\s+at /.test(line)) continue;
      target.write(`${line.replace(/\s*stackTrace=.*$/, '')}\n`);
    }
  });
}
relay(child.stdout, process.stdout);
relay(child.stderr, process.stderr);
child.on('close', (code, signal) => {
  if (code === 0) process.exit(0);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|getaddrinfo|fetch failed/i.test(output)) {
    console.error(`
npm run dist could not download Electron's release zip, which every installer is built from.

Build where the download works, or give electron-builder an Electron you already have:
  - through a mirror:        ELECTRON_MIRROR=https://mirror.example/electron/ npm run dist
  - an unpacked Electron:    npm run dist -- -c.electronDist=/path/to/electron-dist
  - a zip in the cache:      put electron-v<version>-<platform>-<arch>.zip in ~/.cache/electron/
`);
  } else {
    console.error(`\nnpm run dist failed (electron-builder exit ${code ?? signal}); see the messages above.`);
  }
  process.exit(1);
});
