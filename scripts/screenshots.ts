// npm run screenshots: PNGs of the main screens for the README, taken through the e2e harness
// (the built renderer on the real backend): the empty project, an article with many
// overlapping spans (light and dark), the label settings, the first-launch prompt and review mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp, type AppHandle } from '../tests/e2e/harness';
import { buildReviewProject, type FixtureSpan } from '../tests/e2e/review-fixture';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');
const VIEWPORT = { width: 1440, height: 900 };

/** Spans on the first demo article: nested ACTORs and LOCATIONs inside CLAIMs, a SANCTION. */
const DEMO_SPANS: Array<[string, string, number?]> = [
  [
    'North Korean leader Kim Jong Un is planning on making a rare trip outside the borders of his secretive and insular country to meet President Putin in Russia',
    'CLAIM',
  ],
  ['North Korean leader Kim Jong Un', 'ACTOR'],
  ['Kim Jong Un', 'ACTOR'],
  ['President Putin', 'ACTOR'],
  ['Russia', 'LOCATION'],
  ['the White House', 'ACTOR'],
  ['Moscow', 'ACTOR'],
  ['Ukraine', 'LOCATION'],
  ['Putin', 'ACTOR', 400],
  ['It is not that it is stalling. It is a failure,', 'CLAIM'],
  ['Recep Tayyip Erdogan', 'ACTOR'],
  ['Turkish leader Recep Tayyip Erdogan', 'ACTOR'],
  ['Black Sea', 'LOCATION'],
  ['Sochi', 'LOCATION'],
  ['The US National Security Council (NSC) spokeswoman Adrienne Watson', 'ACTOR'],
  ['Adrienne Watson', 'ACTOR'],
  ['arms negotiations between Russia and the DPRK are actively advancing', 'CLAIM'],
  ['Russia', 'LOCATION', 1000],
  ['DPRK', 'ACTOR'],
  ['North Korea', 'ACTOR', 1100],
];

async function seedSpans(page: Page): Promise<void> {
  // No named helpers inside evaluate: tsx would wrap them in a Node-only __name().
  const failures = await page.evaluate(async (spans) => {
    const errors: string[] = [];
    const labels = await window.api.listLabels();
    const article = await window.api.getArticle({ id: 1 });
    if (!labels.ok || !article.ok) return ['could not read the demo project'];
    for (const [needle, label, from] of spans) {
      const start = article.value.text.indexOf(needle, from ?? 0);
      const labelId = labels.value.find((l) => l.name === label)?.id ?? 0;
      const res = await window.api.createSpan({ articleId: 1, labelId, start, end: start + needle.length });
      if (!res.ok) errors.push(`${needle}: ${res.error.message}`);
    }
    await window.api.setStatus({ articleId: 2, status: 'done' });
    await window.api.setStatus({ articleId: 3, status: 'in_progress' });
    await window.api.setStatus({ articleId: 4, status: 'flagged', note: 'Page furniture around the text' });
    await window.api.setStatus({ articleId: 5, status: 'skipped' });
    return errors;
  }, DEMO_SPANS);
  if (failures.length) throw new Error(`seeding the screenshot spans failed:\n${failures.join('\n')}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function withApp(
  opts: { demo: boolean; annotator: string | null },
  run: (page: Page, app: { dir: string; emit: AppHandle['emit'] }) => Promise<void>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-shots-'));
  const app = await launchApp({ projectFile: path.join(dir, 'Newsroom sample.spanwise'), ...opts });
  try {
    await app.page.setViewportSize(VIEWPORT);
    await run(app.page, { dir, emit: (e) => app.emit(e) });
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

fs.mkdirSync(OUT, { recursive: true });

await withApp({ demo: true, annotator: null }, async (page) => {
  await page.getByTestId('annotator-prompt').waitFor();
  await page.getByLabel('Your name').fill('Ana Lima');
  await shoot(page, 'first-launch');
});

await withApp({ demo: false, annotator: 'Ana Lima' }, async (page) => {
  await page.getByTestId('empty-project').waitFor();
  await shoot(page, 'empty-project');
});

await withApp({ demo: true, annotator: 'Ana Lima' }, async (page) => {
  await page.getByTestId('article-title').waitFor();
  await seedSpans(page);
  await page.reload();
  await page.getByTestId('article-title').waitFor();
  // Select the CLAIM that holds ACTORs and a LOCATION, as a user clicking its row would.
  await page.locator('[data-testid=span-item][data-label=CLAIM]').first().click();
  await shoot(page, 'editor-overlapping-spans');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'editor-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+,');
  await page.getByTestId('settings').waitFor();
  await shoot(page, 'settings');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts').waitFor();
  await shoot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  // The wire copy of the labelled article: its spans proposed dashed, the copies beside.
  await page.getByTestId('article-row').nth(1).click();
  await page.getByTestId('suggestions-panel').waitFor();
  await shoot(page, 'suggestions');
  await page.keyboard.press('Control+Shift+F');
  await page.getByTestId('search-input').fill('"Kim Jong Un"');
  await page.getByTestId('search-result').first().waitFor();
  await shoot(page, 'search');
  await page.keyboard.press('Escape');
});

await withApp({ demo: true, annotator: 'Ana Lima' }, async (page, app) => {
  await page.getByTestId('article-title').waitFor();
  // An import from another tool: its summary states the offset unit and the labels it created.
  const file = path.join(app.dir, 'newsroom-ner.jsonl');
  const rows = [
    {
      text: 'Pyongyang 🚀 denied the report; Seoul said talks in Vladivostok would follow.',
      label: [
        [0, 9, 'ACTOR'],
        [32, 37, 'ACTOR'],
        [53, 64, 'LOCATION'],
      ],
    },
    {
      text: 'The EU extended sanctions on 12 entities.',
      label: [
        [4, 6, 'ACTOR'],
        [16, 25, 'SANCTION'],
        [29, 40, 'TARGET'],
      ],
    },
  ];
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await app.emit({ type: 'importRequest', paths: [file] });
  await page.getByTestId('import-sheet').waitFor();
  await shoot(page, 'import-sheet');
  await page.getByTestId('import-start').click();
  await page.locator('[data-testid=job-card][data-phase=done]').waitFor({ timeout: 30_000 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await shoot(page, 'import-done');
});

// Review mode: three annotators' work merged from packs (the real binary), a boundary conflict
// in view with its versions beside it, and the merge policy's unanimous decisions in gold.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-shots-'));
  const text = fs
    .readFileSync(path.resolve(import.meta.dirname, '../resources/articles/000_602eb1f1d6f10cb5.txt'), 'utf8')
    .split('\n\n')
    .slice(0, 6)
    .join('\n\n');
  const common: FixtureSpan[] = [
    { text: 'Kim Jong Un', label: 'ACTOR' },
    { text: 'the White House', label: 'ACTOR' },
    { text: 'Ukraine', label: 'LOCATION' },
    { text: 'Recep Tayyip Erdogan', label: 'ACTOR' },
    { text: 'Sochi', label: 'LOCATION' },
  ];
  const project = buildReviewProject(
    dir,
    [
      {
        title: 'Kim to visit Putin in Russia',
        text,
        layers: {
          alice: [
            ...common,
            { text: 'President Putin', label: 'ACTOR' },
            { text: 'Russia', label: 'LOCATION' },
            { text: 'Moscow', label: 'ACTOR' },
            { text: 'Black Sea', label: 'LOCATION' },
          ],
          bob: [
            ...common,
            { text: 'Putin', label: 'ACTOR', from: 100 },
            { text: 'Russia', label: 'LOCATION' },
            { text: 'Moscow', label: 'LOCATION' },
            { text: 'It is not that it is stalling. It is a failure,', label: 'CLAIM' },
          ],
          carol: [
            ...common,
            { text: 'President Putin', label: 'ACTOR' },
            { text: 'Moscow', label: 'ACTOR' },
            { text: 'Black Sea resort city of Sochi', label: 'LOCATION' },
          ],
        },
      },
    ],
    ['alice', 'bob', 'carol'],
  );
  const app = await launchApp({ projectFile: project, annotator: 'Rita Reviewer' });
  try {
    const page = app.page;
    await page.setViewportSize(VIEWPORT);
    await page.getByTestId('review-toggle').click();
    await page.getByTestId('review-title').waitFor();
    await page.getByTestId('apply-policy').click();
    // The policy runs as a job: shoot once it has decided, its card put away.
    const card = page.getByTestId('job-card').filter({ hasText: 'Merge policy' });
    await card.and(page.locator('[data-phase=done]')).waitFor();
    await card.getByTestId('job-dismiss').click();
    await page.keyboard.press('j');
    await shoot(page, 'review-mode');
    // The agreement panel, with the conflicts behind one cell listed.
    await page.keyboard.press('Control+Shift+A');
    await page.getByTestId('agreement-heatmap').waitFor();
    await page.locator('[data-testid=heatmap-cell][data-pair="alice|bob"]').click();
    await page.getByTestId('pair-conflicts').waitFor();
    await shoot(page, 'agreement');
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
