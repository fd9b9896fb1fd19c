// Runs once before the e2e suite: builds out/ when it is stale, and finds the host's binary
// so that a missing Chromium is reported once, with the fix, instead of in every test.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chooseHost, findChromium, ROOT } from './host/discover';

export default function globalSetup(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-built.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the app failed (see the output above)');
  const host = chooseHost();
  if (host === 'chromium') findChromium();
  console.log(`e2e host: ${host}`);
}
