// The big article in the window: 1 MB of text with astral characters and 20,000 spans, a
// quarter of them running over the next one (nested lanes). It opens with every mark at its
// offsets, at the start and at the end; a span made on it by keyboard is painted and saved;
// opened again (its text held by the window) it shows the new span too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { Project } from '../../src/main/backend/project';
import { RESOURCES_DIR } from './host/discover';
import { SUGGESTIONS_SHOWN } from '../../src/shared/across';
import type { Span } from '../../src/shared/model';
import { storedSpans } from './editor-helpers';
import { expect, launchApp, test, type AppHandle } from './harness';

const SPANS = 20_000;
const WORDS = ['the', 'minister', 'said', 'talks', 'in', 'Zürich', '🦀crab', 'would', 'resume', '𠀋tower', 'after'];

/** ~1 MB in ~600-character paragraphs, with emoji and astral CJK inside words. */
function bigText(): string {
  const paras: string[] = [];
  let total = 0;
  let k = 0;
  while (total < 1_000_000) {
    const words: string[] = [];
    let len = 0;
    while (len < 600) {
      const w = WORDS[(k * 7 + (k >> 3)) % WORDS.length]!;
      k++;
      words.push(w);
      len += w.length + 1;
    }
    const p = `${words.join(' ')}.`;
    paras.push(p);
    total += p.length + 1;
  }
  return paras.join('\n');
}

interface Planned {
  start: number;
  end: number;
  label: string;
}

/** One span every few words; every fourth a CLAIM over the next span's word too. */
function plan(text: string): Planned[] {
  const words = [...text.matchAll(/[^\s.]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const step = Math.floor(words.length / SPANS);
  const out: Planned[] = [];
  for (let i = 0; out.length < SPANS; i += step) {
    const w = words[i]!;
    if (out.length % 4 === 3) out.push({ start: w.start, end: words[i + step]!.end, label: 'CLAIM' });
    else out.push({ start: w.start, end: w.end, label: out.length % 4 === 1 ? 'LOCATION' : 'ACTOR' });
  }
  return out;
}

// Building and opening 1 MB on a machine shared with other work takes a while.
test.describe.configure({ timeout: 90_000 });

let handle: AppHandle | null = null;
let dir = '';
let text = '';
let planned: Planned[] = [];

test.beforeAll(() => {
  text = bigText();
  planned = plan(text);
});

test.beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-e2e-big-'));
  const file = path.join(dir, 'big.spanwise');
  const p = Project.open(file, { resourcesDir: RESOURCES_DIR, demo: false });
  p.setAnnotator('ana');
  const me = p.requireAnnotator();
  const labels = new Map(p.handlers.listLabels({}).map((l) => [l.name, l.id]));
  // Bare inserts: createSpan would read the 1 MB text again to check each span's offsets.
  const insert = p.db.prepare(
    `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'import:test', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  );
  const big = writeTransaction(p.db, (w) => {
    addArticle(w, { title: 'Short', source: 'wire', text: 'A short article first.' });
    const { id } = addArticle(w, { title: 'Big', source: 'wire', text });
    planned.forEach((s, i) => {
      const uid = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      insert.run(uid, id, me, labels.get(s.label)!, s.start, s.end);
    });
    return id;
  });
  // Every word here is labelled somewhere, so nearly every other one is suggested: the tests
  // that read the spans' own marks dismiss them first; the last one keeps them.
  if (!test.info().title.includes('suggestions')) p.handlers.dismissSuggestions({ articleId: big });
  // Listing them brings the sentence index up to date here, as a project opened before would have it.
  else p.handlers.listSuggestions({ articleId: big, limit: 1 });
  p.close();
  handle = await launchApp({ projectFile: file, userDir: path.join(dir, 'user') });
  await expect(handle.page.getByTestId('article-title')).toHaveText('Short');
});

test.afterEach(async () => {
  if (handle) expect(handle.pageErrors).toEqual([]);
  await handle?.close();
  handle = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openBig(page: Page, count = SPANS): Promise<void> {
  await page.getByTestId('article-row').nth(1).click();
  await expect(page.getByTestId('article-title')).toHaveText('Big');
  await expect(page.locator('.spans-panel .count')).toHaveText(String(count));
}

/** Every rendered marked segment: its offset, text and the labels its title names. */
async function renderedMarks(page: Page): Promise<Array<{ s: number; text: string; title: string; lines: number }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg.marked')].map((el) => ({
      s: Number(el.dataset['s']),
      text: el.textContent ?? '',
      title: el.title,
      // One gradient per underline plus the tint.
      lines: el.style.backgroundImage.split('linear-gradient').length - 2,
    })),
  );
}

/** The marks `planned` puts on [from, to): per segment start, its text and its labels innermost first. */
function expectedMarks(from: number, to: number): Map<number, { text: string; title: string; lines: number }> {
  const cuts = new Set<number>();
  const inRange = planned.filter((s) => s.end > from && s.start < to);
  for (const s of inRange) cuts.add(s.start).add(s.end);
  // Paragraphs are rendered apart: a span over a line break is two segments.
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) cuts.add(i).add(i + 1);
  const points = [...cuts].sort((a, b) => a - b);
  const out = new Map<number, { text: string; title: string; lines: number }>();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const covering = inRange
      .filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => x.end - x.start - (y.end - y.start));
    if (covering.length === 0 || text.slice(a, b).includes('\n')) continue;
    out.set(a, { text: text.slice(a, b), title: covering.map((s) => s.label).join(' ⊂ '), lines: covering.length });
  }
  return out;
}

/**
 * Labels the third word SANCTION by keyboard (one span every few words: it has none of its own
 * yet) and reads the spans back once saved: all of them, the one made, and its word.
 */
async function labelThirdWord(page: Page): Promise<{ spans: Span[]; made: Span; word: string }> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  for (let k = 0; k < 2; k++) await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('4');
  await expect(page.locator('.spans-panel .count')).toHaveText(String(SPANS + 1));
  const spans = await storedSpans(page, 2);
  const made = spans.find((s) => !planned.some((p) => p.start === s.start && p.end === s.end));
  expect(made).toBeDefined();
  return { spans, made: made!, word: text.slice(made!.start, made!.end) };
}

function checkMarks(marks: Awaited<ReturnType<typeof renderedMarks>>): void {
  expect(marks.length).toBeGreaterThan(20);
  const from = Math.min(...marks.map((m) => m.s));
  const to = Math.max(...marks.map((m) => m.s + m.text.length));
  const expected = expectedMarks(from, to);
  // Invisible characters would be pieces of their own; this text has none, so a segment is one piece.
  for (const m of marks) expect({ s: m.s, ...expected.get(m.s) }).toEqual(m);
  expect(marks.some((m) => m.lines === 2 && m.title === 'ACTOR ⊂ CLAIM')).toBe(true);
  expect(marks.some((m) => /🦀|𠀋/u.test(m.text))).toBe(true);
}

test('the 1 MB article opens with its 20,000 spans at their offsets, nested in lanes, to its end', async () => {
  const page = handle!.page;
  await openBig(page);
  checkMarks(await renderedMarks(page));
  // The last span: Ctrl+End takes the caret to the end, Shift+Tab picks the span before it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(async () => (await renderedMarks(page)).some((m) => m.s === planned.at(-1)!.start)).toBe(true);
  checkMarks(await renderedMarks(page));
});

test('a span made on the big article is painted, saved, and shown when it is opened again', async () => {
  const page = handle!.page;
  await openBig(page);
  const { spans, made, word } = await labelThirdWord(page);
  expect(spans).toHaveLength(SPANS + 1);
  expect(word).toMatch(/^\S+$/u);
  const painted = async () =>
    (await renderedMarks(page)).find((m) => m.s === made.start && m.title.split(' ⊂ ').includes('SANCTION'));
  await expect.poll(async () => (await painted())?.text).toBe(word);

  // Opened again: the window holds the text and asks for the spans only; the new one is there.
  await page.getByTestId('article-row').nth(0).click();
  await expect(page.getByTestId('article-title')).toHaveText('Short');
  await openBig(page, SPANS + 1);
  await expect.poll(async () => (await painted())?.text).toBe(word);
});

test('the big article opens with its suggestions capped around the caret, and an edit on it shows the new span', async () => {
  const page = handle!.page;
  await openBig(page);
  // Nearly every word is offered: the window draws SUGGESTIONS_SHOWN of them and says how many in all.
  const count = page.getByTestId('suggestion-count');
  await expect(count).toHaveText(SUGGESTIONS_SHOWN.toLocaleString('en-US'), { timeout: 60_000 });
  const total = Number((await page.getByTestId('suggestion-total').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(SUGGESTIONS_SHOWN * 10);
  await expect(page.getByTestId('suggestions-capped')).toContainText(
    `${total.toLocaleString('en-US')} in this article`,
  );
  // ] walks the ones shown, and says so.
  await page.keyboard.press(']');
  await expect(page.getByTestId('status-notice')).toContainText(
    `of ${SUGGESTIONS_SHOWN.toLocaleString('en-US')} shown, ${total.toLocaleString('en-US')} in the article`,
  );
  // Dashed frames are drawn in the text at the top, where the caret is.
  await expect.poll(() => page.locator('[data-testid=article-text] .seg.suggested').count()).toBeGreaterThan(20);

  // A span made by keyboard is painted at once over the suggestions and saved.
  const { made, word } = await labelThirdWord(page);
  await expect
    .poll(async () =>
      page.evaluate(
        (start) =>
          [...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg.marked')].find(
            (el) => Number(el.dataset['s']) === start && el.title.split('\n')[0]!.split(' ⊂ ').includes('SANCTION'),
          )?.textContent,
        made.start,
      ),
    )
    .toBe(word);
});
