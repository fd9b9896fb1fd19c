// Acknowledged means durable: the app's connection and the CLI's sync the WAL at every commit.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/backend/db/open';
import { Workspace } from '../../src/main/backend/workspace';
import { RESOURCES, tempDir } from './helpers';

describe('durability', () => {
  it('the app opens its project with WAL and synchronous=FULL', () => {
    const dir = tempDir();
    const ws = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES });
    const project = ws.open(path.join(dir, 'p.spanwise'));
    expect(project.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL (1 = NORMAL).
    expect(project.db.pragma('synchronous', { simple: true })).toBe(2);
    ws.close();
  });

  it('so does every other connection (CLI, job workers)', () => {
    const { db } = openDb(path.join(tempDir(), 'p.spanwise'));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});
