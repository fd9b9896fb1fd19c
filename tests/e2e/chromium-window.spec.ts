// The Chromium window, started as `npm start -- --chromium` starts it (headless here): the same
// renderer, backend and project file as the Electron app, and a span made in it lands in the file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startChromiumApp } from '../../src/chromium/app';
import { openDb } from '../../src/main/backend/db/open';
import { ROOT } from './host/discover';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-window-'));
}

test('a span made in the Chromium window lands in the project file, under the name given at first launch', async () => {
  const userDir = tempDir();
  const app = await startChromiumApp({ headless: true, userDir });
  try {
    const { page } = app;
    await expect(page.getByTestId('annotator-prompt')).toBeVisible();
    await expect(page).toHaveTitle('Spanwise demo — Spanwise (Chromium window)');
    await page.getByLabel('Your name').fill('Chidi');
    await page.getByRole('button', { name: 'Start annotating' }).click();
    await expect(page.getByTestId('article-title')).toBeVisible();
    await expect(page).toHaveTitle(/Chidi — Spanwise \(Chromium window\)$/);
    // The caret starts at the top: select the first word by keyboard and label it ACTOR (1).
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('1');
    await expect(page.getByTestId('save-state')).toHaveText('saved');
  } finally {
    await app.close();
  }
  // The default project in the user folder, as the Electron app keeps it.
  const { db } = openDb(path.join(userDir, 'Spanwise demo.spanwise'));
  try {
    const rows = db
      .prepare(
        `SELECT s.start_offset AS start, s.end_offset AS "end", l.name AS label, n.name AS annotator, a.text
           FROM spans s JOIN labels l ON l.id = s.label_id JOIN annotators n ON n.id = s.annotator_id
           JOIN articles a ON a.id = s.article_id`,
      )
      .all() as { start: number; end: number; label: string; annotator: string; text: string }[];
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.label).toBe('ACTOR');
    expect(row!.annotator).toBe('Chidi');
    expect(row!.start).toBe(0);
    expect(row!.text.slice(row!.start, row!.end)).toMatch(/^\S+$/);
  } finally {
    db.close();
  }
  fs.rmSync(userDir, { recursive: true, force: true });
});

test('a file the user chose in the window gives its real path, which may then be imported', async () => {
  const userDir = tempDir();
  const file = path.join(userDir, 'wire.txt');
  fs.writeFileSync(file, 'Seoul says the summit took place.\n');
  const app = await startChromiumApp({ headless: true, userDir, projectFile: path.join(userDir, 'p.spanwise') });
  try {
    const { page } = app;
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'pick';
      document.body.append(input);
    });
    await page.setInputFiles('#pick', file);
    const result = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('#pick')!;
      const chosen = await window.api.pathForFile(input.files![0]!);
      const made = await window.api.pathForFile(new File(['x'], 'made-in-page.txt'));
      const stranger = await window.api.startImport({ paths: ['/etc/hostname'] });
      const job = await window.api.startImport({ paths: [chosen] });
      return {
        chosen,
        made,
        stranger: stranger.ok ? 'ok' : stranger.error.code,
        job: job.ok ? 'ok' : job.error.message,
      };
    });
    expect(result.chosen).toBe(fs.realpathSync(file));
    expect(result.made).toBe('');
    expect(result.stranger).toBe('FORBIDDEN');
    expect(result.job).toBe('ok');
  } finally {
    await app.close();
  }
  fs.rmSync(userDir, { recursive: true, force: true });
});

test('npm start -- --chromium --headless starts, opens the default project, and quits cleanly on SIGTERM', async () => {
  const userDir = tempDir();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--chromium', '--headless'], {
    cwd: ROOT,
    env: { ...process.env, SPANWISE_USER_DIR: userDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 25_000 }).toContain('Spanwise is running in a Chromium window');
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  const { db } = openDb(path.join(userDir, 'Spanwise demo.spanwise'));
  try {
    expect((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(5);
  } finally {
    db.close();
  }
  fs.rmSync(userDir, { recursive: true, force: true });
});
