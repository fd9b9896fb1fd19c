// The agreement panel: computed in a background job over the annotators' done layers, read as
// a matrix per metric and label, alpha per label, and a click on a cell lists its conflicts.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness';
import { openArticle } from './editor-helpers';
import { writeLayers } from './review-layers';

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

test('the matrix shows each pair by metric and label, and a cell lists its conflicts', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();
  const article = await openArticle(page);
  // alice and bob agree on Kim Jong Un; on Putin bob takes one word more (a boundary conflict).
  // carol has only Putin, as a LOCATION.
  const kim = 'Kim Jong Un';
  const putin = article.text.match(/(?:President |Vladimir )?Putin/)![0];
  expect(article.text).toContain(kim);
  writeLayers(app.projectFile, article.id, {
    alice: [
      [kim, 'ACTOR'],
      ['Putin', 'ACTOR'],
    ],
    bob: [
      [kim, 'ACTOR'],
      [putin === 'Putin' ? `${putin} ` : putin, 'ACTOR'],
    ],
  });

  await page.keyboard.press('Control+Shift+A');
  const sheet = page.getByTestId('agreement');
  await expect(sheet).toBeVisible();
  const cell = sheet.locator('[data-testid=heatmap-cell][data-pair="alice|bob"]');
  // Exact F1: one match of 2 + 2 spans = 0.5. Relaxed: both pairs overlap, 2·2 / 4 = 1.
  await expect(cell).toHaveAttribute('data-value', '0.5');
  // The panel shows its job's progress itself: no card covers its captions and lists.
  await expect(page.getByTestId('job-card')).toHaveCount(0);
  await expect(cell).toContainText('0.50');
  await expect(cell).toHaveAccessibleName(/alice and bob: 0\.50 over 1 article, 1 matched of 2 \+ 2 spans/);
  await sheet.getByLabel('Relaxed (overlap) span F1').check();
  await expect(cell).toHaveAttribute('data-value', '1');
  // Kappa is per label: choosing it picks the first label.
  await sheet.getByLabel("Cohen's kappa").check();
  await expect(sheet.getByTestId('agreement-label')).toHaveValue('ACTOR');
  await expect(cell).not.toHaveAttribute('data-value', '');

  // Every label gets a bar; ACTOR's alpha is defined (the layers differ on some units).
  await expect(sheet.getByTestId('alpha-bar')).toHaveCount(4);
  await expect(sheet.locator('[data-testid=alpha-bar][data-label=ACTOR]')).not.toHaveAttribute('data-value', '');
  await expect(sheet.locator('[data-testid=alpha-bar][data-label=SANCTION]')).toContainText('undefined');

  await sheet.getByLabel('Exact span F1').check();
  await cell.click();
  const list = sheet.getByTestId('pair-conflicts');
  await expect(list).toContainText('alice × bob on ACTOR: 1 conflict over 1 article');
  await expect(list.getByTestId('pair-conflict')).toHaveCount(1);
  await expect(list.getByTestId('pair-conflict')).toContainText('boundary');
  await expect(list.getByTestId('pair-conflict')).toContainText('alice: ACTOR “Putin”');
  // The article's title sits on one line, left-aligned, and stops before the kind chip.
  const title = await list.locator('.pair-title').boundingBox();
  const kinds = await list.locator('.pair-kinds').boundingBox();
  const item = await list.getByTestId('pair-conflict').boundingBox();
  expect(title!.x).toBeLessThan(item!.x + 2);
  expect(title!.x + title!.width).toBeLessThanOrEqual(kinds!.x);
  expect(Math.abs(title!.y - kinds!.y)).toBeLessThan(6);
  expect(title!.height).toBeLessThan(2 * kinds!.height);
  // Opening a listed conflict enters review mode at that cluster.
  await list.getByTestId('pair-conflict').getByRole('button').click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId('review-view')).toBeVisible();
  await expect(page.getByTestId('cluster-kind')).toHaveText(['boundary']);
  await expect(page.getByTestId('version')).toHaveCount(2);
  await expect(page.getByTestId('versions')).toContainText('Putin');
  // The review toolbar opens the panel again.
  await page.getByTestId('open-agreement').click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // Closed, the panel's finished job shows as a card folded to its report's first line.
  // (Opening the panel again ran it again: the first run's card is the one looked at.)
  const card = page.locator('[data-testid=job-card][data-phase=done]').filter({ hasText: 'Agreement' }).first();
  await expect(card.getByTestId('job-report')).toContainText('alice × bob');
  await expect(card.locator('pre.job-report')).toBeHidden();
  await card.locator('summary').click();
  await expect(card.locator('pre.job-report')).toBeVisible();
});

test('with fewer than two annotators the panel says what is needed', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();
  const article = await openArticle(page);
  writeLayers(app.projectFile, article.id, { alice: [['Kim Jong Un', 'ACTOR']] });
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByTestId('agreement-empty')).toContainText('only alice has');
});

test('the review queue exports the disagreements report', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();
  const article = await openArticle(page);
  writeLayers(app.projectFile, article.id, {
    alice: [['Kim Jong Un', 'ACTOR']],
    bob: [['Kim Jong Un', 'CLAIM']],
  });
  await page.keyboard.press('Control+Shift+R');
  await expect(page.getByTestId('review-view')).toBeVisible();
  await page.getByTestId('export-disagreements').click();
  const card = page.getByTestId('job-card').filter({ hasText: 'Disagreements report' });
  await expect(card).toHaveAttribute('data-phase', 'done');
  await expect(card.getByTestId('job-report')).toContainText('Wrote 1 disagreement from 1 article');
  // The e2e host answers the save dialog with the suggested name in exports/ beside the project.
  const file = path.join(path.dirname(app.projectFile), 'exports', 'test-disagreements.jsonl');
  const rows = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string });
  expect(rows.map((r) => r.kind)).toEqual(['label']);
});
