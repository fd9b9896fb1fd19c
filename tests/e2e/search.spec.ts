// Search over the whole set in the window (Ctrl+Shift+F): results with their counts, a hit
// opened selected and labelled by its key, a malformed query's message inline; every hit of a
// name labelled at once and taken back by one Ctrl+Z; the article list filtered by label and
// by a text query. On the demo set, through the real backend.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SearchResults } from '../../src/shared/across';
import type { Span } from '../../src/shared/model';
import { expect, test } from './harness';
import { dragSelect, openArticle } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** What the backend finds for a query (the panel must show the same). */
function searchOf(page: Page, query: string): Promise<SearchResults> {
  return page.evaluate(async (query) => {
    const res = await window.api.search({ query, limit: 100 });
    if (!res.ok) throw new Error(res.error.message);
    return res.value;
  }, query);
}

/** Every span of the current person in the set, once the writes have landed. */
async function allSpans(page: Page): Promise<Span[]> {
  await page.getByTestId('save-state').filter({ hasText: 'saved' }).waitFor();
  return page.evaluate(async () => {
    const list = await window.api.listArticles({ limit: 5000 });
    if (!list.ok) throw new Error(list.error.message);
    const spans: Span[] = [];
    for (const a of list.value.items) {
      const res = await window.api.listSpans({ articleId: a.id });
      if (!res.ok) throw new Error(res.error.message);
      spans.push(...res.value);
    }
    return spans;
  });
}

test('Ctrl+Shift+F: a phrase finds its articles with counts; Enter opens the hit selected; a label key labels it', async ({
  app,
}) => {
  const { page } = app;
  const panel = page.getByTestId('search-panel');
  await page.keyboard.press('Control+Shift+F');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('search-input')).toBeFocused();

  await page.keyboard.type('"Kim Jong Un"');
  const expected = await searchOf(page, '"Kim Jong Un"');
  const hits = expected.results.reduce((n, r) => n + r.hitCount, 0);
  expect(expected.total).toBeGreaterThan(1);
  await expect(page.getByTestId('search-total')).toHaveText(`${expected.total} articles, ${hits} hits`);
  const rows = page.getByTestId('search-result');
  await expect(rows).toHaveCount(expected.results.length);
  for (const [i, r] of expected.results.entries()) {
    await expect(rows.nth(i).getByTestId('search-result-title')).toHaveText(r.title);
    await expect(rows.nth(i).getByTestId('search-snippet').locator('mark').first()).toHaveText(
      r.snippet.text.slice(r.snippet.hits[0]!.start, r.snippet.hits[0]!.end),
    );
  }
  const first = expected.results[0]!;
  await expect(rows.nth(0).getByTestId('search-result-count')).toHaveText(new RegExp(`^1 of ${first.hitCount} hits`));

  // ↓ walks to the second hit (of the first article, or the next article's first).
  await page.keyboard.press('ArrowDown');
  const [target, hit] =
    first.hitCount > 1 ? [first, first.hits[1]!] : [expected.results[1]!, expected.results[1]!.hits[0]!];
  if (target === first)
    await expect(rows.nth(0).getByTestId('search-result-count')).toHaveText(new RegExp(`^2 of ${first.hitCount} hits`));
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('article-title')).toHaveText(target.title);

  // The hit is the selection: ACTOR's key labels exactly it.
  await page.keyboard.press('1');
  const spans = await allSpans(page);
  expect(spans.map((s) => [s.articleId, s.start, s.end])).toEqual([[target.articleId, hit.start, hit.end]]);

  // A malformed query says what is wrong, inline; Esc closes and the keys are the editor's again.
  await page.keyboard.press('Control+Shift+F');
  await page.getByTestId('search-input').fill('"Kim Jong');
  await expect(page.getByTestId('search-error')).toHaveText('search: the quote at character 1 is not closed');
  await expect(page.getByTestId('search-result')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status-notice')).toContainText('Undid ACTOR');
  expect(await allSpans(page)).toEqual([]);
});

test('past the first 100 articles: the next ones are read by their button or by ↓ past the last hit', async ({
  app,
}) => {
  const { page } = app;
  const n = 230;
  const file = path.join(app.dir, 'many.jsonl');
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ text: `Dispatch ${i}: the Zephyrine committee met again.`, meta: { title: `Dispatch ${i}` } }),
  );
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await app.emit({ type: 'importRequest', paths: [file] });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });

  await page.keyboard.press('Control+Shift+F');
  await page.keyboard.type('Zephyrine');
  const total = page.getByTestId('search-total');
  const rows = page.getByTestId('search-result');
  await expect(total).toHaveText(`${n} articles, 100 hits in the first 100`);
  await expect(rows).toHaveCount(100);
  const more = page.getByTestId('search-more');
  await expect(more).toHaveText(`Show the next 100 of ${n - 100} more`);
  await more.click();
  await expect(rows).toHaveCount(200);
  await expect(total).toHaveText(`${n} articles, 200 hits in the first 200`);
  // The keys stayed in the field: ↑ from the first hit wraps to the last listed; ↓ reads the rest.
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(199)).toHaveClass(/cursor/);
  await page.keyboard.press('ArrowDown');
  await expect(rows).toHaveCount(n);
  await expect(total).toHaveText(`${n} articles, ${n} hits`);
  await expect(more).toHaveCount(0);
  await expect(rows.nth(200)).toHaveClass(/cursor/);
  const titles = await page.getByTestId('search-result-title').allTextContents();
  expect(new Set(titles).size).toBe(n);
  // Enter opens the article of the hit the keys are on.
  const title = titles[200]!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('article-title')).toHaveText(title);
});

test('every hit of a name labelled in one step, previewed first, and one Ctrl+Z takes them all back', async ({
  app,
}) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await page.keyboard.type('Putin');
  const expected = await searchOf(page, 'Putin');
  const hits = expected.results.reduce((n, r) => n + r.hitCount, 0);
  await expect(page.getByTestId('search-total')).toHaveText(`${expected.total} articles, ${hits} hits`);

  // Alt with ACTOR's key: the preview, nothing written yet.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('hits-preview-count')).toHaveText(
    `Label ${hits} hits in ${expected.total} articles as ACTOR`,
  );
  await expect(page.getByTestId('hits-preview-row')).toHaveCount(hits);
  await expect(page.getByTestId('hits-preview-row').first()).toContainText('Putin');
  expect(await allSpans(page)).toEqual([]);
  // Esc goes back to the results; the button does the same as the key.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('hits-preview')).toHaveCount(0);
  await expect(page.getByTestId('search-panel')).toBeVisible();
  await page.getByTestId('label-hits-ACTOR').click();
  await expect(page.getByTestId('hits-preview-count')).toContainText(`Label ${hits} hits`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-notice')).toHaveText(`Labelled ${hits} hits of Putin as ACTOR`);
  const labelled = await allSpans(page);
  expect(labelled).toHaveLength(hits);
  expect(new Set(labelled.map((s) => s.articleId)).size).toBe(expected.total);
  // The open article shows its new spans; the list counts them.
  await expect(page.getByTestId('article-row').first().locator('.row-count')).not.toHaveText('0');

  // Again: every hit is covered now, nothing to write.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('hits-preview-count')).toHaveText(
    `Every hit already has the label ACTOR. (${hits} already labelled ACTOR, left alone)`,
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-panel')).toHaveCount(0);

  // One undo for the whole batch, one redo.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status-notice')).toHaveText(
    new RegExp(`^Undid: labelled ${hits} hits of Putin as ACTOR \\(\\d+ articles\\)$`),
  );
  expect(await allSpans(page)).toEqual([]);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('status-notice')).toHaveText(
    new RegExp(`^Redid: labelled ${hits} hits of Putin as ACTOR \\(\\d+ articles\\)$`),
  );
  expect((await allSpans(page)).map((s) => s.id).sort()).toEqual(labelled.map((s) => s.id).sort());
});

test('the article list filtered by has / has no spans of a label and by a text query, with the status', async ({
  app,
}) => {
  const { page } = app;
  const rows = page.getByTestId('article-row');
  const titles = () => rows.locator('.row-title').allTextContents();
  await expect(rows).toHaveCount(5);
  const all = await titles();
  // ACTOR on "Kim Jong Un" in the first article, by hand.
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await expect(rows.first().locator('.row-count')).toHaveText('1');

  const labelFilter = page.getByTestId('label-filter');
  await labelFilter.selectOption({ label: 'Has ACTOR' });
  await expect(rows).toHaveCount(1);
  expect(await titles()).toEqual([all[0]]);
  await labelFilter.selectOption({ label: 'No ACTOR' });
  await expect(rows).toHaveCount(4);
  expect(await titles()).toEqual(all.slice(1));
  // With the status: the labelled article is in progress, the others to do.
  await page.getByTestId('filter-todo').click();
  await expect(rows).toHaveCount(4);
  await labelFilter.selectOption({ label: 'Has ACTOR' });
  await expect(page.getByTestId('article-list')).toContainText('No article matches these filters.');
  await page.getByTestId('filter-in_progress').click();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('filter-all').click();
  await labelFilter.selectOption({ label: 'Any labels' });
  await expect(rows).toHaveCount(5);

  // A text query reads the texts, not only the titles: the articles the search finds, in list order.
  const text = page.getByTestId('list-text-search');
  await text.fill('"arms deal"');
  const found = await searchOf(page, '"arms deal"');
  expect(found.total).toBeGreaterThan(0);
  expect(found.total).toBeLessThan(5);
  await expect(rows).toHaveCount(found.total);
  const order = [...found.results].sort((a, b) => a.articleId - b.articleId).map((r) => r.title);
  expect(await titles()).toEqual(order);
  expect(found.results.some((r) => !r.titleMatch)).toBe(true);
  // Combined with a label: only the labelled article, if the query finds it.
  await text.fill('Putin');
  await labelFilter.selectOption({ label: 'Has ACTOR' });
  await expect(rows).toHaveCount(1);
  // A query the search cannot read says why, under the field.
  await text.fill('"arms');
  await expect(page.getByTestId('list-error')).toHaveText('search: the quote at character 1 is not closed');
  await expect(rows).toHaveCount(0);
  await text.press('Escape');
  await expect(page.getByTestId('list-error')).toHaveCount(0);
  await expect(rows).toHaveCount(1);
});
