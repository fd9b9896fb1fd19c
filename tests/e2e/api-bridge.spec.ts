// The bridge between the built renderer and the backend, through whichever host runs the
// suite: window.api's shape, calls reaching the real backend, errors as data, events, and
// nothing of Node or Electron leaking into the page.
import type { Page } from '@playwright/test';
import type { Api } from '../../src/shared/contract';
import { APP_ENTRY } from '../../src/main/security/app-protocol';
import { METHODS } from '../../src/shared/contract';
import { describeElectronOnly, expect, START_URL, test } from './harness';
import { LOCAL_API_MEMBERS } from './host/local-api';

declare global {
  interface Window {
    api: Api;
  }
}

/** Globals of the page that a fresh about:blank frame does not have (what the app or host added). */
function addedGlobals(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const fresh = new Set(Object.getOwnPropertyNames(frame.contentWindow));
    frame.remove();
    return Object.getOwnPropertyNames(window)
      .filter((name) => !fresh.has(name))
      .sort();
  });
}

test('the built renderer loads and window.api is frozen with exactly the contract methods and local members', async ({
  app,
}) => {
  const { page } = app;
  await expect(page).toHaveTitle(/Spanwise/);
  await expect(page.locator('#root > *').first()).toBeAttached();

  const shape = await page.evaluate(() => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'api');
    return {
      keys: Object.keys(window.api).sort(),
      types: [
        ...new Set(Object.entries(window.api).map(([k, v]) => (k === 'host' ? `host:${String(v)}` : typeof v))),
      ].sort(),
      frozen: Object.isFrozen(window.api),
      writable: descriptor?.writable ?? null,
      replaced: (() => {
        try {
          (window as unknown as Record<string, unknown>)['api'] = {};
        } catch {
          // strict-mode assignment to a read-only global throws: that is fine too
        }
        return Object.keys(window.api).length;
      })(),
      addMethod: (() => {
        try {
          (window.api as unknown as Record<string, unknown>)['evil'] = () => 1;
        } catch {
          // frozen
        }
        return 'evil' in window.api;
      })(),
    };
  });
  expect(shape.keys).toEqual([...METHODS, ...LOCAL_API_MEMBERS].sort());
  expect(shape.types).toEqual(['function', `host:${app.kind}`]);
  expect(shape.frozen).toBe(true);
  expect(shape.writable).toBe(false);
  expect(shape.replaced).toBe(METHODS.length + LOCAL_API_MEMBERS.length);
  expect(shape.addMethod).toBe(false);
  expect(app.pageErrors).toEqual([]);
});

test('calls reach the real backend: session, labels, articles, and a span that survives a relaunch', async ({
  app,
}) => {
  const session = await app.page.evaluate(() => window.api.getSession({}));
  expect(session).toMatchObject({ ok: true, value: { projectPath: app.projectFile, annotator: { name: 'ana' } } });

  const labels = await app.page.evaluate(() => window.api.listLabels({}));
  if (!labels.ok) throw new Error(labels.error.message);
  expect(labels.value.map((l) => l.name)).toEqual(['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION']);

  const articles = await app.page.evaluate(() => window.api.listArticles({}));
  if (!articles.ok) throw new Error(articles.error.message);
  expect(articles.value.total).toBe(5);

  const articleId = articles.value.items[0]!.id;
  const labelId = labels.value[0]!.id;
  const created = await app.page.evaluate((input) => window.api.createSpan(input), {
    articleId,
    labelId,
    start: 0,
    end: 4,
  });
  if (!created.ok) throw new Error(created.error.message);
  expect(created.value).toMatchObject({ articleId, labelId, start: 0, end: 4 });

  // Written to the project file the moment it was made: a fresh process finds it.
  const page = await app.relaunch();
  const spans = await page.evaluate((id) => window.api.listSpans({ articleId: id }), articleId);
  if (!spans.ok) throw new Error(spans.error.message);
  expect(spans.value.map((s) => s.id)).toEqual([created.value.id]);
});

test('errors come back as data: BAD_INPUT naming the field, NOT_FOUND for a missing article', async ({ app }) => {
  const reversed = await app.page.evaluate(() =>
    window.api.createSpan({ articleId: 1, labelId: 1, start: 10, end: 3 }),
  );
  expect(reversed.ok).toBe(false);
  if (reversed.ok) return;
  expect(reversed.error.code).toBe('BAD_INPUT');
  expect(reversed.error.message).toMatch(/^createSpan: end: /);

  const wrongType = await app.page.evaluate(() =>
    window.api.createSpan({ articleId: 'one', labelId: 1, start: 0, end: 3 } as unknown as Parameters<
      Window['api']['createSpan']
    >[0]),
  );
  expect(wrongType).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  if (!wrongType.ok) expect(wrongType.error.message).toContain('articleId');

  const missingArticle = await app.page.evaluate(() => window.api.getArticle({ id: 999_999 }));
  expect(missingArticle).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('onEvent delivers events from main until unsubscribed', async ({ app }) => {
  await app.page.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { seen: unknown[] }).seen = seen;
    const off = window.api.onEvent((event) => {
      seen.push(event);
      if (seen.length === 1) off();
    });
  });
  await app.emit({ type: 'menu', command: 'showShortcuts' });
  await app.emit({ type: 'menu', command: 'find' });
  await expect
    .poll(() => app.page.evaluate(() => (window as unknown as { seen: unknown[] }).seen))
    .toEqual([{ type: 'menu', command: 'showShortcuts' }]);
  // The unsubscribed listener got nothing more, even after another round trip.
  await app.page.evaluate(() => window.api.getSession({}));
  expect(await app.page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toHaveLength(1);
});

test('nothing of Node or Electron is visible in the page', async ({ app }) => {
  const leaks = await app.page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    return ['require', 'process', 'module', 'exports', 'Buffer', 'global', 'ipcRenderer', 'electron', '__dirname']
      .filter((name) => typeof g[name] !== 'undefined')
      .concat(JSON.stringify(Object.keys(window.api)).includes('ipc') ? ['ipc in api'] : []);
  });
  expect(leaks).toEqual([]);
  const extra = await addedGlobals(app.page);
  // The host's own plumbing (the Chromium host's binding) is the only other thing allowed.
  const hostOwn =
    app.kind === 'chromium' ? ['__spanwiseEmit', '__spanwiseFiles', '__spanwiseInvoke', '__spanwisePathForFile'] : [];
  expect(extra.filter((name) => !hostOwn.includes(name))).toEqual(['api']);
});

test('child frames get no api and cannot reach the backend, even at the renderer URL', async ({ app }) => {
  const { page } = app;
  type Invoke = { __spanwiseInvoke(m: string, i: string): Promise<string> };
  // One frame with other content, one that loads our own renderer page (same trusted URL).
  await page.evaluate(async (startUrl) => {
    const frames = [
      Object.assign(document.createElement('iframe'), { name: 'other', srcdoc: '<p>other</p>' }),
      Object.assign(document.createElement('iframe'), { name: 'same', src: startUrl }),
    ];
    await Promise.all(
      frames.map((frame) => {
        const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        document.body.append(frame);
        return loaded;
      }),
    );
  }, START_URL);
  for (const name of ['other', 'same']) {
    const child = page.frame({ name });
    if (!child) throw new Error(`child frame ${name} did not attach`);
    expect(await child.evaluate(() => typeof (window as unknown as Record<string, unknown>)['api']), name).toBe(
      'undefined',
    );
    if (app.kind === 'chromium') {
      // The host's binding exists in every frame; main/ipc.ts's sender check must refuse it.
      const result = await child.evaluate(() =>
        (window as unknown as Invoke).__spanwiseInvoke('getSession', '{}').then((t) => JSON.parse(t) as unknown),
      );
      expect(result, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  }

  if (app.kind === 'chromium') {
    // A page of ours at another path is not the trusted renderer either.
    await page.goto(new URL('/elsewhere.html', START_URL).href);
    const elsewhere = await page.evaluate(() =>
      (window as unknown as Invoke).__spanwiseInvoke('getSession', '{}').then((t) => JSON.parse(t) as unknown),
    );
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});

describeElectronOnly('Electron window', () => {
  test('is isolated and sandboxed, its preload exposes only api, and it cannot navigate away', async ({ app }) => {
    const electronApp = app.electronApp;
    if (!electronApp) throw new Error('expected the Electron host');
    const prefs = await electronApp.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences is in Electron but not in its .d.ts.
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
        { getLastWebPreferences(): Record<string, unknown> | null } | undefined;
      const p = contents?.getLastWebPreferences();
      return p
        ? {
            contextIsolation: p.contextIsolation,
            sandbox: p.sandbox,
            nodeIntegration: p.nodeIntegration,
            nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames,
            webSecurity: p.webSecurity,
          }
        : null;
    });
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
    });
    expect(await addedGlobals(app.page)).toEqual(['api']);
    expect(app.page.url()).toBe(APP_ENTRY);

    const before = app.page.url();
    await app.page.evaluate(() => {
      window.location.href = 'https://example.invalid/';
    });
    await app.page.waitForTimeout(500);
    expect(app.page.url()).toBe(before);
    const session = await app.page.evaluate(() => window.api.getSession({}));
    expect(session.ok).toBe(true);
  });
});
