// The article list over 3,000 articles in the window: End shows the last rows (the list asks
// for them by index, not by reading every page), a status filter's End shows its own last
// rows, and scrolling back up fills the rows in between.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { Project } from '../../src/main/backend/project';
import { setStatus } from '../../src/main/backend/status';
import { RESOURCES_DIR } from './host/discover';
import { expect, launchApp, test, type AppHandle } from './harness';

const N = 3000;
let handle: AppHandle | null = null;
let dir = '';

test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-e2e-list-'));
});

test.afterEach(async () => {
  if (handle) expect(handle.pageErrors).toEqual([]);
  await handle?.close();
  handle = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** N articles ("Article 1" …); every seventh one done by ana. */
function bigProject(): string {
  const file = path.join(dir, 'big.spanwise');
  const p = Project.open(file, { resourcesDir: RESOURCES_DIR, demo: false });
  p.setAnnotator('ana');
  const me = p.requireAnnotator();
  writeTransaction(p.db, (w) => {
    for (let i = 1; i <= N; i++) {
      const { id } = addArticle(w, { title: `Article ${i}`, source: 'wire', text: `The text of article ${i}.` });
      if (i % 7 === 0) setStatus(w, me, id, 'done');
    }
  });
  p.close();
  return file;
}

test('End shows the last rows of the whole list and of a filter; rows above fill in on the way back', async ({
  sharedBrowser,
}) => {
  handle = await launchApp({ projectFile: bigProject(), annotator: 'ana', browser: await sharedBrowser() });
  const { page } = handle;
  const list = page.getByTestId('article-list');
  const rowTitled = (title: string) => list.getByTestId('article-row').filter({ hasText: new RegExp(`^${title}wire`) });
  await expect(rowTitled('Article 1')).toBeVisible();

  await list.focus();
  await page.keyboard.press('End');
  await expect(rowTitled(`Article ${N}`)).toBeVisible();
  await expect(rowTitled(`Article ${N}`)).toHaveAttribute('class', /cursor/);

  // Back up one screen at a time: rows above the last page appear (read from their neighbour).
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowUp');
  await expect(rowTitled(`Article ${N - 30}`)).toBeVisible();
  await expect(list.locator('.row-loading')).toHaveCount(0);

  await page.getByTestId('filter-done').click();
  const done = Math.floor(N / 7);
  await list.focus();
  await page.keyboard.press('End');
  await expect(rowTitled(`Article ${done * 7}`)).toBeVisible();
  await expect(rowTitled(`Article ${done * 7}`)).toHaveAttribute('data-status', 'done');
  await page.keyboard.press('Home');
  await expect(rowTitled('Article 7')).toBeVisible();
});
