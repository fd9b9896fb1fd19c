// Labeling in the real renderer against the real backend: mouse and keyboard spans,
// overlaps, relabel, delete, undo/redo across articles, mark done, and reopening the project.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import fs from 'node:fs';
import path from 'node:path';
import { clickAt, clickRightHalf, dragPast, dragSelect, openArticle, storedSpans } from './editor-helpers';

async function labelIds(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const res = await window.api.listLabels();
    if (!res.ok) throw new Error(res.error.message);
    return Object.fromEntries(res.value.map((l) => [l.name, l.id]));
  });
}

test.beforeEach(async ({ app }, testInfo) => {
  if (!testInfo.titlePath.includes('first launch')) await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

test('a span by mouse: drag across words, press 1', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const ids = await labelIds(page);
  const range = await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  await expect(page.getByTestId('span-item').first()).toContainText('Kim Jong Un');
  const spans = await storedSpans(page, article.id);
  expect(spans.map((s) => [s.start, s.end, s.labelId])).toEqual([[range.start, range.end, ids['ACTOR']]]);
  await expect(page.locator('[data-testid=article-row][data-status=in_progress]')).toHaveCount(1);
});

test('a drag that ends inside a word snaps to the whole word; C switches to character precision', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const start = article.text.indexOf('Moscow');
  await dragSelect(page, article.text, 'Mosc'); // stops inside "Moscow"
  await page.keyboard.press('3');
  let spans = await storedSpans(page, article.id);
  expect(spans.map((s) => article.text.slice(s.start, s.end))).toEqual(['Moscow']);

  await page.keyboard.press('Escape');
  await page.keyboard.press('c');
  await expect(page.getByTestId('snap-toggle')).toHaveAttribute('aria-pressed', 'false');
  await dragSelect(page, article.text, 'Mosc');
  await page.keyboard.press('2');
  spans = await storedSpans(page, article.id);
  expect(spans.map((s) => [s.start, s.end])).toContainEqual([start, start + 4]);
});

test('a span by keyboard: shift/ctrl+arrows select words, a hotkey labels them', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const ids = await labelIds(page);
  // The caret starts at the top of the article.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  const expected = article.text.slice(0, article.text.indexOf(' Kim'));
  const spans = await storedSpans(page, article.id);
  expect(spans).toHaveLength(1);
  expect(article.text.slice(spans[0]!.start, spans[0]!.end)).toBe(expected);
  expect(spans[0]!.labelId).toBe(ids['ACTOR']);

  // Character-wise: Shift+ArrowRight extends by one character.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+ArrowRight');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('4');
  const after = await storedSpans(page, article.id);
  expect(after).toHaveLength(2);
});

test('overlapping and nested spans all stay visible and selectable', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const claim = 'North Korean leader Kim Jong Un is planning on making a rare trip';
  await dragSelect(page, article.text, claim);
  await page.keyboard.press('2');
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await dragSelect(page, article.text, 'North Korean leader');
  await page.keyboard.press('1');
  await expect(page.getByTestId('span-item')).toHaveCount(3);
  const spans = await storedSpans(page, article.id);
  expect(spans).toHaveLength(3);
  // Every span has a visible underline: "Kim" is covered by the CLAIM and the ACTOR.
  const kim = article.text.indexOf('Kim Jong Un');
  const covering = page.locator(`[data-testid=article-text] .seg[data-s="${kim}"]`);
  await expect(covering).toHaveAttribute('title', 'ACTOR ⊂ CLAIM');
  // Clicking inside "Kim" selects the innermost span (ACTOR), clicking again the CLAIM around it.
  await clickAt(page, kim + 1);
  await expect(page.locator('.chip')).toHaveText('ACTOR');
  await clickAt(page, kim + 1);
  await expect(page.locator('.chip')).toHaveText('CLAIM');
});

test('Tab selects spans, a hotkey relabels, Delete removes, undo and redo restore', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const ids = await labelIds(page);
  await dragSelect(page, article.text, 'Russia');
  await page.keyboard.press('1'); // wrong label on purpose
  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Tab'); // first span in text order: Russia
  await expect(page.locator('.chip')).toHaveText('ACTOR');
  await page.keyboard.press('3');
  await expect(page.locator('.chip')).toHaveText('LOCATION');
  let spans = await storedSpans(page, article.id);
  expect(spans.map((s) => s.labelId)).toEqual([ids['LOCATION'], ids['LOCATION']]);

  await page.keyboard.press('Tab');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  spans = await storedSpans(page, article.id);
  expect(spans.map((s) => article.text.slice(s.start, s.end))).toEqual(['Russia']);

  await page.keyboard.press('Control+z'); // undo delete
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  await page.keyboard.press('Control+z'); // undo relabel
  await expect(page.locator('[data-testid=span-item][data-label=ACTOR]')).toHaveCount(1);
  spans = await storedSpans(page, article.id);
  expect(spans.map((s) => s.labelId).sort()).toEqual([ids['ACTOR'], ids['LOCATION']].sort());

  await page.keyboard.press('Control+Shift+z'); // redo relabel
  await page.keyboard.press('Control+Shift+z'); // redo delete
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  spans = await storedSpans(page, article.id);
  expect(spans.map((s) => [article.text.slice(s.start, s.end), s.labelId])).toEqual([['Russia', ids['LOCATION']]]);
});

test('keyboard nudging moves either boundary of the selected span', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Kim Jong');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter'); // the new span, selected to resize it
  await page.keyboard.press('Shift+ArrowRight'); // end: + " Un"
  let spans = await storedSpans(page, article.id);
  expect(article.text.slice(spans[0]!.start, spans[0]!.end)).toBe('Kim Jong Un');
  await page.keyboard.press('Alt+Shift+ArrowLeft'); // start: + "leader "
  spans = await storedSpans(page, article.id);
  expect(article.text.slice(spans[0]!.start, spans[0]!.end)).toBe('leader Kim Jong Un');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  spans = await storedSpans(page, article.id);
  expect(article.text.slice(spans[0]!.start, spans[0]!.end)).toBe('Kim Jong');
});

test('undo reaches across articles: it reopens the article the edit was made in', async ({ app }) => {
  const { page } = app;
  const first = await openArticle(page);
  await dragSelect(page, first.text, 'Moscow');
  await page.keyboard.press('3');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-position')).toHaveText('2 / 5');
  const second = await openArticle(page);
  expect(second.id).not.toBe(first.id);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('article-position')).toHaveText('1 / 5');
  expect(await storedSpans(page, first.id)).toHaveLength(0);
  await page.keyboard.press('Control+Shift+z');
  expect(await storedSpans(page, first.id)).toHaveLength(1);
});

test('Ctrl+Enter marks the article done and opens the next undone one', async ({ app }) => {
  const { page } = app;
  const first = await openArticle(page);
  await dragSelect(page, first.text, 'Moscow');
  await page.keyboard.press('3');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('article-position')).toHaveText('2 / 5');
  await expect(page.locator('[data-testid=article-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('set-progress')).toHaveAttribute('aria-valuenow', '20');
  await page.getByTestId('filter-done').click();
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await page.getByTestId('filter-todo').click();
  await expect(page.getByTestId('article-row')).toHaveCount(4);
  const status = await page.evaluate(async (id) => {
    const res = await window.api.getArticle({ id });
    return res.ok ? res.value.status : res.error.code;
  }, first.id);
  expect(status).toBe('done');
});

test('reopening the project finds every span and status where it was left', async ({ app }) => {
  let page = app.page;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await dragSelect(page, article.text, 'Russia');
  await page.keyboard.press('3');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('article-position')).toHaveText('2 / 5');
  const before = await storedSpans(page, article.id);

  page = await app.relaunch();
  await expect(page.getByTestId('article-title')).toBeVisible();
  expect(await storedSpans(page, article.id)).toEqual(before);
  await expect(page.locator('[data-testid=article-row][data-status=done]')).toHaveCount(1);
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  expect(app.pageErrors).toEqual([]);
});

test.describe('first launch', () => {
  test.use({ appOptions: { demo: true, annotator: null } });

  test('asks for the annotator name, then every span records it', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('annotator-prompt')).toBeVisible();
    await page.getByLabel('Your name').fill('Beatriz');
    await page.getByRole('button', { name: 'Start annotating' }).click();
    await expect(page.getByTestId('article-title')).toBeVisible();
    await expect(page).toHaveTitle(/Beatriz/);
    const article = await openArticle(page);
    await dragSelect(page, article.text, 'Moscow');
    await page.keyboard.press('3');
    const [span] = await storedSpans(page, article.id);
    const annotators = await page.evaluate(async () => {
      const res = await window.api.listAnnotators();
      return res.ok ? res.value : [];
    });
    expect(annotators.find((a) => a.id === span!.annotatorId)?.name).toBe('Beatriz');
  });
});

test('Ctrl+F finds a phrase; Enter selects the match and a label key labels it', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const needle = 'National Security Council';
  const count = article.text.split(needle).length - 1;
  await page.keyboard.press('Control+f');
  await page.getByLabel('Find in article').fill(needle.toLowerCase());
  await expect(page.getByTestId('find-count')).toHaveText(`– of ${count}`);
  await page.getByLabel('Find in article').press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText(`1 of ${count}`);
  await page.keyboard.press('1');
  const spans = await storedSpans(page, article.id);
  expect(spans.map((s) => [s.start, article.text.slice(s.start, s.end)])).toEqual([
    [article.text.indexOf(needle), needle],
  ]);
  // Ctrl+F again, Enter: the next match.
  await page.keyboard.press('Control+f');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText(`${Math.min(2, count)} of ${count}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('find-bar')).toHaveCount(0);
});

test('Shift+Down selects to the same column one line below; Up comes back', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const firstBreak = article.text.indexOf('\n');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowUp'); // back to one line below the start
  await page.keyboard.press('2');
  const [span] = await storedSpans(page, article.id);
  // One rendered line of the ~70-character column: more than a few words, less than the paragraph.
  expect(span!.start).toBe(0);
  expect(span!.end).toBeGreaterThan(40);
  expect(span!.end).toBeLessThan(firstBreak);
});

test('a click on the right half of a span’s last letter selects that span', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const { end } = await dragSelect(page, article.text, 'Korean');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await expect(page.locator('.chip')).toHaveCount(0);
  await clickRightHalf(page, end - 1);
  await expect(page.locator('.chip')).toHaveText('ACTOR');
  // The right half of the space before the span is not the span.
  await page.keyboard.press('Escape');
  await clickRightHalf(page, end - 'Korean'.length - 1);
  await expect(page.locator('.chip')).toHaveCount(0);
});

test('a drag released outside the text column still selects', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragPast(page, article.text, 'the White House has said', 400);
  await page.keyboard.press('1');
  const spans = await storedSpans(page, article.id);
  expect(spans).toHaveLength(1);
  expect(article.text.slice(spans[0]!.start, spans[0]!.end)).toContain('the White House has said');
});

test('find matches by the original text’s offsets, even after characters whose case changes length', async ({
  app,
}) => {
  const { page } = app;
  // "İ" is one UTF-16 unit that lower-cases to two: offsets taken from a lower-cased copy drift.
  const file = path.join(app.dir, 'istanbul.txt');
  fs.writeFileSync(file, 'Turkish police\n\nİstanbul and İzmir police said the talks would go on.\n');
  await app.emit({ type: 'importRequest', paths: [file] });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });
  await page.getByTestId('article-row').nth(5).click();
  await expect(page.getByTestId('article-title')).toHaveText('Turkish police');
  const article = await openArticle(page);

  await page.keyboard.press('Control+f');
  await page.getByLabel('Find in article').fill('POLICE');
  await page.getByLabel('Find in article').press('Enter'); // "police" in the title line
  await page.keyboard.press('Control+f');
  await page.keyboard.press('Enter'); // the one after "İstanbul and İzmir"
  await page.keyboard.press('1');
  const spans = await storedSpans(page, article.id);
  expect(spans.map((s) => article.text.slice(s.start, s.end))).toEqual(['police']);
  expect(spans[0]!.start).toBe(article.text.lastIndexOf('police'));
});

test('Down walks out of a paragraph into the next one, and Up back', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const firstBreak = article.text.indexOf('\n');
  const second = article.text.indexOf('The news');
  // The first paragraph has three lines at this width: four Downs reach the second paragraph.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  const [down] = await storedSpans(page, article.id);
  expect(down!.start).toBeGreaterThanOrEqual(second);
  await page.keyboard.press('Escape');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  const up = (await storedSpans(page, article.id)).find((s) => s.id !== down!.id);
  expect(up!.start).toBeLessThan(firstBreak);
});
