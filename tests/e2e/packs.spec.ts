// Work packs from the app, as a reviewer and an annotator use them, through the renderer's own
// entry points (the Chromium window has no File menu): the settings panel's "Work packs…" and
// Ctrl+Shift+P open the panel; assign work, export my work, choose packs to merge, open an
// assignment pack (the app switches to the annotator's project), and an inbox folder whose new
// packs are merged with their summary shown.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { writeAssignments } from '../../src/main/backend/packs/assign';
import { writeWorkPack } from '../../src/main/backend/packs/work-pack';
import { Project } from '../../src/main/backend/project';
import { RESOURCES_DIR } from './host/discover';
import { expect, test } from './harness';
import { dragSelect, openArticle } from './editor-helpers';

test.beforeEach(async ({ app }) => {
  await expect(app.page.getByTestId('article-title')).toBeVisible();
});

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

const TEXTS = ['Kim met Putin in Moscow on Monday.', 'The council extended sanctions on Pyongyang.'];

/** An annotator's own project (two articles) with one ACTOR span; its work pack written to `out`. */
function workPack(dir: string, name: string, out: string): string {
  const p = Project.open(path.join(dir, `${name}-own.spanwise`), { resourcesDir: RESOURCES_DIR, demo: false });
  try {
    for (const text of TEXTS) writeTransaction(p.db, (w) => addArticle(w, { title: text, source: 'wire', text }));
    p.setAnnotator(name);
    const [first] = p.handlers.listArticles({ status: 'all', at: 0, limit: 10 }).items;
    const actor = p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!;
    p.handlers.createSpan({ articleId: first!.id, labelId: actor.id, start: 0, end: 3 });
    writeWorkPack(p.db, name, out);
  } finally {
    p.close();
  }
  return out;
}

async function openPanel(page: Page): Promise<void> {
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.getByTestId('settings-work-packs').click();
  await expect(page.getByTestId('packs-sheet')).toBeVisible();
}

/** The job card whose title matches, once it has ended in `phase`. */
async function finishedCard(page: Page, title: RegExp, phase = 'done') {
  const card = page.getByTestId('job-card').filter({ has: page.locator('strong', { hasText: title }) });
  await expect(card).toHaveAttribute('data-phase', phase, { timeout: 30_000 });
  return card;
}

test('a reviewer assigns work, an annotator exports theirs, and two work packs merge with a summary', async ({
  app,
}) => {
  const { page } = app;
  await openPanel(page);
  await page.getByTestId('packs-assign').click();
  const sheet = page.getByTestId('assign-sheet');
  await expect(sheet).toBeVisible();
  // Each field says what is wrong with it.
  await page.getByTestId('assign-annotators').fill('anna\nbo, anna');
  await expect(page.getByTestId('assign-annotators-error')).toHaveText('anna is named twice.');
  await page.getByTestId('assign-annotators').fill('anna\nbo');
  await expect(page.getByTestId('assign-annotators-error')).toHaveCount(0);
  await page.getByTestId('assign-overlap').fill('3');
  await expect(page.getByTestId('assign-overlap-error')).toHaveText(
    'A whole number from 1 to 2 (the number of annotators).',
  );
  await page.getByTestId('assign-overlap').fill('2');
  await page.getByTestId('assign-seed').fill('seven');
  await expect(page.getByTestId('assign-seed-error')).toHaveText('A whole number, e.g. 7.');
  await page.getByTestId('assign-seed').fill('7');
  await page.getByTestId('assign-start').click();
  await expect(sheet).toHaveCount(0);
  const assigned = await finishedCard(page, /^Assign work to 2 annotators$/);
  await expect(assigned.getByTestId('job-report')).toContainText('Assigned 5 article(s):');
  // Main's "folder dialog" (the harness's) answered with exports/test-assignments.
  const folder = path.join(app.dir, 'exports', 'test-assignments');
  const written = fs.readdirSync(folder).filter((n) => n.endsWith('.swpack'));
  expect(written).toHaveLength(2);
  for (const name of written) await expect(assigned.getByTestId('job-report')).toContainText(path.join(folder, name));

  // The annotator's side: a span, then Export my work (Ctrl+Shift+E), saved as <name>.swpack.
  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Kim Jong Un');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+Shift+E');
  const exported = await finishedCard(page, /^Export my work \(ana\)$/);
  const mine = path.join(app.dir, 'exports', 'ana.swpack');
  await expect(exported.getByTestId('job-report')).toContainText(`Wrote ${mine}: ana (`);
  expect(fs.existsSync(mine)).toBe(true);

  // Two annotators' work packs, chosen in the panel (Ctrl+Shift+P): merged, each summarised.
  const anna = workPack(app.dir, 'anna', path.join(app.dir, 'anna.swpack'));
  const bo = workPack(app.dir, 'bo', path.join(app.dir, 'bo.swpack'));
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByTestId('packs-sheet')).toBeVisible();
  await page.getByTestId('packs-file').setInputFiles([anna, bo]);
  await expect(page.getByTestId('packs-sheet')).toHaveCount(0);
  const merged = await finishedCard(page, /^Merge 2 packs$/);
  const report = merged.getByTestId('job-report');
  await expect(report).toContainText(`${anna}: anna (`);
  await expect(report).toContainText(`${bo}: bo (`);
  await expect(report).toContainText('spans: 1 added, 0 updated, 0 deleted, 0 unchanged');
  // The packs carry the article their spans are on; the first pack brought it.
  await expect(report).toContainText('articles added: 1; statuses changed: 1');
  await expect(report).toContainText('articles added: 0; statuses changed: 1');
  await expect(page.getByTestId('article-row')).toHaveCount(6);

  // The same packs again: nothing changes, every span unchanged.
  await openPanel(page);
  await page.getByTestId('packs-file').setInputFiles([anna]);
  const again = await finishedCard(page, /^Merge anna\.swpack$/);
  await expect(again.getByTestId('job-report')).toContainText('spans: 0 added, 0 updated, 0 deleted, 1 unchanged');
});

test('a pack that is no pack is refused by name, and nothing starts', async ({ app }) => {
  const { page } = app;
  const notes = path.join(app.dir, 'notes.swpack');
  fs.writeFileSync(notes, 'meeting notes\n');
  await openPanel(page);
  await page.getByTestId('packs-file').setInputFiles([notes]);
  await expect(page.getByTestId('packs-sheet').getByRole('alert')).toHaveText(
    `${notes}: not a Spanwise pack (its first line is not a pack header)`,
  );
  await expect(page.getByTestId('job-card')).toHaveCount(0);
});

test('opening an assignment pack makes the annotator’s project and switches the app to it', async ({ app }) => {
  const { page } = app;
  const rev = Project.open(path.join(app.dir, 'rev.spanwise'), { resourcesDir: RESOURCES_DIR, demo: false });
  let pack: string;
  try {
    for (const text of TEXTS) writeTransaction(rev.db, (w) => addArticle(w, { title: text, source: 'wire', text }));
    pack = writeAssignments(rev.db, {
      annotators: ['dana'],
      share: { overlap: 1 },
      seed: 1,
      outDir: path.join(app.dir, 'from-reviewer'),
    }).packs[0]!.file;
  } finally {
    rev.close();
  }
  await openPanel(page);
  await page.getByTestId('packs-file').setInputFiles([pack]);
  const card = await finishedCard(page, /^Open work pack for dana$/);
  const project = path.join(app.userDir, 'dana.spanwise');
  await expect(card.getByTestId('job-report')).toContainText(`Created dana.spanwise for dana (`);
  await expect(card.getByTestId('job-report')).toContainText('articles: 2 added, 0 already there');
  // The window now shows dana's project: her name, the pack's two articles.
  await expect(page).toHaveTitle(/^dana — dana — /, { timeout: 30_000 });
  await expect(page.getByTestId('article-row')).toHaveCount(2);
  expect(fs.existsSync(project)).toBe(true);
});

test('a work pack arriving in the inbox folder is merged, with its summary shown', async ({ app }) => {
  const { page } = app;
  const inbox = path.join(app.dir, 'Sync', 'inbox');
  fs.mkdirSync(inbox, { recursive: true });
  await openPanel(page);
  await page.getByTestId('packs-inbox').click();
  await expect(page.getByTestId('inbox-sheet')).toBeVisible();
  await page.getByTestId('inbox-folder').fill(path.join(app.dir, 'missing'));
  await page.getByTestId('inbox-save').click();
  await expect(page.getByTestId('inbox-sheet').getByRole('alert')).toHaveText(
    `no folder at ${path.join(app.dir, 'missing')}`,
  );
  await page.getByTestId('inbox-folder').fill(inbox);
  await page.getByTestId('inbox-save').click();
  await expect(page.getByTestId('inbox-sheet')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`Watching ${fs.realpathSync(inbox)} for work packs`);

  // A sync tool writes under a hidden name, then renames the whole file into place.
  const made = workPack(app.dir, 'cy', path.join(app.dir, 'cy.swpack'));
  fs.copyFileSync(made, path.join(inbox, '.cy.swpack.syncthing.tmp'));
  fs.renameSync(path.join(inbox, '.cy.swpack.syncthing.tmp'), path.join(inbox, 'cy.swpack'));
  const card = await finishedCard(page, /^Inbox: 1 pack$/);
  const report = card.getByTestId('job-report');
  await expect(report).toContainText('cy.swpack: cy (');
  await expect(report).toContainText('spans: 1 added');
  await expect(report).toContainText('Inbox: 1 merged, 0 skipped, 0 refused.');
  await expect(page.getByTestId('article-row')).toHaveCount(6);
});

test('work packs dropped on the window are merged, not imported', async ({ app }) => {
  const { page } = app;
  const pack = workPack(app.dir, 'eve', path.join(app.dir, 'eve.swpack'));
  // A drop carries File objects: made here from a real file, as the window's drop would be.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'drop-source';
    input.style.display = 'none';
    document.body.append(input);
  });
  await page.setInputFiles('#drop-source', pack);
  await page.evaluate(() => {
    const input = document.getElementById('drop-source') as HTMLInputElement;
    const data = new DataTransfer();
    for (const file of Array.from(input.files ?? [])) data.items.add(file);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
    input.remove();
  });
  await expect(page.getByTestId('import-sheet')).toHaveCount(0);
  const card = await finishedCard(page, /^Merge eve\.swpack$/);
  await expect(card.getByTestId('job-report')).toContainText(`${pack}: eve (`);
  await expect(card.getByTestId('job-report')).toContainText('spans: 1 added');
});
