// Suggestions in the window, on the demo set (000 and 001 are one wire story): spans labelled in
// 000 are proposed, dashed, on the same words of 001; the keyboard accepts one, dismisses one
// (for good) and accepts the rest, which one undo takes back; only accepted ones are spans and
// exported; the copies of the article are listed beside it and open by keyboard.
import type { Page } from '@playwright/test';
import { contrastRatio, DARK_MARK_CONTRAST, markColor, THEME_BACKGROUND } from '../../src/renderer/src/lib/contrast';
import type { Suggestion } from '../../src/shared/across';
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';
import { spanwise } from './review-fixture';

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** The suggestions the backend offers for an article (what the window should draw). */
async function offered(page: Page, articleId: number): Promise<Suggestion[]> {
  return page.evaluate(async (articleId) => {
    const res = await window.api.listSuggestions({ articleId });
    if (!res.ok) throw new Error(res.error.message);
    return res.value.suggestions;
  }, articleId);
}

/** The rendered text of the segments drawn for a suggestion, and whether any of them is a span. */
async function drawn(page: Page, id: string) {
  return page.evaluate((id) => {
    const segs = [
      ...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg[data-suggestions]'),
    ].filter((el) => el.dataset['suggestions']!.split(' ').includes(id));
    return {
      text: segs.map((el) => el.textContent).join(''),
      dashed: segs.every((el) => getComputedStyle(el).backgroundImage.includes('repeating-linear-gradient')),
      marked: segs.some((el) => el.classList.contains('marked')),
    };
  }, id);
}

/** Scrolls the article until the text at `offset` is rendered, and centres it. */
async function reveal(page: Page, offset: number): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate((offset) => {
        const segs = [...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg')];
        const seg = segs.find((el) => {
          const s = Number(el.dataset['s']);
          return s <= offset && offset < s + (el.textContent?.length ?? 0);
        });
        if (seg) seg.scrollIntoView({ block: 'center' });
        else document.querySelector('[data-testid=article-scroll]')!.scrollBy(0, 400);
        return Boolean(seg);
      }, offset),
    )
    .toBe(true);
}

/** Spans of one annotator's layer in the export, by article title (UTF-16 offsets). */
function exported(dir: string, file: string): Map<string, { start: number; end: number; label: string }[]> {
  const out = spanwise(dir, ['export', file, '--out', '-', '--layer', 'ana', '--offsets', 'utf16', '-q']);
  const rows = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as {
          meta?: { title?: string };
          title?: string;
          spans: { start: number; end: number; label: string }[];
        },
    );
  return new Map(rows.map((r) => [r.meta?.title ?? r.title ?? '', r.spans]));
}

const WIRE_TITLE = 'Kim Jong Un plans rare trip to meet Putin in Russia';
const COPY_TITLE = 'Kim expects to meet Putin in Russia, US says';
const WIRE_LABELS: [string, string][] = [
  ['Adrienne Watson', '1'],
  ['Vladivostok', '3'],
  ['The New York Times', '1'],
];

/** WIRE_LABELS made on the wire article, saved, then its copy opened: both, and what is offered on the copy. */
async function labelWireOpenCopy(page: Page) {
  await expect(page.getByTestId('article-title')).toHaveText(WIRE_TITLE);
  const wire = await openArticle(page);
  for (const [needle, key] of WIRE_LABELS) {
    await reveal(page, wire.text.indexOf(needle));
    await dragSelect(page, wire.text, needle);
    await page.keyboard.press(key);
  }
  await expect(page.getByTestId('span-item')).toHaveCount(3);
  await storedSpans(page, wire.id);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-title')).toHaveText(COPY_TITLE);
  const copy = await openArticle(page);
  return { wire, copy, suggestions: await offered(page, copy.id) };
}

/** "Kim Jong Un" labelled ACTOR on the wire article, by mouse and key, and saved: the article. */
async function labelKimOnWire(page: Page): Promise<{ id: number; text: string }> {
  await expect(page.getByTestId('article-title')).toHaveText(WIRE_TITLE);
  const wire = await openArticle(page);
  await dragSelect(page, wire.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await storedSpans(page, wire.id);
  return wire;
}

test('labels in one wire article are proposed on its copy, accepted and dismissed by keyboard', async ({ app }) => {
  const { page } = app;
  const { wire, copy, suggestions } = await labelWireOpenCopy(page);

  // The copy: every suggestion is drawn dashed on exactly its words, none is a span.
  const fromWire = suggestions.filter((g) => g.sources.some((s) => s.kind === 'copy' && s.articleId === wire.id));
  expect(fromWire.map((g) => `${g.label} ${g.text}`)).toEqual(
    expect.arrayContaining(['ACTOR Adrienne Watson', 'LOCATION Vladivostok', 'ACTOR The New York Times']),
  );
  await expect(page.getByTestId('suggestion-count')).toHaveText(String(suggestions.length));
  await expect(page.getByTestId('span-item')).toHaveCount(0);
  const row = page.getByTestId('article-row').filter({ hasText: 'Kim expects to meet Putin' });
  await expect(row.locator('.row-count')).toHaveText('0');

  // ] walks the suggestions in text order, each drawn (scrolled into view) on its own words.
  const ordered = [...suggestions].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const g of ordered) {
    await page.keyboard.press(']');
    await expect(page.getByTestId('suggestion-chip')).toHaveText(`${g.label}?`);
    const seen = await drawn(page, g.id);
    expect(seen.text).toBe(copy.text.slice(g.start, g.end));
    expect(seen.text).toBe(g.text);
    expect(seen.dashed).toBe(true);
    expect(seen.marked).toBe(false);
  }

  // Back to the first, Enter accepts it (a span at once, the suggestion gone), focus moves on.
  await page.keyboard.press(']');
  const first = ordered[0]!;
  await expect(page.getByTestId('key-mode')).toHaveText(
    `Suggestion: ${first.label} '${first.text}' — Enter accepts, Delete dismisses`,
  );
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  await expect(page.getByTestId('suggestion-count')).toHaveText(String(suggestions.length - 1));
  await expect(row.locator('.row-count')).toHaveText('1');
  // Delete dismisses the one now focused.
  const second = ordered[1]!;
  await expect(page.getByTestId('suggestion-chip')).toHaveText(`${second.label}?`);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('suggestion-count')).toHaveText(String(suggestions.length - 2));
  const [span] = await storedSpans(page, copy.id);
  expect({ start: span!.start, end: span!.end, labelId: span!.labelId }).toEqual({
    start: first.start,
    end: first.end,
    labelId: first.labelId,
  });
  expect(span!.origin).toMatch(/^suggestion:/);

  // The export holds the accepted span and none of the suggestions still offered.
  const spans = exported(app.dir, app.projectFile).get(COPY_TITLE) ?? [];
  expect(spans.map((s) => [s.start, s.end, s.label])).toEqual([[first.start, first.end, first.label]]);

  // The dismissed one stays dismissed after the article is opened again.
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('article-title')).toHaveText(WIRE_TITLE);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-title')).toHaveText(COPY_TITLE);
  await expect(page.getByTestId('suggestion-count')).toHaveText(String(suggestions.length - 2));
  expect((await offered(page, copy.id)).map((g) => g.id)).not.toContain(second.id);

  // Accept all, then one undo takes them all back, and redo brings them again.
  await page.keyboard.press('Control+Shift+Enter');
  await expect(page.getByTestId('span-item')).toHaveCount(suggestions.length - 1);
  await expect(page.getByTestId('suggestions-panel')).toHaveCount(0);
  expect(await storedSpans(page, copy.id)).toHaveLength(suggestions.length - 1);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  await expect(page.getByTestId('suggestion-count')).toHaveText(String(suggestions.length - 2));
  expect(await storedSpans(page, copy.id)).toHaveLength(1);
  await expect(row.locator('.row-count')).toHaveText('1');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('span-item')).toHaveCount(suggestions.length - 1);
  expect(await storedSpans(page, copy.id)).toHaveLength(suggestions.length - 1);
});

test('a click accepts a suggestion; the copies are listed beside the article and open by keyboard', async ({ app }) => {
  const { page } = app;
  const wire = await labelKimOnWire(page);
  await expect(page.getByTestId('span-item')).toHaveCount(1);
  // Own label: the other "Kim Jong Un" of the same article is suggested too.
  const own = await offered(page, wire.id);
  expect(own).toHaveLength(1);
  await expect(page.getByTestId('suggestion-count')).toHaveText('1');
  expect(own.every((g) => g.text === 'Kim Jong Un' && g.sources.every((s) => s.kind === 'own'))).toBe(true);
  await expect(page.getByTestId('suggestion-item').first()).toContainText('your label');

  // The copies: 001, 002 and 004, not 003; none labelled yet.
  const copies = page.getByTestId('copy-item');
  await expect(copies).toHaveCount(3);
  await expect(copies.first()).toContainText(COPY_TITLE);
  await expect(page.getByTestId('copy-list')).not.toContainText('Russia’s Putin invites');
  await expect(copies.first().getByTestId('copy-labelled')).toHaveText('not labelled by you');

  // A click on a suggested word accepts it.
  await page.keyboard.press(']');
  const g = own[0]!;
  const box = await page.locator(`.seg[data-suggestions~="${g.id}"]`).first().boundingBox();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + 4);
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  await expect(page.getByTestId('suggestions-panel')).toHaveCount(0);
  const stored = await storedSpans(page, wire.id);
  expect(stored.map((s) => [s.start, s.end])).toContainEqual([g.start, g.end]);

  // Ctrl+Shift+K, ↓, Enter: the second copy opens; there the wire article counts as labelled.
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByTestId('copy-list')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('article-title')).toHaveText(
    'Kim Jong Un to meet Putin this month to discuss arms deal: report',
  );
  const wireRow = page.getByTestId('copy-item').filter({ hasText: 'Kim Jong Un plans rare trip' });
  await expect(wireRow.getByTestId('copy-labelled')).toHaveText('you labelled it (2 spans)');
});

/** Where the first two paragraphs are, and the boxes of the words of the first one. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const para = (i: number) => {
      const r = document.querySelector(`.para[data-p="${i}"]`)!.getBoundingClientRect();
      return [r.top, r.left, r.width, r.height];
    };
    const words = [...document.querySelectorAll('.para[data-p="0"] .seg')].flatMap((seg) => {
      const range = document.createRange();
      range.selectNodeContents(seg);
      return [...range.getClientRects()].map((r) => [r.left, r.top, r.right, r.bottom]);
    });
    // Segments are cut differently with and without suggestions (text measured in other pieces
    // differs by a fraction of a pixel): compare the lines they make, to the pixel.
    const lines = new Map<number, [number, number]>();
    for (const [left, top, right] of words.map((w) => w.map(Math.round))) {
      const line = lines.get(top!) ?? [left!, right!];
      lines.set(top!, [Math.min(line[0], left!), Math.max(line[1], right!)]);
    }
    return { first: para(0), second: para(1), lines: [...lines.entries()].sort((a, b) => a[0] - b[0]) };
  });
}

test('suggestions never move the text, and are drawn readable on the dark page', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await labelKimOnWire(page);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('article-title')).toHaveText(COPY_TITLE);
  await expect(page.getByTestId('suggestion-count')).toBeVisible();

  // The frame of ACTOR's suggestion in the first paragraph: dashed, in ACTOR's dark-theme colour.
  const seg = page.locator('.para[data-p="0"] .seg.suggested').first();
  await expect(seg).toHaveText('Kim Jong Un');
  const image = await seg.evaluate((el) => getComputedStyle(el).backgroundImage);
  const actor = await page.evaluate(async () => {
    const res = await window.api.listLabels();
    if (!res.ok) throw new Error(res.error.message);
    return res.value.find((l) => l.name === 'ACTOR')!.color;
  });
  const rgb = /rgb\((\d+), (\d+), (\d+)\)/.exec(image)!.slice(1).map(Number);
  const drawnHex = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  expect(drawnHex).toBe(markColor(actor, 'dark'));
  expect(contrastRatio(drawnHex, THEME_BACKGROUND.dark)).toBeGreaterThanOrEqual(DARK_MARK_CONTRAST);
  // Dashes only: no solid layer (a span's tint or underline).
  expect(image.replaceAll('repeating-linear-gradient', '')).not.toContain('linear-gradient');

  // Forced colours (high contrast) drop background images: the frame is a dashed border there.
  await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
  expect(await seg.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
  await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'none' });
  expect(await seg.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('none');

  // Dismissing them all: the text stays where it was.
  const before = await layout(page);
  await page.keyboard.press('Control+Shift+Backspace');
  await expect(page.getByTestId('suggestions-panel')).toHaveCount(0);
  await expect(page.locator('.seg.suggested')).toHaveCount(0);
  expect(await layout(page)).toEqual(before);
});

test('a dismissal is one step of the history: Ctrl+Z offers the suggestions again, Ctrl+Y dismisses them again', async ({
  app,
}) => {
  const { page } = app;
  const { copy, suggestions } = await labelWireOpenCopy(page);
  const count = page.getByTestId('suggestion-count');
  await expect(count).toHaveText(String(suggestions.length));
  const ordered = [...suggestions].sort((a, b) => a.start - b.start || a.end - b.end);

  // Delete dismisses the focused one; Ctrl+Z offers it again, in the window and in the project.
  await page.keyboard.press(']');
  const first = ordered[0]!;
  await expect(page.getByTestId('suggestion-chip')).toHaveText(`${first.label}?`);
  await page.keyboard.press('Delete');
  await expect(count).toHaveText(String(suggestions.length - 1));
  await expect(page.getByTestId('status-notice')).toContainText(`Dismissed ${first.label} '${first.text}'`);
  expect((await offered(page, copy.id)).map((g) => g.id)).not.toContain(first.id);
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText(String(suggestions.length));
  await expect(page.getByTestId('status-notice')).toContainText(`Undid: dismissed ${first.label} '${first.text}'`);
  await expect.poll(async () => (await offered(page, copy.id)).map((g) => g.id)).toContain(first.id);
  expect((await drawn(page, first.id)).dashed).toBe(true);
  // Ctrl+Y dismisses it again.
  await page.keyboard.press('Control+y');
  await expect(count).toHaveText(String(suggestions.length - 1));
  await expect.poll(async () => (await offered(page, copy.id)).map((g) => g.id)).not.toContain(first.id);

  // Dismiss all is one step too: one Ctrl+Z brings back every one it dismissed, and only those.
  await page.keyboard.press('Control+Shift+Backspace');
  await expect(page.getByTestId('suggestions-panel')).toHaveCount(0);
  expect(await offered(page, copy.id)).toEqual([]);
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText(String(suggestions.length - 1));
  await expect
    .poll(async () => (await offered(page, copy.id)).map((g) => g.id).sort())
    .toEqual(
      suggestions
        .map((g) => g.id)
        .filter((id) => id !== first.id)
        .sort(),
    );
  // And the one dismissed before it comes back with the next Ctrl+Z.
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText(String(suggestions.length));
  // No span was written by any of it.
  await expect(page.getByTestId('span-item')).toHaveCount(0);
  expect(await storedSpans(page, copy.id)).toHaveLength(0);
});
