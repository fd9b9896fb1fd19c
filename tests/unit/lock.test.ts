// One writer per project file: the app holds a lock beside the project; the CLI's writes and a
// second app on the same file are refused, naming the holder, before anything is opened; a lock
// left by a process that is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockHolder, lockPath } from '../../src/main/backend/lock';
import { Workspace } from '../../src/main/backend/workspace';
import { RESOURCES, tempDir } from './helpers';
import { ok, SLOW, spanwise } from './fixtures/cli';
import { holdProject, killed } from './fixtures/processes';

describe('one writer per project file', () => {
  it(
    'a CLI import into a project the app has open is refused, naming the holder; nothing is written',
    { timeout: SLOW },
    async () => {
      const dir = tempDir();
      const file = path.join(dir, 'p.spanwise');
      ok(['init', file, '--demo']);
      const input = path.join(dir, 'a.jsonl');
      fs.writeFileSync(input, JSON.stringify({ text: 'a new article' }) + '\n');
      const { child } = await holdProject(file);
      try {
        expect(lockHolder(file)).toMatchObject({ pid: child.pid, app: 'Spanwise' });
        const r = spanwise(['import', file, input]);
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(
          new RegExp(
            `^spanwise: ${file} is open in Spanwise \\(process ${child.pid}, since [^)]+\\): an import refused`,
          ),
        );
        expect(r.stderr).not.toMatch(/\n\s+at /);
        // Reading is not writing: stats goes on while the app has the project open.
        expect(ok(['stats', file])).toContain('5 articles');
        // A second app (another process, another user folder) is refused before it opens the file.
        const before = fs.statSync(file).mtimeMs;
        const second = new Workspace({ userDir: path.join(dir, 'second'), resourcesDir: RESOURCES });
        expect(() => second.open(file)).toThrow(new RegExp(`is already open in Spanwise \\(process ${child.pid}`));
        expect(second.project).toBeNull();
        expect(fs.statSync(file).mtimeMs).toBe(before);
      } finally {
        await killed(child);
      }
      // The app died without releasing: its lock is stale, and the import goes ahead.
      expect(fs.existsSync(lockPath(file))).toBe(true);
      expect(lockHolder(file)).toBeNull();
      expect(ok(['import', file, input, '-q'])).toContain('1 new article');
    },
  );

  it('the lock is released when the app closes the project', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.spanwise');
    const ws = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES });
    ws.open(file);
    expect(lockHolder(file)).toMatchObject({ pid: process.pid });
    const other = path.join(dir, 'q.spanwise');
    ws.open(other);
    expect(fs.existsSync(lockPath(file))).toBe(false);
    ws.close();
    expect(fs.existsSync(lockPath(other))).toBe(false);
  });
});
