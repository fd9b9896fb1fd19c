// The keystroke budget: labeling the first two paragraphs of the first demo article by keyboard
// alone, along the shortest path the app offers, in at most 50 keys for 8 spans (three ACTORs, a
// nested CLAIM around them, LOCATIONs, one relabel, one nudge); and a long quotation CLAIM in at
// most 4 keys from a caret anywhere inside it. Every key is counted; the spans must come out
// at exactly the offsets written here.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { clickAt, openArticle, storedSpans } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** Presses keys on the page and counts them. */
function keyboard(page: Page) {
  let count = 0;
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      await page.keyboard.press(key);
      count++;
    }
  };
  const times = (n: number, key: string) => press(...Array<string>(n).fill(key));
  return { press, times, count: () => count };
}

async function labelNames(page: Page): Promise<Map<number, string>> {
  const labels = await page.evaluate(async () => {
    const res = await window.api.listLabels();
    if (!res.ok) throw new Error(res.error.message);
    return res.value.map((l): [number, string] => [l.id, l.name]);
  });
  return new Map(labels);
}

test('8 spans on the first two paragraphs of the first demo article in at most 50 keys', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await expect(page.getByTestId('article-title')).toHaveText('Kim Jong Un plans rare trip to meet Putin in Russia');
  const expected: [string, number, number, string][] = [
    ['CLAIM', 0, 156, 'North Korean leader Kim Jong Un … President Putin in Russia'],
    ['ACTOR', 20, 31, 'Kim Jong Un'],
    ['LOCATION', 89, 122, 'his secretive and insular country'],
    ['ACTOR', 131, 146, 'President Putin'],
    ['LOCATION', 150, 156, 'Russia'],
    ['ACTOR', 162, 173, 'White House'],
    ['LOCATION', 231, 237, 'Moscow'],
    ['LOCATION', 306, 313, 'Ukraine'],
  ];
  for (const [, start, end, words] of expected) {
    if (!words.includes('…')) expect(article.text.slice(start, end)).toBe(words);
  }
  expect(article.text.slice(0, 156)).toBe(
    'North Korean leader Kim Jong Un is planning on making a rare trip outside the borders of his secretive and insular country to meet President Putin in Russia',
  );

  const k = keyboard(page);
  const used: [string, number][] = [];
  const span = async (what: string, keys: () => Promise<void>) => {
    const before = k.count();
    await keys();
    used.push([what, k.count() - before]);
  };
  // The caret starts at the top of the article.
  await span('ACTOR Kim Jong Un', async () => {
    await k.times(3, 'Control+ArrowRight');
    await k.times(3, 'Control+Shift+ArrowRight');
    await k.press('1');
  });
  await span('LOCATION his … country (find, then extend by words)', async () => {
    await k.press('Control+f', 'h', 'i', 's', 'Enter');
    await k.times(4, 'Control+Shift+ArrowRight');
    await k.press('3');
  });
  await span('CLAIM around them: the clause at the caret', async () => {
    await k.press(',', '2');
  });
  await span('LOCATION Russia (the word before the caret)', async () => {
    await k.press('Control+Shift+ArrowLeft', '3');
  });
  await span('ACTOR Putin, nudged to President Putin', async () => {
    await k.times(2, 'Control+ArrowLeft');
    await k.press('Control+Shift+ArrowLeft', '1');
    await k.press('Enter', 'Alt+Shift+ArrowLeft');
  });
  await span('White House as LOCATION, relabeled ACTOR', async () => {
    await k.times(3, 'Control+ArrowRight');
    await k.times(2, 'Control+Shift+ArrowRight');
    await k.press('3', '1');
  });
  await span('LOCATION Moscow', async () => {
    await k.press('Control+f', 'm', 'o', 's', 'Enter', '3');
  });
  await span('LOCATION Ukraine (before its ’s)', async () => {
    await k.press('Control+f', 'u', 'k', 'r', 'Enter', '3');
  });

  await expect(page.getByTestId('span-item')).toHaveCount(8);
  const names = await labelNames(page);
  const spans = (await storedSpans(page, article.id))
    .map((s) => [names.get(s.labelId), s.start, s.end])
    .sort((a, b) => (a[1] as number) - (b[1] as number));
  expect(spans).toEqual(expected.map(([label, start, end]) => [label, start, end]));
  test.info().annotations.push({
    type: 'keys',
    description: `${k.count()} keys: ${used.map(([what, n]) => `${what} ${n}`).join('; ')}`,
  });
  expect(k.count()).toBeLessThanOrEqual(50);
});

test('a long quotation CLAIM in at most 4 keys from a caret anywhere inside the quote', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const quote =
    'We have information that Kim Jong Un expects these discussions to continue, to include leader-level diplomatic engagement in Russia';
  const [start, end] = [886, 1017];
  expect(article.text.slice(start, end)).toBe(quote);
  const names = await labelNames(page);
  // The first letter, inside the first clause, after the inner comma, the last letter, the
  // comma before the closing mark.
  for (const at of [start, start + 40, article.text.indexOf('to include'), end - 1, end]) {
    await clickAt(page, at);
    const k = keyboard(page);
    await k.press('"', '2');
    await expect(page.getByTestId('span-item')).toHaveCount(1);
    const spans = await storedSpans(page, article.id);
    expect(
      spans.map((s) => [names.get(s.labelId), s.start, s.end]),
      `caret at ${at}`,
    ).toEqual([['CLAIM', start, end]]);
    expect(k.count()).toBeLessThanOrEqual(4);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('span-item')).toHaveCount(0);
  }
});
