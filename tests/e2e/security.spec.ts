// The page runs under the Content Security Policy that main's app:// handler sends
// (src/main/security/csp.ts): the header is on the document, the app renders (label colours
// and all) without a single violation, and markup-injected inline styles and scripts are refused.
import { contentSecurityPolicy } from '../../src/main/security/csp';
import { expect, START_URL, test } from './harness';

declare global {
  interface Window {
    __violations?: string[];
  }
}

test.afterEach(({ app }) => {
  expect(app.pageErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
});

test('the document comes with the CSP header, and the app renders spans under it without a violation', async ({
  app,
}) => {
  test.skip(app.kind !== 'chromium', 'reads the response of the Chromium host');
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();
  // A span, so that label colours (React style props) are drawn.
  await page.evaluate(async () => {
    const list = await window.api.listArticles({});
    const labels = await window.api.listLabels({});
    if (!list.ok || !labels.ok) throw new Error('the api failed');
    const made = await window.api.createSpan({
      articleId: list.value.items[0]!.id,
      labelId: labels.value[0]!.id,
      start: 0,
      end: 4,
    });
    if (!made.ok) throw new Error(made.error.message);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto(START_URL);
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy());
  expect(await page.locator('meta[http-equiv]').count()).toBe(0);
  await expect(page.getByTestId('article-title')).toBeVisible();
  const marked = page.locator('[data-testid=article-text] .seg.marked').first();
  await expect(marked).toBeVisible();
  expect(await marked.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('linear-gradient');
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test('inline styles and scripts put into the page as markup are refused', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('article-title')).toBeVisible();
  const outcome = await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations!.push(e.violatedDirective.replace(/-(attr|elem)$/, '')),
    );
    const host = document.createElement('div');
    document.body.append(host);
    host.innerHTML = '<p id="styled" style="color: rgb(255, 0, 0)">x</p><style>#styled { font-size: 77px }</style>';
    const script = document.createElement('script');
    script.textContent = 'window.__ran = true';
    document.body.append(script);
    const img = document.createElement('img');
    img.src = 'https://example.com/pixel.png';
    document.body.append(img);
    const p = document.getElementById('styled')!;
    return {
      color: getComputedStyle(p).color,
      fontSize: getComputedStyle(p).fontSize,
      ran: (window as unknown as { __ran?: boolean }).__ran === true,
    };
  });
  expect(outcome.color).not.toBe('rgb(255, 0, 0)');
  expect(outcome.fontSize).not.toBe('77px');
  expect(outcome.ran).toBe(false);
  // Violation reports arrive as tasks after the refusals.
  await expect
    .poll(() => page.evaluate(() => [...new Set(window.__violations)].sort()))
    .toEqual(['img-src', 'script-src', 'style-src']);
});
