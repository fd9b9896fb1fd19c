// The per-user folder is the same for the Electron app and the Chromium window, and where each
// platform keeps application data (Electron's userData for an app named Spanwise).
import { describe, expect, it } from 'vitest';
import { userFolder } from '../../src/main/user-folder';
import { freshPath } from '../../src/chromium/app';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers';

describe('userFolder', () => {
  it('Linux: $XDG_CONFIG_HOME/Spanwise, else ~/.config/Spanwise', () => {
    expect(userFolder('linux', {}, '/home/ana')).toBe('/home/ana/.config/Spanwise');
    expect(userFolder('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Spanwise');
    expect(userFolder('linux', { XDG_CONFIG_HOME: '' }, '/home/ana')).toBe('/home/ana/.config/Spanwise');
  });

  it('macOS: ~/Library/Application Support/Spanwise', () => {
    expect(userFolder('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Spanwise');
  });

  it('Windows: %APPDATA%\\Spanwise', () => {
    expect(userFolder('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Spanwise',
    );
    expect(userFolder('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Spanwise');
  });
});

describe('freshPath (exports from the Chromium window never overwrite a file)', () => {
  it('adds (2), (3)… before the extension while the name is taken', () => {
    const dir = tempDir();
    expect(freshPath(dir, 'demo-spans.jsonl')).toBe(path.join(dir, 'demo-spans.jsonl'));
    fs.writeFileSync(path.join(dir, 'demo-spans.jsonl'), '');
    expect(freshPath(dir, 'demo-spans.jsonl')).toBe(path.join(dir, 'demo-spans (2).jsonl'));
    fs.writeFileSync(path.join(dir, 'demo-spans (2).jsonl'), '');
    expect(freshPath(dir, 'demo-spans.jsonl')).toBe(path.join(dir, 'demo-spans (3).jsonl'));
  });
});
