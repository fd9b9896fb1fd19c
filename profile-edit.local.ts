import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addArticle } from './src/main/backend/articles';
import { writeTransaction } from './src/main/backend/db/handles';
import { Project } from './src/main/backend/project';
import { RESOURCES_DIR } from './tests/e2e/host/discover';
import { launchApp } from './tests/e2e/harness';
import { syntheticSpans, syntheticText } from './bench/lib/text';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-prof-'));
const file = path.join(dir, 'p.spanwise');
const project = Project.open(file, { resourcesDir: RESOURCES_DIR, demo: false });
project.setAnnotator('bench');
const me = project.requireAnnotator();
const insert = project.db.prepare(`INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'bench', 'x', 'x')`);
writeTransaction(project.db, (w) => {
  addArticle(w, { title: 'Small', source: 'b', text: syntheticText(2000, 1) });
  const text = syntheticText(1_000_000, 5);
  const { id } = addArticle(w, { title: 'Big', source: 'b', text });
  for (const s of syntheticSpans(text, 20000)) insert.run(crypto.randomUUID(), id, me, s.label, s.start, s.end);
});
project.close();
const app = await launchApp({ projectFile: file, host: 'chromium' });
const page = app.page;
await page.getByTestId('article-title').waitFor();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const mode = process.argv[2] ?? 'edit';
await cdp.send('Profiler.start');
if (mode === 'open') {
  for (let i = 0; i < 5; i++) {
    await page.locator('[data-testid=article-row]').nth(0).click();
    await page.getByTestId('article-title').filter({ hasText: 'Small' }).waitFor();
    await page.locator('[data-testid=article-row]').nth(1).click();
    await page.getByTestId('article-title').filter({ hasText: 'Big' }).waitFor();
    await page.waitForTimeout(300);
  }
} else {
  await page.locator('[data-testid=article-row]').nth(1).click();
  await page.getByTestId('article-title').filter({ hasText: 'Big' }).waitFor();
  await page.waitForTimeout(500);
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Escape');
    for (let k = 0; k < 3; k++) await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('4');
    await page.waitForTimeout(50);
  }
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
(profile.samples ?? []).forEach((id, i) => {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n'));
const m = await page.evaluate(() => ['spanwise:edit', 'spanwise:edit:script', 'spanwise:open', 'spanwise:render'].map((n) => [n, performance.getEntriesByName(n, 'measure').map((e) => Math.round(e.duration * 10) / 10)]));
console.log(JSON.stringify(m));
await app.close();
fs.rmSync(dir, { recursive: true, force: true });
