// A label's key never takes one of the editor's own keys, and every place that names label keys
// (the palette, the `?` sheet, the guidelines' headings) shows the keys the labels really have.
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

test('giving a label C is refused with the reason; the cheat sheet and guidelines follow a new key', async ({
  app,
}) => {
  const { page } = app;
  const article = await openArticle(page);
  await expect(page.getByTestId('guideline-ACTOR').locator('kbd')).toHaveText('1');
  await expect(page.getByTestId('guideline-ACTOR')).not.toContainText('(1)');

  await page.keyboard.press('Control+,');
  const key = page.getByTestId('label-row-ACTOR').getByLabel('Hotkey of ACTOR');
  await key.fill('c');
  await key.press('Enter');
  await expect(page.getByTestId('settings').getByRole('alert')).toHaveText(
    'C is the editor’s key for “Toggle word snapping / character precision”: choose another key for the label',
  );
  await expect(key).toHaveValue('1');
  // A review key is refused too, and so is a symbol.
  await key.fill('j');
  await key.press('Enter');
  await expect(page.getByTestId('settings').getByRole('alert')).toContainText('J is the editor’s key');
  await key.fill('?');
  await key.press('Enter');
  await expect(page.getByTestId('settings').getByRole('alert')).toContainText('? is the editor’s key');
  const stored = await page.evaluate(async () => {
    const res = await window.api.listLabels();
    return res.ok ? res.value.find((l) => l.name === 'ACTOR')?.hotkey : 'error';
  });
  expect(stored).toBe('1');

  await key.fill('x');
  await key.press('Enter');
  await expect(page.getByTestId('settings').getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await expect(page.getByTestId('label-ACTOR').locator('kbd')).toHaveText('x');
  await expect(page.getByTestId('guideline-ACTOR').locator('kbd')).toHaveText('X');
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts');
  await expect(sheet.getByTestId('shortcut-label').filter({ hasText: 'ACTOR' }).locator('kbd')).toHaveText('X');
  await expect(sheet.getByTestId('shortcut-label').filter({ hasText: 'CLAIM' }).locator('kbd')).toHaveText('2');
  await expect(sheet.getByTestId('shortcut-toggleSnap').locator('kbd')).toHaveText('C');
  await page.keyboard.press('Escape');

  // C still toggles snapping, X labels ACTOR.
  await page.keyboard.press('c');
  await expect(page.getByTestId('snap-toggle')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('c');
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('x');
  await expect(page.locator('[data-testid=span-item][data-label=ACTOR]')).toHaveCount(1);
  expect(await storedSpans(page, article.id)).toHaveLength(1);
});
