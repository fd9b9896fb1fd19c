// `npm start -- --chromium` (and `npm start` where Electron cannot be had) runs this file:
// Spanwise in a Chromium app window until the window is closed. Options: --headless (no
// window: CI), --project FILE; SPANWISE_USER_DIR and SPANWISE_PROJECT as for the Electron app.
import { parseArgs } from 'node:util';
import { startChromiumApp } from './app';

const { values } = parseArgs({
  options: { headless: { type: 'boolean' }, project: { type: 'string' }, chromium: { type: 'boolean' } },
  allowPositionals: false,
  strict: true,
});

try {
  const app = await startChromiumApp({
    headless: Boolean(values.headless),
    userDir: process.env['SPANWISE_USER_DIR'] || undefined,
    projectFile: values.project ?? (process.env['SPANWISE_PROJECT'] || undefined),
  });
  console.log(`Spanwise is running in a Chromium window (${app.browser.path}). Close the window to quit.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void app.close());
  await app.closed;
  process.exit(0);
} catch (err) {
  console.error(`Spanwise could not start in a Chromium window: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
