// The File actions from inside the window, where there is no native menu: the empty project's
// "Import articles…" button, Ctrl+I, Ctrl+E and Ctrl+O through the window's own file chooser,
// and job cards that fold away after a success (never after a failure).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Project } from '../../src/main/backend/project';
import { RESOURCES_DIR } from './host/discover';
import { expect, test } from './harness';

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

function articlesFile(dir: string, name: string, texts: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, texts.map((text) => JSON.stringify({ text, label: [] })).join('\n') + '\n');
  return file;
}

/**
 * The window's file choosers are taken over before any key is pressed. Playwright turns the
 * interception on when the first 'filechooser' listener is added, without waiting for it, so a
 * key pressed at once can race it; the chooser it opens is then a real one, which headless
 * Chromium never closes, and no later chooser opens in that window. One listener for the whole
 * test and two round trips after it settle that: the interception's command is sent before the
 * first answer comes back, and the second answer comes after the browser took it.
 */
test.beforeEach(async ({ app }) => {
  app.page.on('filechooser', () => undefined);
  await app.page.evaluate(() => 0);
  await app.page.evaluate(() => 0);
});

/** Presses a key (or clicks) and answers the window's file chooser with `files`. */
async function choose(page: Page, open: () => Promise<void>, files: string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), open()]);
  await chooser.setFiles(files);
}

test.describe('an empty project', () => {
  test.use({ appOptions: { demo: false, annotator: 'ana' } });

  test('offers "Import articles…": the chosen file is imported and its card folds away after the success', async ({
    app,
  }) => {
    const { page } = app;
    const file = articlesFile(app.dir, 'two.jsonl', ['The first article.', 'The second article.']);
    const button = page.getByTestId('empty-import');
    await expect(button).toHaveText('Import articles…');
    await choose(page, () => button.click(), [file]);
    await expect(page.getByTestId('import-sheet')).toBeVisible();
    await page.getByTestId('import-start').click();
    const card = page.getByTestId('job-card').first();
    await expect(card).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });
    await expect(page.getByTestId('article-row')).toHaveCount(2);
    await expect(page.getByTestId('article-title')).toHaveText(/first article/);
    // Folded to its title line, and open again on a click.
    await expect(card).toHaveAttribute('data-collapsed', 'true', { timeout: 15_000 });
    await expect(page.getByTestId('job-report')).toHaveCount(0);
    await page.getByTestId('job-expand').click();
    await expect(page.getByTestId('job-report')).toContainText('2 article');
  });

  test('a failed import keeps its card open while a later success folds', async ({ app }) => {
    const { page } = app;
    const bad = path.join(app.dir, 'broken.jsonl');
    fs.writeFileSync(bad, `${JSON.stringify({ text: 'Fine.', label: [[3, 1, 'ACTOR']] })}\n`);
    await choose(page, () => page.getByTestId('empty-import').click(), [bad]);
    await page.getByTestId('import-start').click();
    const failed = page.locator('[data-testid=job-card][data-phase=failed]');
    await expect(failed).toHaveCount(1, { timeout: 20_000 });

    const good = articlesFile(app.dir, 'good.jsonl', ['A good article.']);
    await choose(page, () => page.getByTestId('empty-import').click(), [good]);
    await page.getByTestId('import-start').click();
    const done = page.locator('[data-testid=job-card][data-phase=done]');
    await expect(done).toHaveAttribute('data-collapsed', 'true', { timeout: 20_000 });
    await expect(failed).toHaveAttribute('data-collapsed', 'false');
    await expect(page.getByTestId('job-error')).toContainText('broken.jsonl:1');
  });
});

test('Ctrl+I imports, Ctrl+E opens the export, Ctrl+O opens another project: keys that work in the window', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();

  const file = articlesFile(app.dir, 'one.jsonl', ['An article imported by its key.']);
  await choose(page, () => page.keyboard.press('Control+i'), [file]);
  await expect(page.getByTestId('import-sheet')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('job-card').first()).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });
  await expect(page.getByTestId('article-row')).toHaveCount(6);

  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('export-sheet')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-sheet')).toHaveCount(0);

  // Another project, made beforehand with one article.
  const other = path.join(app.dir, 'Other.spanwise');
  const project = Project.open(other, { resourcesDir: RESOURCES_DIR, demo: false });
  project.setAnnotator('ana');
  project.close();
  await choose(page, () => page.keyboard.press('Control+o'), [other]);
  await expect(page.getByTestId('empty-project')).toBeVisible();
  await expect(page).toHaveTitle(/^Other — ana/);
  await expect(page.getByTestId('article-row')).toHaveCount(0);
});

test('a file that is not a project is refused by name, and the open project stays', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();
  const notes = path.join(app.dir, 'notes.spanwise');
  fs.writeFileSync(notes, 'not a database');
  await choose(page, () => page.keyboard.press('Control+o'), [notes]);
  await expect(page.getByTestId('status-notice')).toContainText('Could not open the project');
  await expect(page.getByTestId('article-row')).toHaveCount(5);
  expect(fs.readFileSync(notes, 'utf8')).toBe('not a database');
});
