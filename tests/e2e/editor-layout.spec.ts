// How the editor looks while spans come and go: the text never moves (every line has room for
// its underline lanes), and the selected span's label chip stands on the line the span starts.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** The boxes of the first two paragraphs and the position of a word in the second. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null) => {
      if (!el) throw new Error('paragraph not rendered');
      const r = el.getBoundingClientRect();
      return { top: r.top, height: r.height, left: r.left, width: r.width };
    };
    return {
      first: box(document.querySelector('.para[data-p="0"]')),
      second: box(document.querySelector('.para[data-p="1"]')),
    };
  });
}

test('the text never moves when a span is added, nested or removed', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const before = await layout(page);

  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  expect(await layout(page)).toEqual(before);

  // A CLAIM around the ACTOR: a second lane under the first.
  await dragSelect(page, article.text, 'North Korean leader Kim Jong Un is planning on making a rare trip');
  await page.keyboard.press('2');
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  expect(await layout(page)).toEqual(before);

  // A third, and a fourth lane deeper than the room lines reserve: the lanes pack closer instead.
  await dragSelect(page, article.text, 'Kim');
  await page.keyboard.press('3');
  await dragSelect(page, article.text, 'North Korean leader Kim Jong Un is planning on making a rare trip outside');
  await page.keyboard.press('4');
  await expect(page.getByTestId('span-item')).toHaveCount(4);
  expect(await layout(page)).toEqual(before);

  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Delete');
  }
  await expect(page.getByTestId('span-item')).toHaveCount(0);
  expect(await storedSpans(page, article.id)).toHaveLength(0);
  expect(await layout(page)).toEqual(before);
});
