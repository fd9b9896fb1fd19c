// How the e2e suite finds its host binaries: never a download, a clear error when nothing is there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, npmChromium, systemChromiums } from '../../src/chromium/browser';
import { chooseHost, findElectron } from '../e2e/host/discover';
import { tempDir } from './helpers';

/** Playwright's own Chromium, where `npx playwright install` has put it (not on these machines). */
const playwrightChromium = (() => {
  try {
    const p = chromium.executablePath();
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
})();

/** A fake project root whose node_modules/electron looks like the package after (or before) its first run. */
function fakeRoot(opts: { pathTxt?: string; binary?: boolean }): string {
  const root = tempDir();
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  if (opts.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), opts.pathTxt);
  if (opts.binary) fs.writeFileSync(path.join(pkg, 'dist', opts.pathTxt ?? 'electron'), '');
  return root;
}

describe('findElectron', () => {
  it('is null before the first-run download, and finds dist/<path.txt> after it', () => {
    expect(findElectron({}, fakeRoot({}))).toBeNull();
    expect(findElectron({}, fakeRoot({ pathTxt: 'electron' }))).toBeNull();
    const root = fakeRoot({ pathTxt: 'electron', binary: true });
    expect(findElectron({}, root)).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as node_modules/electron does', () => {
    const dist = tempDir();
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: dist }, fakeRoot({}))).toBeNull();
    fs.writeFileSync(path.join(dist, 'electron'), '');
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: dist }, fakeRoot({}))).toBe(path.join(dist, 'electron'));
  });
});

describe('findChromium', () => {
  const fakeBinary = (name: string) => {
    const p = path.join(tempDir(), name);
    fs.writeFileSync(p, '');
    return p;
  };
  const noNpm = () => null;

  it('prefers SPANWISE_CHROMIUM, and says so when it points nowhere', () => {
    const fake = fakeBinary('chrome');
    expect(findChromium({ env: { SPANWISE_CHROMIUM: fake }, systemPaths: [], npm: noNpm })).toEqual({
      path: fake,
      source: 'env',
      headlessOnly: false,
    });
    expect(() => findChromium({ env: { SPANWISE_CHROMIUM: '/nope/chrome' } })).toThrow(
      /SPANWISE_CHROMIUM is set to \/nope\/chrome/,
    );
  });

  it("takes Playwright's own browser when installed, else the system's, else the npm package's", () => {
    const system = fakeBinary('chromium');
    const npm = fakeBinary('npm-chromium');
    const missing = path.join(tempDir(), 'none');
    const found = findChromium({ env: {}, systemPaths: [missing, system], npm: () => npm });
    expect(found.path).toBe(playwrightChromium ?? system);
    if (playwrightChromium) return;
    expect(findChromium({ env: {}, systemPaths: [missing], npm: () => npm })).toEqual({
      path: npm,
      source: 'npm',
      headlessOnly: true,
    });
  });

  it('SPANWISE_CHROMIUM_FROM limits the search (how CI proves the npm browser alone suffices)', () => {
    const system = fakeBinary('chromium');
    const npm = fakeBinary('npm-chromium');
    const env = { SPANWISE_CHROMIUM_FROM: 'npm' };
    expect(findChromium({ env, systemPaths: [system], npm: () => npm }).source).toBe('npm');
    expect(() => findChromium({ env, systemPaths: [system], npm: noNpm })).toThrow(/npm/);
  });

  it('a window needs a browser that can show one: the headless npm shell does not count, and the error says so', () => {
    const npm = fakeBinary('npm-chromium');
    const missing = path.join(tempDir(), 'none');
    if (playwrightChromium) return;
    let message = '';
    try {
      findChromium({ env: {}, systemPaths: [missing], npm: () => npm, window: true });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(missing);
    expect(message).toContain('headless only');
    expect(message).toContain('SPANWISE_CHROMIUM=');
  });

  it('without any browser it names every place it looked and how to get one', () => {
    const missing = path.join(tempDir(), 'none');
    if (playwrightChromium) return;
    expect(() => findChromium({ env: {}, systemPaths: [missing], npm: noNpm })).toThrow(
      new RegExp(`${missing}[\\s\\S]*@sparticuz/chromium[\\s\\S]*npm install`),
    );
  });

  it('systemChromiums knows where each platform keeps Chrome', () => {
    expect(systemChromiums('linux')).toContain('/usr/bin/chromium');
    expect(systemChromiums('darwin')).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(systemChromiums('win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' })).toContain(
      path.join('C:\\Users\\ana\\AppData\\Local', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    );
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    "the npm package's Chromium unpacks once into node_modules/.cache and runs",
    () => {
      const first = npmChromium();
      expect(first).toMatch(/node_modules\/\.cache\/spanwise-chromium\/[\d.]+\/chromium$/);
      expect(fs.statSync(first!).mode & 0o100).not.toBe(0);
      expect(npmChromium()).toBe(first);
      const version = spawnSync(first!, ['--version'], { encoding: 'utf8', timeout: 30_000 });
      expect(version.stdout).toMatch(/Chromium \d+/);
    },
    180_000,
  );
});

describe('chooseHost', () => {
  it('reads SPANWISE_E2E_HOST and refuses electron without the binary', () => {
    expect(chooseHost({ SPANWISE_E2E_HOST: 'chromium' })).toBe('chromium');
    expect(() => chooseHost({ SPANWISE_E2E_HOST: 'webkit' })).toThrow(/chromium, electron or auto/);
    if (findElectron({})) {
      expect(chooseHost({})).toBe('electron');
    } else {
      expect(chooseHost({})).toBe('chromium');
      expect(() => chooseHost({ SPANWISE_E2E_HOST: 'electron' })).toThrow(/npx install-electron/);
    }
  });
});
