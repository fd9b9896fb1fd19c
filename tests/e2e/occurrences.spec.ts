// "Label every occurrence" in the window, on the demo set: "Kim Jong Un" labelled ACTOR by hand
// in the first article brings the offer with its counts; its preview (by key) switches scope
// and case, Enter labels the whole set in one batch; the spans are there in another article;
// one Ctrl+Z takes them all back in every article and Ctrl+Shift+Z brings them back. The
// demo texts: "Kim Jong Un" twice in 000, 001 and 003, three times in 002, and 004 writes
// "Kim Jong-un" (a word of its own, never matched).
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';

const NAME = 'Kim Jong Un';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** The ACTOR spans' texts per demo article, in list order, as the project file holds them. */
async function actorTexts(page: Page): Promise<string[][]> {
  await page.getByTestId('save-state').filter({ hasText: 'saved' }).waitFor();
  return page.evaluate(async () => {
    const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const labels = unwrap(await window.api.listLabels());
    const actor = labels.find((l) => l.name === 'ACTOR')!.id;
    const { items } = unwrap(await window.api.listArticles({ limit: 10 }));
    const out: string[][] = [];
    for (const item of items) {
      const { text } = unwrap(await window.api.getArticle({ id: item.id }));
      const spans = unwrap(await window.api.listSpans({ articleId: item.id }));
      out.push(spans.filter((s) => s.labelId === actor).map((s) => text.slice(s.start, s.end)));
    }
    return out;
  });
}

const times = (n: number) => Array<string>(n).fill(NAME);

test('label a name in one article, then every occurrence in the set in one step, undone and redone in one step', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toHaveText('Kim Jong Un plans rare trip to meet Putin in Russia');
  const article = await openArticle(page);
  await dragSelect(page, article.text, NAME);
  await page.keyboard.press('1');

  // The span is painted; the offer follows, without taking the focus from the text.
  const offer = page.getByTestId('occurrence-offer');
  await expect(offer).toBeVisible();
  await expect(page.getByTestId('occurrence-offer-text')).toHaveText('Label 1 more in this article · 8 in the set');
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=occurrence-offer]') ?? null)).toBe(
    null,
  );
  expect(await actorTexts(page)).toEqual([[NAME], [], [], [], []]);

  // The preview: this article first (one more place), with the words around it.
  await page.keyboard.press('Control+Shift+L');
  const preview = page.getByTestId('occurrence-preview');
  await expect(preview).toBeVisible();
  await expect(offer).toBeHidden();
  await expect(page.getByTestId('occurrence-scope-article')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('occurrence-count')).toHaveText('1 occurrence to label');
  await expect(preview.getByTestId('occurrence')).toHaveCount(1);
  await expect(preview.getByTestId('occurrence').locator('mark')).toHaveText(NAME);

  // The whole set: every article that has it, each row naming its article.
  await page.keyboard.press('Alt+S');
  await expect(page.getByTestId('occurrence-scope-set')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('occurrence-count')).toHaveText('8 occurrences to label');
  const rows = preview.getByTestId('occurrence');
  await expect(rows).toHaveCount(8);
  await expect(rows.first().locator('.occurrence-title')).toHaveText(
    'Kim Jong Un plans rare trip to meet Putin in Russia',
  );
  await expect(rows.locator('mark')).toHaveText(times(8));
  await expect(rows.filter({ hasText: 'Kim Jong-un to meet Putin' })).toHaveCount(0);

  // Case-insensitive finds no other spelling of this name; the toggle reads the set again.
  await page.keyboard.press('Alt+C');
  await expect(page.getByTestId('occurrence-case')).not.toBeChecked();
  await expect(page.getByTestId('occurrence-count')).toHaveText('8 occurrences to label');
  await page.keyboard.press('Alt+C');
  await expect(page.getByTestId('occurrence-case')).toBeChecked();

  // Enter labels them all, as one batch.
  await page.keyboard.press('Enter');
  await expect(preview).toBeHidden();
  await expect(page.getByTestId('status-notice')).toHaveText(`Labelled 8 occurrences of '${NAME}' as ACTOR`);
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  const labelled = [times(2), times(2), times(3), times(2), []];
  expect(await actorTexts(page)).toEqual(labelled);
  // The list rows of the other articles follow: counts and statuses.
  const counts = page.getByTestId('article-row').locator('.row-count');
  await expect(counts).toHaveText(['2', '2', '3', '2', '0']);
  await expect(page.getByTestId('article-row').nth(2)).toHaveAttribute('data-status', 'in_progress');

  // Another article shows them: the next one in the list.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-title')).toHaveText('Kim expects to meet Putin in Russia, US says');
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  await expect(page.getByTestId('span-item').first()).toHaveAttribute('data-label', 'ACTOR');
  const second = await openArticle(page);
  expect((await storedSpans(page, second.id)).map((s) => second.text.slice(s.start, s.end))).toEqual(times(2));

  // From a span's row: every other place is covered by ACTOR already, so nothing is left to label.
  await page.getByTestId('span-occurrences').first().click();
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('occurrence-count')).toHaveText('0 occurrences to label · 1 already ACTOR, skipped');
  await page.getByTestId('occurrence-scope-set').click();
  await expect(page.getByTestId('occurrence-count')).toHaveText('0 occurrences to label · 8 already ACTOR, skipped');
  await expect(page.getByTestId('occurrence-apply')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  // One undo: gone from every article, the open one included, which stays open.
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('status-notice')).toHaveText(
    `Undid: labelled 8 occurrences of '${NAME}' as ACTOR (4 articles)`,
  );
  await expect(page.getByTestId('article-title')).toHaveText('Kim expects to meet Putin in Russia, US says');
  await expect(page.getByTestId('span-item')).toHaveCount(0);
  await expect(counts).toHaveText(['1', '0', '0', '0', '0']);
  expect(await actorTexts(page)).toEqual([[NAME], [], [], [], []]);

  // One redo: back everywhere.
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('status-notice')).toHaveText(
    `Redid: labelled 8 occurrences of '${NAME}' as ACTOR (4 articles)`,
  );
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  await expect(counts).toHaveText(['2', '2', '3', '2', '0']);
  expect(await actorTexts(page)).toEqual(labelled);
});

test('the case toggle finds the lower-case spelling too; Esc labels nothing', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  // "Minister" is once in this article (far down: found, not dragged); the other articles have
  // it four times, and 004 also "minister".
  await page.keyboard.press('Control+f');
  await page.getByLabel('Find in article').fill('Minister');
  await page.getByLabel('Find in article').press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 1');
  await page.keyboard.press('1');
  expect((await storedSpans(page, article.id)).map((s) => article.text.slice(s.start, s.end))).toEqual(['Minister']);
  await expect(page.getByTestId('occurrence-offer-text')).toHaveText('Label 4 more in the set');

  // Opened from the offer with nothing more in this article, the preview starts on the whole set.
  await page.getByTestId('occurrence-offer-open').click();
  const preview = page.getByTestId('occurrence-preview');
  await expect(page.getByTestId('occurrence-scope-set')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('occurrence-count')).toHaveText('4 occurrences to label');
  await expect(preview.locator('mark')).toHaveText(Array<string>(4).fill('Minister'));
  await page.getByTestId('occurrence-case').click();
  await expect(page.getByTestId('occurrence-count')).toHaveText('5 occurrences to label');
  await expect(preview.locator('mark')).toContainText(['minister']);
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  expect(await actorTexts(page)).toEqual([['Minister'], [], [], [], []]);
});

test('the offer fades when the person labels on or moves to another article', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, NAME);
  await page.keyboard.press('1');
  const offer = page.getByTestId('occurrence-offer');
  await expect(offer).toBeVisible();
  // Deleting the span just made is going on: the offer goes.
  await page.keyboard.press('Delete');
  await expect(offer).toBeHidden();
  await dragSelect(page, article.text, 'Putin');
  await page.keyboard.press('1');
  await expect(page.getByTestId('occurrence-offer-text')).toContainText('more in this article');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-title')).toHaveText('Kim expects to meet Putin in Russia, US says');
  await expect(offer).toBeHidden();
});
