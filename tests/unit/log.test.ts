// The log: a bounded, rotated file in the user folder; INTERNAL errors keep their stack there;
// the CLI writes it to stderr with --verbose. And the one error-to-code helper every edge uses.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { errorData } from '../../src/main/backend/errors';
import { fileSink, log, logFile } from '../../src/main/backend/log';
import { AppError } from '../../src/shared/result';
import { tempDir, tempProject } from './helpers';

afterEach(() => log.to(null));

describe('the log file', () => {
  it('rotates past its size into a bounded number of files, newest first', () => {
    const file = logFile(tempDir());
    log.to(fileSink(file, 300, 3));
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(20)}`);
    const files = fs.readdirSync(path.dirname(file)).sort();
    expect(files).toEqual(['spanwise.log', 'spanwise.log.1', 'spanwise.log.2']);
    for (const f of files) expect(fs.statSync(path.join(path.dirname(file), f)).size).toBeLessThanOrEqual(300);
    expect(fs.readFileSync(file, 'utf8')).toContain('line 39');
    expect(fs.readFileSync(`${file}.2`, 'utf8')).not.toContain('line 39');
  });

  it('an INTERNAL error reaches the caller as a message and the log with its stack', () => {
    const p = tempProject();
    const lines: string[] = [];
    log.to((line) => lines.push(line));
    const broken: typeof p.handlers = {
      ...p.handlers,
      listLabels: () => {
        throw new TypeError('cannot read the moon');
      },
    };
    expect(dispatch(broken, 'listLabels', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'listLabels: cannot read the moon' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR listLabels: internal error\nTypeError: cannot read the moon\n\s+at /);
  });

  it('records projects opened, with their migrations', () => {
    const lines: string[] = [];
    log.to((line) => lines.push(line));
    const p = tempProject();
    expect(lines.some((l) => l.includes(`project opened: ${p.file} (new)`))).toBe(true);
    expect(lines.some((l) => /migrated to schema 1, 2, 3/.test(l))).toBe(true);
  });
});

describe('errorData', () => {
  it('keeps an AppError, names BUSY, blames the input for a file-system error, and calls the rest INTERNAL', () => {
    expect(errorData(new AppError('NOT_FOUND', 'article 9 does not exist'), 'getArticle')).toEqual({
      code: 'NOT_FOUND',
      message: 'article 9 does not exist',
    });
    const busy = new Database.SqliteError('database is locked', 'SQLITE_BUSY');
    expect(errorData(busy, 'createSpan').code).toBe('BUSY');
    let missing: unknown;
    try {
      fs.readFileSync('/no/such/file.jsonl');
    } catch (err) {
      missing = err;
    }
    expect(errorData(missing, 'import job')).toEqual({
      code: 'BAD_INPUT',
      message: expect.stringContaining('/no/such/file.jsonl') as string,
    });
    expect(errorData('a string', 'export job')).toEqual({ code: 'INTERNAL', message: 'export job: a string' });
  });
});

describe('spanwise --verbose', () => {
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const LOCAL_NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
  const run = (args: string[]) =>
    spawnSync(
      fs.existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath,
      [path.join(ROOT, 'bin', 'spanwise.js'), ...args],
      {
        encoding: 'utf8',
      },
    );

  it('writes the log to stderr; without it stderr stays quiet', () => {
    const dir = tempDir();
    const quiet = run(['init', path.join(dir, 'a.spanwise')]);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const verbose = run(['init', path.join(dir, 'b.spanwise'), '--verbose']);
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toMatch(/INFO .*b\.spanwise: migrated to schema 1, 2, 3/);
    expect(verbose.stderr).toMatch(/INFO project opened: .*b\.spanwise \(new\)/);
  });
});
