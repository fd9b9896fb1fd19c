// The editor's keys as an annotator uses them all day: selecting and resizing never share keys
// by surprise, the caret stays at the edited span, movement by lines, sentences, paragraphs,
// pages and quotations, possessives, character precision for one span, and undo that shows
// where it acted.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { clickAt, dragSelect, openArticle, storedSpans } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** The stored spans as [text, start] pairs, in text order. */
async function spanTexts(page: Page, article: { id: number; text: string }): Promise<[string, number][]> {
  const spans = await storedSpans(page, article.id);
  return spans
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((s) => [article.text.slice(s.start, s.end), s.start]);
}

test('after a new span Shift+arrows select from the caret; resizing needs the span selected on purpose', async ({
  app,
}) => {
  const { page } = app;
  const article = await openArticle(page);
  const mode = page.getByTestId('key-mode');
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await expect(mode).toHaveAttribute('data-mode', 'text');
  await expect(mode).toHaveText("Selecting text — Enter selects ACTOR 'Kim Jong Un' to resize it");

  // Ctrl+Shift+→ right after the span selects the next word; the ACTOR keeps its extent.
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(mode).toHaveText('Selecting text');
  await page.keyboard.press('2');
  expect(await spanTexts(page, article)).toEqual([
    ['Kim Jong Un', 20],
    ['is', 32],
  ]);

  // A click selects the ACTOR on purpose: now Shift+→ resizes it, and the status bar says so.
  await page.keyboard.press('Delete'); // the new "is"
  await clickAt(page, 21);
  await expect(mode).toHaveAttribute('data-mode', 'span');
  await expect(mode).toHaveText("Span selected: ACTOR 'Kim Jong Un' — Shift+arrows resize");
  await page.keyboard.press('Shift+ArrowRight');
  expect(await spanTexts(page, article)).toEqual([['Kim Jong Un is', 20]]);

  // Enter selects the span just made, for its own resize.
  await page.keyboard.press('Escape');
  const putin = article.text.indexOf('Putin');
  await dragSelect(page, article.text, 'Putin');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(mode).toHaveText("Span selected: ACTOR 'Putin' — Shift+arrows resize");
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(mode).toHaveText("Span selected: ACTOR 'President Putin' — Shift+arrows resize");
  expect((await spanTexts(page, article)).map(([t]) => t)).toEqual(['Kim Jong Un is', 'President Putin']);
  expect(putin).toBeGreaterThan(0);
});

test('after relabel, nudge, delete and undo the next key starts at the edited span', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const moscow = article.text.indexOf('Moscow');
  const after = moscow + 'Moscow '.length;
  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  // Relabel (the span picked with Enter), then back to the text: the next word is "is".
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
  expect(await spanTexts(page, article)).toEqual([
    ['Moscow', moscow],
    ['is', after],
  ]);
  // Delete: the caret stays where the span was.
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
  expect(await spanTexts(page, article)).toEqual([
    ['Moscow', moscow],
    ['is', after],
  ]);
  // Undo: the caret is at the change.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  expect(await spanTexts(page, article)).toEqual([
    ['Moscow', moscow],
    ['is', after],
  ]);
  // Nudge: the caret follows the span's new end.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
  expect(await spanTexts(page, article)).toEqual([
    ['Moscow', moscow],
    ['is desperately', after],
    ['trying', after + 'is desperately '.length],
  ]);
});

test('Home/End, Ctrl+Home/End, sentence and paragraph jumps move the caret where they say', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const text = article.text;
  const p2 = text.indexOf('The news');
  const p3 = text.indexOf('Although Putin');
  // "." selects the sentence at the caret.
  await page.keyboard.press('.');
  await page.keyboard.press('2');
  // ")" jumps to the next sentence (the next paragraph's first), Ctrl+↓ to the next paragraph.
  await page.keyboard.press(')');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  let spans = await spanTexts(page, article);
  expect(spans).toEqual([
    [text.slice(0, text.indexOf('\n')), 0],
    ['The', p2],
    ['Although', p3],
  ]);
  // End then Shift+Home: the whole first rendered line of the paragraph, not the paragraph.
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('4');
  spans = await spanTexts(page, article);
  const line = spans.find(([t, s]) => s === p3 && t !== 'Although')!;
  const p3End = text.indexOf('\n', p3);
  expect(line[0].length).toBeGreaterThan(30);
  expect(p3 + line[0].length).toBeLessThan(p3End);
  // Ctrl+End, then "(" back to the start of the last sentence; Ctrl+Home returns to the top.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('(');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
  await expect(page.getByTestId('span-item')).toHaveCount(5);
  spans = await spanTexts(page, article);
  expect(spans.at(-1)).toEqual(['You', text.lastIndexOf('You can also')]);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(page.getByTestId('span-item')).toHaveCount(6);
  expect((await spanTexts(page, article))[0]).toEqual(['North', 0]); // before the sentence that also starts at 0
});

test('a quotation, a clause or a sentence in one key, from anywhere inside it', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const text = article.text;
  const quote = 'arms negotiations between Russia and the DPRK are actively advancing';
  const start = text.indexOf(quote);
  await clickAt(page, start + 30);
  await page.keyboard.press('"');
  await page.keyboard.press('2');
  expect(await spanTexts(page, article)).toEqual([[quote, start]]);
  // The clause: "North Korean leader … in Russia", from a caret on "Putin".
  await clickAt(page, text.indexOf('Putin') + 2);
  await page.keyboard.press(',');
  await page.keyboard.press('2');
  expect((await spanTexts(page, article))[0]).toEqual([text.slice(0, text.indexOf(', the White')), 0]);
});

test('PageDown and a scrolled view take the caret along: the next selection starts in view', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const scroller = page.getByTestId('article-scroll');
  const inView = async (start: number) => {
    const seg = page.locator(`[data-testid=article-text] .seg[data-s="${start}"]`);
    await expect(seg).toBeInViewport();
  };
  await page.keyboard.press('PageDown');
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  let [span] = await storedSpans(page, article.id);
  expect(span!.start).toBeGreaterThan(article.text.indexOf('\n'));
  await inView(span!.start);

  // Scrolled by the wheel: the caret, now out of view, starts again at the top of the view.
  await page.keyboard.press('Escape');
  const top = await scroller.evaluate((el) => el.scrollTop);
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 700);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(top + 300);
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('3');
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  span = (await storedSpans(page, article.id)).sort((a, b) => b.start - a.start)[0];
  await inView(span!.start);
});

test('word snapping stops before a possessive; Alt with a label key takes the selection character by character', async ({
  app,
}) => {
  const { page } = app;
  const article = await openArticle(page);
  const ukraine = article.text.indexOf('Ukraine’s');
  await dragSelect(page, article.text, 'Ukrai');
  await page.keyboard.press('3');
  expect(await spanTexts(page, article)).toEqual([['Ukraine', ukraine]]);
  await page.keyboard.press('Escape');

  // Alt+3: "Mosc" as selected, for this span only; snapping stays on.
  const moscow = article.text.indexOf('Moscow');
  await dragSelect(page, article.text, 'Mosc');
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('snap-toggle')).toHaveAttribute('aria-pressed', 'true');
  await dragSelect(page, article.text, 'Mosc');
  await page.keyboard.press('1');
  expect(await spanTexts(page, article)).toEqual([
    ['Mosc', moscow],
    ['Moscow', moscow],
    ['Ukraine', ukraine],
  ]);
});

test('undo and redo across articles open the article at the change, flash it and say what they did', async ({
  app,
}) => {
  const { page } = app;
  const article = await openArticle(page);
  const scroller = page.getByTestId('article-scroll');
  await page.keyboard.press('Control+f');
  await page.getByLabel('Find in article').fill('zelensky');
  await page.getByLabel('Find in article').press('Enter');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape'); // the find bar
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-position')).toHaveText('2 / 5');

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('article-position')).toHaveText('1 / 5');
  const notice = page.getByRole('status');
  await expect(notice).toHaveText(/^Undid ACTOR 'Zelensky' in Kim Jong Un plans rare trip to meet Putin/);
  const zelensky = article.text.indexOf('Zelensky');
  const flashed = page.locator('[data-testid=article-text] .seg.flash');
  await expect(flashed).toHaveText('Zelensky');
  await expect(flashed).toBeInViewport();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
  expect(await storedSpans(page, article.id)).toEqual([]);

  // Redo returns there too (from the top of the article), and the next key starts at the change.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+z');
  await expect(notice).toHaveText(/^Redid ACTOR 'Zelensky' in Kim Jong Un plans/);
  await expect(flashed).toBeInViewport();
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
  expect(await spanTexts(page, article)).toEqual([
    ['Zelensky', zelensky],
    ['said', zelensky + 'Zelensky '.length],
  ]);
});
