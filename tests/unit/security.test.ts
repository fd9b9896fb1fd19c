// The window's security settings as Electron is given them (src/main/security/): the web
// preferences, the permission handlers, the navigation and new-window rules on a webContents,
// the app:// scheme (which files a URL may reach, and the headers they come with) and the CSP.
// docs/security.md maps Electron's checklist onto these tests.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  answerRendererRequest,
  APP_ENTRY,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  rendererHeaders,
  resolveRendererFile,
} from '../../src/main/security/app-protocol';
import { contentSecurityPolicy, CSP_DIRECTIVES, devContentSecurityPolicy } from '../../src/main/security/csp';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  guardContents,
  WEB_PREFERENCES,
  windowOptions,
  type GuardedContents,
  type Refusal,
} from '../../src/main/security/window-config';
import { tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every .ts file under src/, with its text. */
function sources(dir = path.join(ROOT, 'src')): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(p);
    return /\.tsx?$/.test(entry.name) ? [{ file: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8') }] : [];
  });
}

describe('the BrowserWindow', () => {
  it('is isolated and sandboxed, with no Node in the page, its workers or frames, and web security on', () => {
    expect(WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
  });

  it('windowOptions gives the window exactly those preferences plus the preload', () => {
    const options = windowOptions({ preload: '/app/out/preload/index.cjs', dark: true });
    expect(options.webPreferences).toEqual({ ...WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
    expect(options.show).toBe(false);
    expect(windowOptions({ preload: '/p', dark: false }).backgroundColor).not.toBe(options.backgroundColor);
  });

  it('is made only from windowOptions, and nothing in the app hands a URL to the system (shell.openExternal)', () => {
    const all = sources();
    const windows = all.filter((s) => /new BrowserWindow\(/.test(s.text));
    expect(windows.map((s) => s.file)).toEqual([path.join('src', 'main', 'window.ts')]);
    expect(windows[0]!.text).toMatch(/new BrowserWindow\(\s*windowOptions\(/);
    expect(all.filter((s) => /\bopenExternal\b/.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});

describe('session permissions', () => {
  it('every request is refused and every check says no', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'unknown']) {
      const answers: boolean[] = [];
      denyPermissionRequest(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});

/** A webContents as guardContents uses it: Electron's events with a preventable event object. */
class FakeContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  /** Emits `name` as Electron does; true when a listener prevented it. */
  fire(name: string, url: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    if (name === 'will-attach-webview') this.emit(name, event, {}, { src: url });
    else this.emit(name, event, url);
    return prevented;
  }
}

describe('navigation, new windows and <webview>', () => {
  it('every navigation, redirect, frame navigation and webview is refused, even to our own page', () => {
    const contents = new FakeContents();
    const refused: Refusal[] = [];
    guardContents(contents as unknown as GuardedContents, (r) => refused.push(r));
    const events = ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview'] as const;
    for (const name of events) {
      expect(contents.listenerCount(name), name).toBe(1);
      for (const url of ['https://evil.example/', 'file:///etc/passwd', APP_ENTRY, 'javascript:alert(1)']) {
        expect(contents.fire(name, url), `${name} ${url}`).toBe(true);
      }
    }
    expect(refused).toHaveLength(events.length * 4);
    expect(refused[0]).toEqual({ what: 'will-navigate', url: 'https://evil.example/' });
  });

  it('window.open is denied and nothing is opened elsewhere', () => {
    const contents = new FakeContents();
    const refused: Refusal[] = [];
    guardContents(contents as unknown as GuardedContents, (r) => refused.push(r));
    const open = contents.openHandler;
    if (!open) throw new Error('no window-open handler was set');
    for (const url of ['https://example.com/', 'http://example.com/', 'file:///etc/passwd', APP_ENTRY]) {
      expect(open({ url } as HandlerDetails)).toEqual({ action: 'deny' });
    }
    expect(refused.map((r) => r.what)).toEqual(['window-open', 'window-open', 'window-open', 'window-open']);
  });
});

describe('the app:// scheme', () => {
  it('is a standard, secure scheme with no CSP bypass, no cross-origin reads and no service workers', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ENTRY).toBe('app://spanwise/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });

  const dir = path.join('/opt', 'Spanwise', 'out', 'renderer');
  it('maps a URL to the file inside the renderer folder, / to index.html', () => {
    expect(resolveRendererFile('app://spanwise/index.html', dir)).toBe(path.join(dir, 'index.html'));
    expect(resolveRendererFile('app://spanwise/', dir)).toBe(path.join(dir, 'index.html'));
    expect(resolveRendererFile('app://spanwise/assets/index-1.js?v=2#x', dir)).toBe(
      path.join(dir, 'assets', 'index-1.js'),
    );
    expect(resolveRendererFile('app://spanwise/a%20b.css', dir)).toBe(path.join(dir, 'a b.css'));
  });

  it('refuses other hosts and schemes, and every way out of the folder', () => {
    const refused = [
      'app://other/index.html',
      'file:///opt/Spanwise/out/renderer/index.html',
      'https://spanwise/index.html',
      'app://spanwise/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://spanwise/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://spanwise/assets/..%2F..%2Fmain%2Findex.js',
      'app://spanwise/..%5C..%5Cwindows%5Cwin.ini',
      'app://spanwise/index.html%00.png',
      'app://spanwise/%E0%A4%A',
      'not a url',
    ];
    for (const url of refused) expect(resolveRendererFile(url, dir), url).toBeNull();
    // Dot segments are resolved by URL parsing before the path is looked at: they stay inside.
    expect(resolveRendererFile('app://x/../../etc/passwd', dir)).toBeNull();
    expect(resolveRendererFile('app://spanwise/../../etc/passwd', dir)).toBe(path.join(dir, 'etc', 'passwd'));
  });

  it('answers with the file, its type, the CSP and nosniff; 404 outside the folder, 405 for writes', async () => {
    const root = tempDir();
    const renderer = path.join(root, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Spanwise</title>');
    fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'export {};');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'not for the page');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));

    const page = await answerRendererRequest('app://spanwise/', 'GET', renderer);
    expect(page.status).toBe(200);
    expect(Buffer.from(page.body).toString()).toContain('<title>Spanwise</title>');
    expect(page.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
    });
    const script = await answerRendererRequest('app://spanwise/assets/app.js', 'GET', renderer);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');

    for (const url of [
      'app://spanwise/..%2Fsecret.txt',
      'app://spanwise/assets/link.txt', // a symlink leading out of the folder
      'app://spanwise/assets', // a folder
      'app://spanwise/missing.js',
      'app://elsewhere/index.html',
    ]) {
      const answer = await answerRendererRequest(url, 'GET', renderer);
      expect(answer.status, url).toBe(404);
      expect(String(answer.body), url).not.toContain('not for the page');
    }
    expect((await answerRendererRequest('app://spanwise/index.html', 'POST', renderer)).status).toBe(405);
  });
});

describe('the Content Security Policy', () => {
  const policy = contentSecurityPolicy();
  const directive = (name: string) =>
    policy
      .split('; ')
      .find((d) => d.startsWith(`${name} `))
      ?.slice(name.length + 1);

  it('allows only our own scripts and styles, nothing inline, no eval, no plugins, no framing', () => {
    expect(directive('default-src')).toBe("'none'");
    expect(directive('script-src')).toBe("'self'");
    expect(directive('style-src')).toBe("'self'");
    expect(directive('connect-src')).toBe("'none'");
    expect(directive('object-src')).toBe("'none'");
    expect(directive('frame-src')).toBe("'none'");
    expect(directive('base-uri')).toBe("'none'");
    expect(directive('form-action')).toBe("'none'");
    expect(directive('frame-ancestors')).toBe("'none'");
    expect(policy).not.toMatch(/unsafe-|\*|https?:|blob:/);
    expect(policy.split('; ')).toHaveLength(Object.keys(CSP_DIRECTIVES).length);
  });

  it('is the header on every file of the renderer', () => {
    for (const file of ['index.html', 'assets/a.js', 'assets/a.css', 'logo.svg', 'unknown.bin']) {
      expect(rendererHeaders(file)['content-security-policy'], file).toBe(policy);
    }
    expect(rendererHeaders('x.bin')['content-type']).toBe('application/octet-stream');
  });

  it('in development only, lets the dev server inline its styles and hot-reload script and connect back', () => {
    const dev = devContentSecurityPolicy('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("frame-ancestors 'none'");
  });
});
