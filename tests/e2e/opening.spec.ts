// A project an older Spanwise wrote, opened in the window: the window shows the update (the
// step, a progress bar), then the article list; a failed update is said, and the file kept.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_VERSION } from '../../src/main/backend/db/migrations';
import { olderProject } from '../unit/fixtures/older-project';
import { expect, launchApp, test, type AppHandle } from './harness';

let handle: AppHandle | null = null;
let dir = '';

test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-e2e-opening-'));
});

test.afterEach(async () => {
  await handle?.close();
  handle = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the window shows the update of an older project, step by step, then its article list', async () => {
  const file = path.join(dir, 'Wire desk.spanwise');
  olderProject(file, 7, 3000);
  // Another connection holds the write lock for a moment, so the page is seen mid-update:
  // the update waits for it at the search index's first write, as it would for an import.
  const holder = new Database(file);
  holder.exec('BEGIN IMMEDIATE');
  try {
    handle = await launchApp({ projectFile: file, openInWindow: true });
    const { page } = handle;
    const opening = page.getByTestId('opening');
    await expect(page.getByTestId('opening-step')).toHaveText('Updating the project: building the search index');
    await expect(opening).toContainText('Opening Wire desk');
    await expect(opening).toContainText(`Step 1 of ${LATEST_VERSION - 7}`);
    await expect(opening.getByRole('progressbar')).toBeVisible();
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  const { page } = handle;
  // Then the project as it was: its articles, the first undone one open, ana's progress.
  await expect(page.getByTestId('article-title')).toHaveText('Story 1');
  await expect(page.getByTestId('opening')).toHaveCount(0);
  await expect(page.getByTestId('article-row').first()).toContainText('Story 1');
  await expect(page.getByTestId('article-position')).toHaveText('1 / 3000');
  expect(handle.pageErrors).toEqual([]);
  const db = new Database(file, { readonly: true });
  expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  db.close();
});

test('an update that fails is said in the window, and the file is left as it was', async () => {
  const file = path.join(dir, 'older.spanwise');
  olderProject(file, 7, 200);
  const raw = new Database(file);
  raw.exec('CREATE TABLE span_batches (id INTEGER PRIMARY KEY) STRICT');
  raw.close();
  const before = fs.readFileSync(file);
  handle = await launchApp({ projectFile: file, openInWindow: true });
  const alert = handle.page.getByRole('alert');
  await expect(alert).toContainText('Spanwise could not open the project');
  await expect(alert).toContainText(
    'while building the search index: table span_batches already exists. The file is left as it was.',
  );
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});
