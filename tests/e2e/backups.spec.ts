// File → Restore backup… in the window: Ctrl+Shift+B lists the project's backups with their
// time and what they hold; Restore puts the project back as it was and keeps the replaced file
// among the backups, and the window shows the restored project.
import fs from 'node:fs';
import { expect, test } from './harness';
import { dragSelect, openArticle, storedSpans } from './editor-helpers';

test.afterEach(({ app }) => {
  expect(app.pageErrors).toEqual([]);
});

test('restoring a backup through the window brings the project back and keeps the replaced file', async ({ app }) => {
  const { page, workspace } = app;
  test.skip(!workspace, 'the Chromium host holds the backend in this process');
  await expect(page.getByTestId('article-title')).toBeVisible();
  // A backup of the project as it is now (the app made one on open, perhaps before the
  // annotator was set): this is the one restored below.
  await workspace!.backupsSettled();
  await workspace!.backup(workspace!.project!);

  const article = await openArticle(page);
  await dragSelect(page, article.text, 'Moscow');
  await page.keyboard.press('3');
  await expect(page.locator('[data-testid=span-item]')).toHaveCount(1);
  expect(await storedSpans(page, article.id)).toHaveLength(1);

  await page.keyboard.press('Control+Shift+B');
  const dialog = page.getByTestId('backups');
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('backup');
  await expect(rows.first()).toContainText('5 articles, 0 spans');
  const listed = await rows.count();
  await rows
    .first()
    .getByRole('button', { name: /^Restore the backup of/ })
    .click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('statusbar')).toContainText('Restored the backup of');
  await expect(page.getByTestId('article-title')).toBeVisible();
  await expect(page.locator('[data-testid=span-item]')).toHaveCount(0);
  const again = await openArticle(page);
  expect(await storedSpans(page, again.id)).toEqual([]);

  // The replaced file (with the span) is now the newest backup.
  await page.keyboard.press('Control+Shift+B');
  await expect(dialog.getByTestId('backup')).toHaveCount(Math.min(listed + 1, 11));
  await expect(dialog.getByTestId('backup').first()).toContainText('5 articles, 1 span');
  await page.keyboard.press('Escape');
  expect(fs.existsSync(app.projectFile)).toBe(true);
});
