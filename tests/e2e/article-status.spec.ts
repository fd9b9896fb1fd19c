// Closing an article for now: Done (which asks first when the article has no spans), Skip,
// Flag with a note, and Reopen; by their keys and their buttons; the list's filters follow.
import { expect, test } from './harness';
import { dragSelect, openArticle } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

const TITLES = [
  'Kim Jong Un plans rare trip to meet Putin in Russia',
  'Kim expects to meet Putin in Russia, US says',
  'Kim Jong Un to meet Putin this month to discuss arms deal: report',
];

test('done without spans asks first; skip, flag with a note and reopen, by keys', async ({ app }) => {
  const { page } = app;
  const rows = page.getByTestId('article-row');
  const title = page.getByTestId('article-title');
  const status = page.getByTestId('article-status');
  await expect(title).toHaveText(TITLES[0]!);

  // No spans: the first Ctrl+Enter only says so; the second marks it done and moves on.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('status-notice')).toContainText('This article has no spans');
  await expect(status).toHaveText('To do');
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'todo');
  await page.keyboard.press('Control+Enter');
  await expect(title).toHaveText(TITLES[1]!);
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done');

  // Skip: left out, the next undone article opens.
  await page.keyboard.press('Control+Shift+S');
  await expect(title).toHaveText(TITLES[2]!);
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'skipped');

  // Flag with a note.
  await page.keyboard.press('Control+Shift+G');
  await page.getByTestId('flag-note').fill('Two stories in one page');
  await page.getByTestId('flag-note').press('Enter');
  await expect(title).not.toHaveText(TITLES[2]!);
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'flagged');
  await rows.nth(2).click();
  await expect(status).toHaveText('Flagged: Two stories in one page');

  // Reopen: back to work, the note gone.
  await page.getByTestId('article-title').click();
  await page.keyboard.press('Control+Shift+O');
  await expect(status).toHaveText('In progress');
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'in_progress');

  // The filters know the new statuses.
  await page.getByTestId('filter-skipped').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(TITLES[1]!);
  await page.getByTestId('filter-flagged').click();
  await expect(rows).toHaveCount(0);
  await page.getByTestId('filter-all').click();
  const stored = await page.evaluate(async () => {
    const res = await window.api.getProgress();
    return res.ok ? res.value : null;
  });
  expect(stored).toMatchObject({ done: 1, skipped: 1, flagged: 0, inProgress: 1, total: 5 });
});

test('the buttons beside the title do the same; an article with spans is done at once', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await page.getByTestId('action-done').click();
  await expect(page.getByTestId('article-title')).toHaveText(TITLES[1]!);
  await expect(page.getByTestId('article-row').nth(0)).toHaveAttribute('data-status', 'done');

  await page.getByTestId('action-flag').click();
  await page.getByTestId('flag-note').fill('Quote attributed twice');
  await page.getByRole('button', { name: 'Flag', exact: true }).click();
  await expect(page.getByTestId('article-row').nth(1)).toHaveAttribute('data-status', 'flagged');
  await page.getByTestId('article-row').nth(1).click();
  await page.getByTestId('action-reopen').click();
  await expect(page.getByTestId('article-status')).toHaveText('In progress');
  await page.getByTestId('action-skip').click();
  await expect(page.getByTestId('article-row').nth(1)).toHaveAttribute('data-status', 'skipped');
});
