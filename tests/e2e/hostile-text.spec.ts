// Article text from the web, drawn as stored but never as it pretends: bidi controls and other
// invisible characters show as marked boxes (offsets unchanged, spans made across and after
// them land where they should), and a letter under 10,000 combining marks stays inside its own
// paragraph.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';
import { expect, test, type TestApp } from './harness';

test.use({ appOptions: { demo: false, annotator: 'ana' } });

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

const RLO = '\u202e';
const BIDI_TITLE = `title ${RLO}evil`;
const BIDI_TEXT = `Invoice from the ministry: abc${RLO}gnp.exe is attached.\n\nA zero\u200bwidth space and an isolate \u2067here\u2069 too.`;
const MARKS = '\u0301'.repeat(10_000);
const STACKED = `Paragraph above the stacked letter.\n\nZ${MARKS} and the rest of its line.\n\nParagraph below it.`;
const PLAIN = `Paragraph above the stacked letter.\n\nZ and the rest of its line.\n\nParagraph below it.`;

/** Imports the articles as the user would (File → Import of a JSON Lines file), in this order. */
async function importArticles(app: TestApp, records: object[]): Promise<void> {
  const file = path.join(app.dir, 'hostile.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await app.emit({ type: 'importRequest', paths: [file] });
  await app.page.getByTestId('import-start').click();
  await expect(app.page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });
  await expect(app.page.getByTestId('article-row')).toHaveCount(records.length);
}

/** The left edge of each character of `el`'s text from `from` (a string offset) for `count` characters. */
function charLefts(el: Locator, from: number, count: number): Promise<number[]> {
  return el.evaluate(
    (root, { from, count }) => {
      // Walk the text nodes (the boxes' pseudo-element names are not text) to the offsets.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const lefts: number[] = [];
      let at = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent!.length;
        for (let i = Math.max(from, at); i < Math.min(from + count, at + len); i++) {
          const r = document.createRange();
          r.setStart(node, i - at);
          r.setEnd(node, i - at + 1);
          lefts.push(r.getBoundingClientRect().left);
        }
        at += len;
      }
      return lefts;
    },
    { from, count },
  );
}

function increasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x > xs[i - 1]!);
}

test('bidi controls and invisible characters show as marked boxes; the text reads in stored order', async ({ app }) => {
  const { page } = app;
  await importArticles(app, [{ title: BIDI_TITLE, text: BIDI_TEXT, source: `wire${RLO}moc.` }]);
  await page.getByTestId('article-row').first().click();
  const title = page.getByTestId('article-title');
  // The element's text is the stored text; the control is a box named RLO with its code point.
  await expect(title).toHaveText(BIDI_TITLE);
  await expect(title.locator('.invisible-mark')).toHaveAttribute('data-mark', 'RLO');
  await expect(title.locator('.invisible-mark')).toHaveAttribute('title', /U\+202E RIGHT-TO-LEFT OVERRIDE/);
  // "evil" is drawn left to right, after the box: not reversed into "live".
  expect(increasing(await charLefts(title, BIDI_TITLE.indexOf('evil'), 4))).toBe(true);

  const row = page.getByTestId('article-row').first().locator('.row-title');
  await expect(row).toHaveText(BIDI_TITLE);
  expect(increasing(await charLefts(row, BIDI_TITLE.indexOf('evil'), 4))).toBe(true);

  const text = page.getByTestId('article-text');
  const marks = text.locator('.invisible-mark');
  await expect(marks).toHaveCount(4);
  expect(await marks.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['mark']))).toEqual([
    'RLO',
    'ZWSP',
    'RLI',
    'PDI',
  ]);
  // Every box stands at the offset of its character.
  expect(await marks.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['s'])))).toEqual([
    BIDI_TEXT.indexOf(RLO),
    BIDI_TEXT.indexOf('\u200b'),
    BIDI_TEXT.indexOf('\u2067'),
    BIDI_TEXT.indexOf('\u2069'),
  ]);
  // "abc", the box, then "gnp.exe" in stored order: it does not read "abcexe.png".
  const abc = BIDI_TEXT.indexOf('abc');
  expect(increasing(await charLefts(text, abc, 'abc\u202egnp.exe'.length))).toBe(true);
  const paragraph = await text.locator('.para').first().textContent();
  expect(paragraph).toBe(BIDI_TEXT.slice(0, BIDI_TEXT.indexOf('\n')));
});

test('spans made after and across an invisible character keep their stored offsets', async ({ app }) => {
  const { page } = app;
  await importArticles(app, [{ title: BIDI_TITLE, text: BIDI_TEXT }]);
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('article-title')).toHaveText(BIDI_TITLE);
  const article = await openArticle(page);
  expect(article.text).toBe(BIDI_TEXT);

  // After the control: the word "attached" (snapped to the word).
  await dragSelect(page, article.text, 'attached');
  await page.keyboard.press('1');
  let spans = await storedSpans(page, article.id);
  const attached = article.text.indexOf('attached');
  expect(spans.map((s) => [s.start, s.end])).toEqual([[attached, attached + 'attached'.length]]);

  // Across it, at character precision: "c", the control, "gnp".
  await page.keyboard.press('Escape');
  await page.keyboard.press('c');
  await expect(page.getByTestId('snap-toggle')).toHaveAttribute('aria-pressed', 'false');
  const across = `c${RLO}gnp`;
  await dragSelect(page, article.text, across);
  await page.keyboard.press('2');
  spans = await storedSpans(page, article.id);
  const start = article.text.indexOf(across);
  expect(spans.map((s) => [s.start, s.end])).toContainEqual([start, start + across.length]);
  expect(spans.map((s) => article.text.slice(s.start, s.end)).sort()).toEqual([across, 'attached'].sort());
  // The span list shows its text with the box too.
  await expect(page.getByTestId('span-item').locator('.invisible-mark')).toHaveCount(1);
});

interface Box {
  top: number;
  bottom: number;
  left: number;
  width: number;
}
interface Layout {
  palette: Box;
  scroll: Box;
  paras: Box[];
  /** The bottom of the first paragraph's last line (its box less the gap below it). */
  textBottom: number;
}

/** Where the toolbar, the article column and its paragraphs are, and the pixels from the toolbar down to the first paragraph's last line. */
async function above(page: Page): Promise<{ png: Buffer; layout: Layout }> {
  const layout = await page.evaluate((): Layout => {
    const box = (el: Element | null): Box => {
      const r = el!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, width: r.width };
    };
    const paras = [...document.querySelectorAll('[data-testid=article-text] .para')];
    return {
      palette: box(document.querySelector('.palette')),
      scroll: box(document.querySelector('[data-testid=article-scroll]')),
      paras: paras.map(box),
      textBottom: box(paras[0]!).bottom - parseFloat(getComputedStyle(paras[0]!).paddingBottom),
    };
  });
  const top = layout.palette.top;
  // The status pill's rounded edge is antialiased a pixel differently from one opening to the
  // next: the row is hidden (stacked marks drawn there would still show), as is the caret.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.article-actions, .caret')) el.style.visibility = 'hidden';
  });
  const png = await page.screenshot({
    clip: { x: layout.scroll.left, y: top, width: layout.scroll.width, height: layout.textBottom - top },
    animations: 'disabled',
    caret: 'hide',
  });
  return { png, layout };
}

test('a letter under 10,000 combining marks stays inside its paragraph: nothing drawn above it changes', async ({
  app,
}) => {
  const { page } = app;
  await importArticles(app, [
    { title: 'Stacked marks', text: PLAIN, source: 'wire' },
    { title: 'Stacked marks', text: STACKED, source: 'wire' },
  ]);
  const rows = page.getByTestId('article-row');
  await rows.nth(0).click();
  await expect(page.getByTestId('article-text').locator('.para')).toHaveCount(3);
  const plain = await above(page);
  await rows.nth(1).click();
  await expect(page.getByTestId('article-text')).toContainText(MARKS);
  const stacked = await above(page);

  // The boxes: the paragraphs keep their places and heights; none overlaps another or the toolbar.
  expect(stacked.layout.paras).toEqual(plain.layout.paras);
  const [para0, para1, para2] = stacked.layout.paras as [Box, Box, Box];
  // (Rows sit on whole pixels; a paragraph's height may have a fraction.)
  expect(para1.top).toBeGreaterThanOrEqual(Math.floor(para0.bottom));
  expect(para2.top).toBeGreaterThanOrEqual(Math.floor(para1.bottom));
  expect(para0.top).toBeGreaterThanOrEqual(Math.floor(stacked.layout.palette.bottom));
  // The ink: everything from the toolbar down to the last line of the paragraph above is drawn exactly as
  // beside the same letter without its marks.
  expect(stacked.png.equals(plain.png)).toBe(true);
});

test.describe('with the demo articles', () => {
  test.use({ appOptions: { demo: true, annotator: 'ana' } });

  test('the clip leaves room for what the editor itself draws outside a line: the label chip and edge bars', async ({
    app,
  }) => {
    const { page } = app;
    await expect(page.getByTestId('article-title')).toBeVisible();
    // The first word of the first paragraph, labelled and selected: its chip sits above the line.
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('1');
    await page.keyboard.press('Tab');
    await expect(page.locator('.chip')).toBeVisible();
    const { chip, bar, para, margin } = await page.evaluate(() => {
      const chipEl = document.querySelector('.chip')!;
      const paraEl = chipEl.closest('.para')!;
      const style = getComputedStyle(paraEl);
      const box = (r: DOMRect) => ({ top: r.top, left: r.left, bottom: r.bottom, right: r.right });
      return {
        chip: box(chipEl.getBoundingClientRect()),
        bar: box(paraEl.querySelector('.sel-start')!.getBoundingClientRect()),
        para: box(paraEl.getBoundingClientRect()),
        margin: style.overflow === 'clip' ? parseFloat(style.overflowClipMargin) : Infinity,
      };
    });
    expect(margin).toBeGreaterThan(0);
    expect(chip.top).toBeLessThan(para.top); // it does stand out of the paragraph…
    expect(chip.top).toBeGreaterThanOrEqual(para.top - margin); // …but within the clip
    expect(bar.left).toBeGreaterThanOrEqual(para.left - margin);
  });
});
