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

test('the selected span’s chip stands over its first word when the span starts a line', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  // The first word that starts the second rendered line of the first paragraph.
  const start = await page.evaluate(() => {
    const seg = document.querySelector<HTMLElement>('.para[data-p="0"] .seg')!;
    const node = seg.firstChild!;
    const text = node.textContent!;
    const top = (i: number) => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getClientRects()[0]!.top;
    };
    const first = top(0);
    for (let i = 1; i < text.length; i++)
      if (text[i - 1] === ' ' && top(i) > first + 5) return Number(seg.dataset['s']) + i;
    throw new Error('the first paragraph fits on one line');
  });
  const word = article.text.slice(start).split(' ')[0]!;
  await dragSelect(page, article.text, word, start);
  await page.keyboard.press('1');
  await expect(page.locator('.chip')).toHaveText('ACTOR');
  const boxes = await page.evaluate((start) => {
    const chip = document.querySelector('.chip')!.getBoundingClientRect();
    const seg = document.querySelector(`[data-testid=article-text] .seg[data-s="${start}"]`)!.getClientRects()[0]!;
    const column = document.querySelector('.para[data-p="0"]')!.getBoundingClientRect();
    return {
      chip: { left: chip.left, right: chip.right, bottom: chip.bottom },
      seg: { left: seg.left, top: seg.top },
      column,
    };
  }, start);
  // Over the word, inside the column (not at the right edge of the line before).
  expect(Math.abs(boxes.chip.left - boxes.seg.left)).toBeLessThan(8);
  expect(boxes.chip.right).toBeLessThanOrEqual(boxes.column.right);
  expect(boxes.chip.bottom).toBeLessThanOrEqual(boxes.seg.top + 2);
  expect(boxes.chip.bottom).toBeGreaterThan(boxes.seg.top - 30);
});

/** WCAG contrast between two rgb() colours as getComputedStyle gives them. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('the selected span, the text selection and a label’s tint look different; ACTOR reads on the dark page', async ({
  app,
}) => {
  const { page } = app;
  const article = await openArticle(page);
  const russia = await dragSelect(page, article.text, 'Russia');
  await page.keyboard.press('1');
  const kim = await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1'); // selected now
  const shadow = (start: number) =>
    page.evaluate((start) => getComputedStyle(document.querySelector(`.seg[data-s="${start}"]`)!).boxShadow, start);
  // The selected span is framed; a span that is not selected is not.
  expect(await shadow(kim.start)).toContain('inset');
  expect(await shadow(russia.start)).toBe('none');
  await dragSelect(page, article.text, 'White House'); // a text selection
  const selection = await page.evaluate(() =>
    (getComputedStyle(document.querySelector('.seg.text-sel')!).backgroundColor.match(/[\d.]+/g) ?? []).map(Number),
  );
  // The text selection is a neutral grey (no hue), not a blue like ACTOR's tint.
  const [r, g, b] = selection as [number, number, number];
  expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(12);

  await page.emulateMedia({ colorScheme: 'dark' });
  // Read again until the page has re-rendered in the dark theme.
  const darkLook = () =>
    page.evaluate((russia) => {
      const seg = getComputedStyle(document.querySelector(`.seg[data-s="${russia}"]`)!);
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const line = /rgb\([^)]*\)/.exec(seg.backgroundImage)![0];
      return { line: rgb(line), page: rgb(getComputedStyle(document.documentElement).backgroundColor) };
    }, russia.start);
  await expect
    .poll(async () => {
      const dark = await darkLook();
      return contrast(dark.line, dark.page);
    })
    .toBeGreaterThanOrEqual(4.5);
});
