// The article list names each article's source (never a hash file name), shows the whole
// title on hover, and a search box filters it by title through the backend's list query.
import { expect, test } from './harness';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

test('sources without hashes, whole titles on hover, and a title search', async ({ app }) => {
  const { page } = app;
  const rows = page.getByTestId('article-row');
  await expect(rows).toHaveCount(5);
  for (const source of await page.getByTestId('article-row-source').allTextContents()) {
    expect(source).toBe('demo');
  }
  await expect(page.getByTestId('article-source')).toHaveText('demo');
  await expect(rows.nth(2)).toHaveAttribute(
    'title',
    /^Kim Jong Un to meet Putin this month to discuss arms deal: report\n/,
  );

  const search = page.getByTestId('list-search');
  await search.fill('ARMS');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('arms deal');
  await search.fill('russia');
  await expect(rows).toHaveCount(3);
  await search.fill('no such title');
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('article-list')).toContainText('No article title contains this text.');
  // Esc empties the search; the editor keeps its article.
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('article-title')).toBeVisible();

  // The search and the status filter together.
  await search.fill('russia');
  await rows.nth(1).click();
  await expect(page.getByTestId('article-title')).toHaveText('Kim expects to meet Putin in Russia, US says');
  await page.getByTestId('article-title').click(); // the keys go to the editor again, not the list
  await page.keyboard.press('Control+Enter'); // no spans: asked first
  await expect(page.getByTestId('status-notice')).toContainText('This article has no spans');
  await page.keyboard.press('Control+Enter');
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'done');
  await page.getByTestId('filter-done').click();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('filter-all').click();
  await expect(rows).toHaveCount(3);
});
