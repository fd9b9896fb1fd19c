// How the e2e suite finds its host binaries: never a download, a clear error when nothing is there.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseHost, findChromium, findElectron } from '../e2e/host/discover';
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
  it('prefers SPANWISE_CHROMIUM, and says so when it points nowhere', () => {
    const fake = path.join(tempDir(), 'chrome');
    fs.writeFileSync(fake, '');
    expect(findChromium({ SPANWISE_CHROMIUM: fake }, [])).toBe(fake);
    expect(() => findChromium({ SPANWISE_CHROMIUM: '/nope/chrome' })).toThrow(
      /SPANWISE_CHROMIUM is set to \/nope\/chrome/,
    );
  });

  it("takes Playwright's own browser when installed, else the system's, else explains how to get one", () => {
    const system = path.join(tempDir(), 'chromium');
    fs.writeFileSync(system, '');
    const missing = path.join(tempDir(), 'none');
    expect(findChromium({}, [missing, system])).toBe(playwrightChromium ?? system);
    if (playwrightChromium) {
      expect(findChromium({}, [missing])).toBe(playwrightChromium);
      return;
    }
    let message = '';
    try {
      findChromium({}, [missing]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(missing);
    expect(message).toContain('sudo apt-get install -y chromium');
    expect(message).toContain('SPANWISE_CHROMIUM=');
  });
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
