// Runs once before the e2e suite: builds out/ when it is stale, and finds the host's binary
// (unpacking the npm package's Chromium on first use) so that a missing browser is reported
// once, with the fix, instead of in every test. Says which browser runs, for people and for CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from '../../src/chromium/browser';
import { chooseHost, ROOT } from './host/discover';

export default function globalSetup(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-built.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the app failed (see the output above)');
  const host = chooseHost();
  const browser = host === 'chromium' ? findChromium() : null;
  const out = path.join(ROOT, 'test-results', 'e2e-host.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ host, browser }, null, 2));
  console.log(`e2e host: ${host}${browser ? ` (${browser.source}: ${browser.path})` : ''}`);
}
