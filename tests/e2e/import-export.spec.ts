// Import and export from the app, as a user does it: File → Import… (or a drop) opens the
// options, a job card shows progress and the summary; File → Export… writes a file that a
// Python tool can slice by its offsets. Jobs run in worker threads as in Electron main.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

/** What Python's text[start:end] gives for code-point offsets. */
function pySlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

test('File → Import… of a doccano file adds the article with its spans in my layer, and says what it did', async ({
  app,
}) => {
  const { page } = app;
  const file = path.join(app.dir, 'ner.jsonl');
  // Code-point offsets after an emoji: "Putin" is at 16..21 in Python, 17..22 in UTF-16.
  const text = 'Talks 🤝 resume: Putin met Kim in Vladivostok.';
  const start = Array.from(text).indexOf('P');
  fs.writeFileSync(
    file,
    JSON.stringify({
      text,
      label: [
        [start, start + 5, 'ACTOR'],
        [33, 44, 'LOCATION'],
      ],
    }) + '\n',
  );

  await app.emit({ type: 'importRequest', paths: [file] });
  await expect(page.getByTestId('import-sheet')).toBeVisible();
  await page.getByTestId('import-start').click();
  const card = page.getByTestId('job-card').first();
  await expect(card).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });
  await expect(page.getByTestId('job-report')).toContainText('code point');
  await expect(page.getByTestId('article-row')).toHaveCount(6);

  await page.getByTestId('article-row').nth(5).click();
  await expect(page.getByTestId('article-title')).toHaveText(/Talks/);
  await expect(page.getByTestId('span-item')).toHaveCount(2);
  await expect(page.locator('[data-testid=span-item][data-label=ACTOR]')).toContainText('Putin');
  await expect(page.locator('[data-testid=span-item][data-label=LOCATION]')).toContainText('Vladivostok');
});

test('a malformed import names the line, writes nothing and leaves the project as it was', async ({ app }) => {
  const { page } = app;
  const file = path.join(app.dir, 'broken.jsonl');
  const good = JSON.stringify({ text: 'A fine first article.', label: [] });
  const bad = JSON.stringify({ text: 'Second article.', label: [[4, 2, 'ACTOR']] });
  fs.writeFileSync(file, `${good}\n${bad}\n`);
  await app.emit({ type: 'importRequest', paths: [file] });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'failed', { timeout: 20_000 });
  await expect(page.getByTestId('job-error')).toContainText('broken.jsonl:2');
  await expect(page.getByTestId('job-error')).toContainText('Nothing was imported');
  const total = await page.evaluate(async () => {
    const res = await window.api.listArticles({});
    return res.ok ? res.value.total : -1;
  });
  expect(total).toBe(5);
});

test('File → Export… writes the spans I made, with offsets that slice the same text in Python', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await dragSelect(page, article.text, 'Russia');
  await page.keyboard.press('3');
  await page.keyboard.press('Control+Enter'); // done: the export sheet defaults to done articles
  expect(await storedSpans(page, article.id)).toHaveLength(2);

  await app.emit({ type: 'exportRequest' });
  await expect(page.getByTestId('export-sheet')).toBeVisible();
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });

  const dir = path.join(app.dir, 'exports');
  const [name] = fs.readdirSync(dir);
  const lines = fs.readFileSync(path.join(dir, name!), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  const row = JSON.parse(lines[0]!) as {
    text: string;
    spans: Array<{ start: number; end: number; label: string; text: string }>;
  };
  expect(row.text).toBe(article.text);
  expect(row.spans.map((s) => [s.label, s.text])).toEqual([
    ['ACTOR', 'Kim Jong Un'],
    ['LOCATION', 'Russia'],
  ]);
  for (const s of row.spans) expect(pySlice(row.text, s.start, s.end)).toBe(s.text);
});

test('while an import writes, the editor takes no edits and says so; afterwards it does', async ({ app }) => {
  const { page } = app;
  const article = await openArticle(page);
  const file = path.join(app.dir, 'many.jsonl');
  const lines = Array.from({ length: 60_000 }, (_, i) =>
    JSON.stringify({ text: `Article ${i}: Kim met Putin in Vladivostok on day ${i}.`, label: [[12, 15, 'ACTOR']] }),
  );
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await app.emit({ type: 'importRequest', paths: [file] });
  await page.getByTestId('import-start').click();
  await expect(page.locator('[data-testid=job-card][data-phase=running]')).toBeVisible();

  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  await expect(page.getByRole('status')).toContainText('editing resumes when it finishes');
  await expect(page.getByTestId('span-item')).toHaveCount(0);

  await expect(page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await page.keyboard.press('3'); // the selection is still there
  const spans = await storedSpans(page, article.id);
  expect(spans.map((s) => article.text.slice(s.start, s.end))).toEqual(['Moscow']);
});

test('the import sheet takes the keyboard: a label key does not label the text behind it, Esc closes it', async ({
  app,
}) => {
  const { page } = app;
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Moscow');
  const file = path.join(app.dir, 'one.txt');
  fs.writeFileSync(file, 'One more article\n\nText.\n');
  await app.emit({ type: 'importRequest', paths: [file] });
  await expect(page.getByTestId('import-sheet')).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-sheet')).toHaveCount(0);
  expect(await storedSpans(page, article.id)).toEqual([]);
});

test('the page cannot import a file the user did not choose', async ({ app }) => {
  const { page } = app;
  const secret = path.join(app.dir, 'secret.txt');
  fs.writeFileSync(secret, 'AWS_SECRET=hunter2\n');
  const res = await page.evaluate(async (p) => window.api.startImport({ paths: [p] }), secret);
  expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const total = await page.evaluate(async () => {
    const r = await window.api.listArticles({});
    return r.ok ? r.value.total : -1;
  });
  expect(total).toBe(5);
});
