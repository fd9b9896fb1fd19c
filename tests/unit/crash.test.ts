// Kill -9 at random (seeded) moments: a process making acknowledged span edits through the
// app's own workspace, and a `spanwise import`, are SIGKILLed mid-way. Every edit acknowledged
// before the kill is in the file, SQLite's integrity_check is ok, and an import is all or
// nothing. (Process death, not power loss: that is what synchronous=FULL is for, see
// docs/architecture.md#durability.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/backend/db/open';
import { mulberry32 } from '../../src/shared/random';
import { tempDir } from './helpers';
import { ok, SLOW } from './fixtures/cli';
import { holdProject, killed, NODE } from './fixtures/processes';

const BIN = path.resolve(import.meta.dirname, '../../bin/spanwise.js');
const ROUNDS = 3;

function verify(file: string): { integrity: string; spanIds: Set<string>; articles: number } {
  const { db } = openDb(file);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const spanIds = new Set(db.prepare('SELECT id FROM spans WHERE deleted = 0').pluck().all() as string[]);
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    return { integrity, spanIds, articles };
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9', () => {
  it('loses no acknowledged span edit, and leaves the file whole', { timeout: SLOW }, async () => {
    const random = mulberry32(12);
    const file = path.join(tempDir(), 'p.spanwise');
    ok(['init', file, '--demo']);
    const acked: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { child, lines } = await holdProject(file, 'edit');
      // Editing has begun (the first acknowledgement), then a seeded moment later: SIGKILL.
      while (!lines.some((l) => l.startsWith('ack ')) && child.exitCode === null) await sleep(5);
      await sleep(Math.floor(random() * 300));
      await killed(child);
      const ids = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      expect(ids.length, `round ${round}: edits acknowledged before the kill`).toBeGreaterThan(0);
      acked.push(...ids);
      const after = verify(file);
      expect(after.integrity).toBe('ok');
      const missing = acked.filter((id) => !after.spanIds.has(id));
      expect(missing, `round ${round}: acknowledged edits missing`).toEqual([]);
    }
  });

  it('leaves an import all or nothing', { timeout: SLOW }, async () => {
    const random = mulberry32(7);
    const dir = tempDir();
    const file = path.join(dir, 'p.spanwise');
    ok(['init', file, '--demo']);
    const n = 20_000;
    const input = path.join(dir, 'many.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < n; i++)
      lines.push(JSON.stringify({ text: `Article ${i}: ${'words and more words '.repeat(5)}` }));
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const before = verify(file).articles;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawn(NODE, [BIN, 'import', file, input], { env: { ...process.env, SPANWISE_PROGRESS: 'always' } });
      // Killed at a seeded moment after the import has begun reading (its first progress line).
      await new Promise<void>((resolve) => {
        child.stderr.once('data', () => resolve());
        child.once('exit', () => resolve());
      });
      await sleep(Math.floor(random() * 400));
      const finished = child.exitCode !== null;
      child.kill('SIGKILL');
      await new Promise<void>((resolve) =>
        child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
      );
      const after = verify(file);
      expect(after.integrity).toBe('ok');
      expect([before, before + n], `round ${round}`).toContain(after.articles);
      outcomes.push(after.articles === before ? 'nothing' : finished ? 'all (finished)' : 'all');
      if (after.articles !== before) break;
    }
    expect(outcomes.length).toBeGreaterThan(0);
  });
});
