// Labels are edited in the settings panel; spans follow their label by id. A failed write is
// loud in the status bar, and the editor shows what the project file really holds.
import Database from 'better-sqlite3';
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

test('renaming, recolouring and re-keying a label keeps its spans; a clash is refused', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  await expect(page.locator('[data-testid=span-item][data-label=LOCATION]')).toHaveCount(1);

  await page.keyboard.press('Control+,');
  const row = page.getByTestId('label-row-LOCATION');
  await row.getByLabel('Name of LOCATION').fill('PLACE');
  await row.getByLabel('Name of LOCATION').press('Enter');
  const place = page.getByTestId('label-row-PLACE');
  await expect(place).toBeVisible();
  await place.getByLabel('Hotkey of PLACE').fill('p');
  await place.getByLabel('Hotkey of PLACE').press('Enter');
  // A hotkey already taken by ACTOR is refused and nothing changes.
  await page.getByTestId('label-row-CLAIM').getByLabel('Hotkey of CLAIM').fill('1');
  await page.getByTestId('label-row-CLAIM').getByLabel('Hotkey of CLAIM').press('Enter');
  await expect(page.getByTestId('settings').getByRole('alert')).toContainText(
    'hotkey 1 is already used by label ACTOR',
  );
  await page.getByLabel('New label name').fill('event');
  await page.getByRole('button', { name: 'Add label' }).click();
  await expect(page.getByTestId('label-row-EVENT')).toBeVisible();
  await page.keyboard.press('Escape');

  await expect(page.locator('[data-testid=span-item][data-label=PLACE]')).toHaveCount(1);
  await expect(page.getByTestId('label-PLACE')).toContainText('p');
  await expect(page.getByTestId('label-CLAIM')).toContainText('2');
  // The new label takes the first free digit: 3, freed when PLACE moved to p.
  await expect(page.getByTestId('label-EVENT')).toContainText('3');
  // The new hotkey labels spans.
  await dragSelect(page, article.text, 'Ukraine');
  await page.keyboard.press('p');
  await expect(page.locator('[data-testid=span-item][data-label=PLACE]')).toHaveCount(2);
  expect(await storedSpans(page, article.id)).toHaveLength(2);
});

test('a write that fails is shown loudly and the editor resyncs with the project file', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  // Another connection makes every new span fail, as a full disk or a broken file would.
  const db = new Database(app.projectFile);
  db.exec("CREATE TRIGGER no_spans BEFORE INSERT ON spans BEGIN SELECT RAISE(ABORT, 'disk is full'); END");
  db.close();
  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  await expect(page.getByTestId('save-state')).toContainText('Not saved');
  await expect(page.getByTestId('save-state')).toContainText('disk is full');
  await expect(page.getByTestId('span-item')).toHaveCount(0);
});

test('the cheat sheet lists the keys and Esc closes it', async ({ app }) => {
  const { page } = app;
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toContainText('Ctrl+Enter');
  await expect(page.getByTestId('shortcuts')).toContainText('Tab / Shift+Tab');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts')).toHaveCount(0);
});

test('menu commands from main reach the editor (undo, mark done, side panel)', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  await app.emit({ type: 'menu', command: 'undo' });
  await expect(page.getByTestId('span-item')).toHaveCount(0);
  await app.emit({ type: 'menu', command: 'toggleSidePanel' });
  await expect(page.getByTestId('span-list')).toHaveCount(0);
  await expect(page.locator('.side-panel')).toHaveCount(0);
  // The article has no spans left: the first mark done asks, the second confirms.
  await app.emit({ type: 'menu', command: 'markDone' });
  await expect(page.getByTestId('status-notice')).toContainText('This article has no spans');
  await app.emit({ type: 'menu', command: 'markDone' });
  await expect(page.getByTestId('article-position')).toHaveText('2 / 5');
});
