// Review mode as a reviewer uses it: two annotators' work arrives through real work packs
// (the `spanwise` binary), the reviewer turns review mode on, applies the merge policy and
// resolves a conflict of each kind by keyboard (take by number, accept, reject, edit), undoes
// and redoes a decision, adjudicates, and exports gold with its provenance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, launchApp, test, type AppHandle } from './harness';
import { buildReviewProject, type FixtureArticle } from './review-fixture';

const SUMMIT = 'Kim met Putin in Moscow on Monday. Kim Jong Un spoke.';
const TALKS = 'Talks resume in Geneva.';

const ARTICLES: FixtureArticle[] = [
  {
    title: 'Summit',
    text: SUMMIT,
    layers: {
      alice: [
        { text: 'Kim', label: 'ACTOR' },
        { text: 'Putin', label: 'ACTOR' },
        { text: 'Moscow', label: 'LOCATION' },
        { text: 'Kim Jong', label: 'ACTOR', from: 10 },
      ],
      bob: [
        { text: 'Kim', label: 'ACTOR' },
        { text: 'Putin', label: 'CLAIM' },
        { text: 'in Moscow', label: 'LOCATION' },
        { text: 'Monday', label: 'CLAIM' },
        { text: 'Kim Jong Un', label: 'ACTOR' },
      ],
    },
  },
  {
    title: 'Talks',
    text: TALKS,
    layers: { alice: [{ text: 'Geneva', label: 'LOCATION' }], bob: [{ text: 'Geneva', label: 'ACTOR' }] },
  },
];

let dir: string;
let handle: AppHandle | null = null;

test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-review-e2e-'));
});

test.afterEach(async ({}, testInfo) => {
  const errors = handle?.pageErrors ?? [];
  await handle?.close();
  handle = null;
  if (testInfo.status === testInfo.expectedStatus) fs.rmSync(dir, { recursive: true, force: true });
  expect(errors).toEqual([]);
});

const cluster = (page: Page) => ({
  status: page.getByTestId('cluster-status'),
  kinds: page.getByTestId('cluster-kind'),
  decision: page.getByTestId('cluster-decision'),
  highlighted: page.locator('[data-testid=version][aria-current=true]'),
  current: page.locator('[data-testid=review-text] .in-cluster'),
});

test('a reviewer resolves each kind of conflict by keyboard and exports gold with its provenance', async ({
  sharedBrowser,
}) => {
  test.setTimeout(120_000);
  const project = buildReviewProject(dir, ARTICLES, ['alice', 'bob']);
  handle = await launchApp({ projectFile: project, annotator: 'rita', browser: await sharedBrowser() });
  const { page } = handle;
  const c = cluster(page);

  // Annotation mode as before: rita's own (empty) layer, the article list.
  await expect(page.getByTestId('review-toggle')).toHaveText('Annotation mode');
  await expect(page.getByTestId('article-list')).toBeVisible();
  await page.keyboard.press('Control+Shift+R');
  await expect(page.getByTestId('review-toggle')).toHaveText('Review mode');

  // The queue: lowest agreement first, every row with its numbers; the set's progress on top.
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Talks');
  await expect(rows.nth(0).getByTestId('queue-agreement')).toHaveText('0%');
  await expect(rows.nth(0).getByTestId('queue-row-progress')).toHaveText('1 open · 0 of 1 resolved');
  await expect(rows.nth(1)).toContainText('Summit');
  await expect(rows.nth(1).getByTestId('queue-agreement')).toHaveText('20%');
  await expect(page.getByTestId('queue-progress')).toHaveText('0 of 5 conflicts resolved');

  // The first article with open conflicts is open, its lanes named.
  await expect(page.getByTestId('review-title')).toHaveText('Talks');
  await expect(page.getByTestId('lane-name')).toHaveText(['1 alice 1 span', '2 bob 1 span']);
  await expect(c.kinds).toHaveText(['label']);
  await expect(c.current).toHaveText('Geneva');

  // The merge policy decides the one unanimous cluster (Kim, in Summit) and says so.
  await expect(page.getByTestId('policy-unanimous')).toBeChecked();
  await page.getByTestId('apply-policy').click();
  await expect(page.getByRole('status')).toHaveText('1 cluster decided: 1 unanimous — Ctrl+Z undoes');
  // It ran as a job (off the window's process), its card saying the same.
  await expect(page.getByTestId('job-card').filter({ hasText: 'Merge policy (rita)' })).toContainText(
    '1 cluster decided: 1 unanimous',
  );

  // Label conflict: take alice's version by its number.
  await page.keyboard.press('1');
  await expect(c.status).toHaveAttribute('data-status', 'decided');
  await expect(c.decision).toContainText('accepted (alice)');
  await expect(page.getByTestId('article-review-progress')).toContainText('1 of 1 conflict resolved · 0 open');
  await expect(page.getByTestId('queue-progress')).toHaveText('1 of 5 conflicts resolved');

  // J: no open conflict left here, so the next article with open conflicts opens at its first.
  await page.keyboard.press('j');
  await expect(page.getByTestId('review-title')).toHaveText('Summit');
  await expect(c.current).toHaveText('Putin');
  await expect(c.kinds).toHaveText(['label']);
  // Each layer's marks in the text name their annotator and label; the queue's cursor follows.
  await expect(page.locator('[data-testid=review-text] .rseg[title*="bob: CLAIM"]')).toHaveText(['Putin', 'Monday']);
  await expect(page.locator('[data-testid=review-text] .rseg[title*="alice: ACTOR"]').first()).toHaveText('Kim');
  await expect(page.locator('[data-testid=queue-row].cursor')).toContainText('Summit');
  await expect(page.getByTestId('version')).toHaveText(['1 alice ACTOR “Putin”', '2 bob CLAIM “Putin”']);
  // Ctrl+Enter with conflicts open records nothing and says why.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('review-error')).toContainText(
    '4 conflicts are still open: decide them (J) before marking the article adjudicated',
  );
  await expect(page.getByTestId('review-title')).toHaveText('Summit');
  await expect(page.getByTestId('review-adjudicated')).toHaveCount(0);
  await expect(page.getByTestId('queue-adjudicated')).toHaveCount(0);
  await page.keyboard.press('2');
  await expect(c.decision).toContainText('accepted (bob)');

  // Boundary conflict: highlight a version with ↓ / ↑, accept it with A.
  await page.keyboard.press('j');
  await expect(c.kinds).toHaveText(['boundary']);
  await expect(c.highlighted).toHaveAttribute('data-annotator', 'alice');
  await page.keyboard.press('ArrowDown');
  await expect(c.highlighted).toHaveAttribute('data-annotator', 'bob');
  await page.keyboard.press('ArrowUp');
  await expect(c.highlighted).toHaveAttribute('data-annotator', 'alice');
  await page.keyboard.press('a');
  await expect(c.decision).toContainText('accepted (alice)');
  await expect(c.decision).toContainText('“Moscow”');

  // Partial conflict: only bob marked Monday; R records "no span here".
  await page.keyboard.press('j');
  await expect(c.kinds).toHaveText(['partial']);
  await expect(page.getByTestId('version').nth(0)).toContainText('(no span)');
  await page.keyboard.press('1'); // alice has no version to take: the status bar says what to do
  await expect(page.getByTestId('review-error')).toContainText('alice has no span here: R records');
  await page.keyboard.press('r');
  await expect(page.getByTestId('review-error')).toHaveCount(0);
  await expect(c.decision).toHaveText('no span');

  // The last one: edit the gold span from alice's "Kim Jong", its end moved, relabelled.
  await page.keyboard.press('j');
  await expect(c.kinds).toHaveText(['boundary']);
  await page.keyboard.press('e');
  await expect(page.getByTestId('gold-editing')).toContainText('“Kim Jong”');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2'); // CLAIM's hotkey
  await expect(page.getByTestId('gold-editing')).toContainText('CLAIM “Kim Jong Un”');
  // While editing, Ctrl+Z steps back within the edit (the relabel) and Ctrl+Enter acts on
  // nothing else: the edit stays open.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toHaveText('Stepped back in the edit: Enter records it, Esc drops it');
  await expect(page.getByTestId('gold-editing')).not.toContainText('CLAIM');
  await expect(page.getByTestId('gold-editing')).toContainText('“Kim Jong Un”');
  await page.keyboard.press('2');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toHaveText('Enter records the edit, Esc drops it');
  await expect(page.getByTestId('gold-editing')).toContainText('CLAIM “Kim Jong Un”');
  await expect(page.getByTestId('article-review-progress')).toContainText('3 of 4 conflicts resolved');
  await expect(c.status).toHaveAttribute('data-status', 'open');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gold-editing')).toHaveCount(0);
  await expect(c.decision).toContainText('edited → CLAIM “Kim Jong Un”');
  await expect(page.getByTestId('article-review-progress')).toContainText('4 of 4 conflicts resolved');

  // Undo takes the edit back; redo records it again.
  await page.keyboard.press('Control+z');
  await expect(c.status).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('article-review-progress')).toContainText('3 of 4 conflicts resolved');
  await page.keyboard.press('Control+Shift+Z');
  await expect(c.status).toHaveAttribute('data-status', 'decided');
  await expect(c.decision).toContainText('edited → CLAIM “Kim Jong Un”');
  await expect(page.getByTestId('queue-progress')).toHaveText('5 of 5 conflicts resolved');

  // The lanes: gold above the text, each annotator's marks below it.
  await expect(page.locator('[data-testid=review-text] .gold')).not.toHaveCount(0);

  // Ctrl+Enter adjudicates; no article has open conflicts left, so it says so.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('review-adjudicated')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('no article with open conflicts is left');
  await rows.filter({ hasText: 'Talks' }).click();
  await expect(page.getByTestId('review-title')).toHaveText('Talks');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('queue-adjudicated')).toHaveCount(2);
  await page.getByTestId('queue-filter-adjudicated').click();
  await expect(rows).toHaveCount(2);

  // Export: in review mode the sheet offers (and starts on) the gold layer.
  await handle.emit({ type: 'exportRequest' });
  await expect(page.getByTestId('export-sheet')).toBeVisible();
  await expect(page.getByTestId('export-sheet').getByLabel('Layer')).toHaveValue('gold');
  await page.getByTestId('export-start').click();
  const exportCard = page.getByTestId('job-card').filter({ hasText: 'Export spans' });
  await expect(exportCard).toHaveAttribute('data-phase', 'done', { timeout: 20_000 });
  const exports = path.join(dir, 'exports');
  const [name] = fs.readdirSync(exports);
  const lines = fs
    .readFileSync(path.join(exports, name!), 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          text: string;
          layer: string;
          spans: Array<{
            start: number;
            end: number;
            label: string;
            text: string;
            sources: string[];
            decision: string;
          }>;
        },
    );
  const byText = new Map(lines.map((l) => [l.text, l]));
  expect(lines.every((l) => l.layer === 'gold')).toBe(true);
  expect(byText.get(SUMMIT)!.spans.map((s) => [s.text, s.label, s.sources, s.decision])).toEqual([
    ['Kim', 'ACTOR', ['alice', 'bob'], 'unanimous'],
    ['Putin', 'CLAIM', ['bob'], 'accepted'],
    ['Moscow', 'LOCATION', ['alice'], 'accepted'],
    ['Kim Jong Un', 'CLAIM', [], 'edited'],
  ]);
  expect(byText.get(TALKS)!.spans.map((s) => [s.text, s.label, s.sources, s.decision])).toEqual([
    ['Geneva', 'LOCATION', ['alice'], 'accepted'],
  ]);

  // Leaving review mode brings back the editor; the role is remembered either way.
  await page.keyboard.press('Control+Shift+R');
  await expect(page.getByTestId('review-toggle')).toHaveText('Annotation mode');
  await expect(page.getByTestId('article-list')).toBeVisible();
});

test('a reviewer opens in review mode; an empty queue says why; the cheat sheet lists the review keys', async ({
  sharedBrowser,
}) => {
  test.setTimeout(120_000);
  // One annotator only: nothing has been marked done by two.
  const project = buildReviewProject(dir, ARTICLES.slice(1), ['alice']);
  handle = await launchApp({ projectFile: project, annotator: 'rita', browser: await sharedBrowser() });
  let page = handle.page;
  await page.getByTestId('review-toggle').click();
  await expect(page.getByTestId('review-toggle')).toHaveText('Review mode');
  await expect(page.getByTestId('queue-empty')).toContainText('No article has been marked done by two annotators');
  await expect(page.getByTestId('review-empty')).toContainText('Merge their work packs');
  await page.keyboard.press('j');
  await expect(page.getByRole('status')).toHaveText('No open conflicts left in the queue');

  // The cheat sheet lists the review keys under their own group.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts');
  await expect(sheet.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(sheet).toContainText('Accept the highlighted version');
  // Every key chip is one box inside its column: a long one wraps inside its chip instead of
  // being broken into open-ended pieces or cut.
  await expect(sheet.locator('kbd', { hasText: 'Ctrl+← / Ctrl+→' })).toBeVisible();
  const broken = await sheet.locator('.shortcut dt').evaluateAll((dts) =>
    dts
      .filter((dt) => {
        const kbd = dt.querySelector('kbd')!;
        const box = kbd.getBoundingClientRect();
        return kbd.getClientRects().length !== 1 || box.right > dt.getBoundingClientRect().right + 0.5;
      })
      .map((dt) => dt.textContent),
  );
  expect(broken).toEqual([]);
  await page.keyboard.press('Escape');

  // The role is the person's: opening the project again opens in review mode.
  const projectFile = handle.projectFile;
  await handle.close();
  handle = await launchApp({ projectFile, browser: await sharedBrowser() });
  page = handle.page;
  await expect(page.getByTestId('review-toggle')).toHaveText('Review mode');
  await expect(page.getByTestId('review-view')).toBeVisible();
});
