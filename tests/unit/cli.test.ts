// The real `spanwise` binary (bin/spanwise.js) as a child process: help on every command,
// init/import/export/stats, exit codes 0 / 1 (bad input) / 2 (usage), progress on stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/backend/db/open';
import { tempDir } from './helpers';
import { INTEROP, jsonl, lines, snapshot, write } from './fixtures/io';
import { spanwise } from './fixtures/cli';

const ROOT = path.resolve(import.meta.dirname, '../..');
function newProject(demo = false): string {
  const file = path.join(tempDir(), 'cli.spanwise');
  const r = spanwise(['init', file, ...(demo ? ['--demo'] : [])]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return file;
}

function dbSnapshot(file: string): string {
  const { db } = openDb(file);
  try {
    return snapshot(db);
  } finally {
    db.close();
  }
}

// Each case spawns the binary (tsx compiles on start): on a busy machine, seconds per spawn.
describe('spanwise CLI', { timeout: 60_000 }, () => {
  it('--help on the command and on every subcommand, exit 0', () => {
    const main = spanwise(['--help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/Commands:\n {2}init .*\n {2}import .*\n {2}export .*\n {2}stats /);
    for (const cmd of ['init', 'import', 'export', 'stats']) {
      const r = spanwise([cmd, '--help']);
      expect(r.status, cmd).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: spanwise ${cmd} `));
    }
    expect(spanwise(['import', '-h']).stdout).toMatch(/--format FMT/);
  });

  it('usage errors exit 2 and point to --help', () => {
    const none = spanwise([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toMatch(/Usage: spanwise <command>/);
    const unknown = spanwise(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const option = spanwise(['export', 'x.db', '--out', 'o.jsonl', '--bogus']);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--bogus'[\s\S]*spanwise export --help/);
    expect(spanwise(['import', 'x.db']).stderr).toMatch(/missing <path\.\.\.>/);
    expect(spanwise(['export', 'x.db']).stderr).toMatch(/missing --out/);
    expect(spanwise(['export', 'x.db', '--out', 'o', '--format', 'xml']).stderr).toMatch(
      /--format must be one of spans, doccano/,
    );
    expect(spanwise(['export', 'x.db', '--out', 'o', '--seed', '3']).status).toBe(2);
  });

  it('init, import a folder, export, stats', () => {
    const db = newProject();
    const dir = tempDir();
    write(dir, 'a.txt', 'First article about Kim.');
    write(
      dir,
      'more/b.jsonl',
      jsonl([{ text: 'Putin 🤝 Kim', spans: [{ start: 8, end: 11, label: 'ACTOR', text: 'Kim' }] }]),
    );
    const imp = spanwise(['import', db, dir, '--as', 'model', '--status', 'done']);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(imp.stdout).toMatch(/Imported 2 new articles \(0 already present\) and 1 span/);
    expect(imp.stdout).toMatch(/offsets: code points \(detected at line 1, checked against the spans’ text/);

    const out = path.join(tempDir(), 'spans.jsonl');
    const exp = spanwise(['export', db, '--out', out, '--layer', 'model', '--only', 'done']);
    expect(exp.status).toBe(0);
    expect(exp.stdout).toMatch(/Exported 2 articles \(spans, layer model\)/);
    expect(exp.stdout).toMatch(/Offsets: code points/);
    const got = lines(fs.readFileSync(out, 'utf8'));
    expect(got.map((l) => l['status'])).toEqual(['done', 'done']);
    expect(got[1]!['spans']).toEqual([{ start: 8, end: 11, label: 'ACTOR', text: 'Kim' }]);

    const stats = spanwise(['stats', db]);
    expect(stats.status).toBe(0);
    expect(stats.stdout).toMatch(/^2 articles, 1 annotator layer/);
    expect(stats.stdout).toMatch(/model\s+1\s+0\s+0\s+0\s+1\s+2\s+0\s+0/);
    const json = JSON.parse(spanwise(['stats', db, '--json']).stdout) as {
      articles: number;
      layers: { name: string; byLabel: object }[];
    };
    expect(json.articles).toBe(2);
    expect(json.layers).toEqual([
      {
        name: 'model',
        spans: 1,
        byLabel: { ACTOR: 1 },
        status: { todo: 0, in_progress: 0, done: 2, skipped: 0, flagged: 0 },
      },
    ]);
  });

  it('export to stdout with --out - (the summary goes to stderr), bio with its loss report, --split to a folder', () => {
    const db = newProject(true);
    const file = write(
      tempDir(),
      'x.jsonl',
      jsonl([
        {
          text: 'The UN said Kim met Putin.',
          layer: 'ana',
          spans: [
            { start: 4, end: 6, label: 'ACTOR' },
            { start: 0, end: 26, label: 'CLAIM' },
          ],
        },
      ]),
    );
    expect(spanwise(['import', db, file]).status).toBe(0);
    const stdout = spanwise(['export', db, '--out', '-', '--format', 'doccano', '--layer', 'ana']);
    expect(stdout.status).toBe(0);
    expect(lines(stdout.stdout)).toHaveLength(6);
    expect(stdout.stderr).toMatch(/Exported 6 articles \(doccano, layer ana\)/);
    const bio = spanwise(['export', db, '--out', path.join(tempDir(), 'b.jsonl'), '--format', 'bio', '--layer', 'ana']);
    expect(bio.stdout).toMatch(/Loss report: 1 of 2 spans dropped[\s\S]*CLAIM: 1 \(contains other spans\)/);
    const dir = path.join(tempDir(), 'splits');
    const split = spanwise(['export', db, '--out', dir, '--split', '0.5,0.25,0.25', '--seed', '9']);
    expect(split.status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['dev.jsonl', 'test.jsonl', 'train.jsonl']);
    expect(split.stdout).toMatch(/Near-duplicates: 4 articles in 1 group/);
  });

  it('bad input exits 1 with file:line, and the project is unchanged', () => {
    const db = newProject(true);
    const file = write(tempDir(), 'bad.jsonl', jsonl([{ text: 'ok' }]) + '{"text": 3}\n');
    const before = dbSnapshot(db);
    const r = spanwise(['import', db, file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`spanwise: ${file}:2: "text": expected string, received number\n`);
    expect(dbSnapshot(db)).toBe(before);
  });

  it('other bad input exits 1: missing project, existing file on init, unknown layer, gold with nothing decided', () => {
    const missing = path.join(tempDir(), 'none.spanwise');
    const r = spanwise(['stats', missing]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no project at .*none\.spanwise \(create one with: spanwise init/);
    expect(fs.existsSync(missing)).toBe(false);
    const db = newProject();
    expect(spanwise(['init', db]).status).toBe(1);
    const layer = spanwise(['export', db, '--out', 'x.jsonl', '--layer', 'nobody']);
    expect(layer.status).toBe(1);
    expect(layer.stderr).toMatch(/no layer named "nobody"/);
    const gold = spanwise(['export', db, '--out', 'x.jsonl', '--layer', 'gold']);
    expect(gold.stderr).toBe(
      'spanwise: this project has no gold layer yet: no conflict has been decided (spanwise review <project> --auto applies the merge policy)\n',
    );
    const notDb = write(
      tempDir(),
      'notes.txt',
      'not sqlite at all, just text that is long enough to be read as a header',
    );
    const nd = spanwise(['stats', notDb]);
    expect(nd.status).toBe(1);
    expect(nd.stderr).toMatch(/is not a Spanwise project/);
  });

  it('export refuses to write over the project file (or its -wal), exit 1, the project intact', () => {
    const db = newProject(true);
    const before = dbSnapshot(db);
    const bytes = fs.readFileSync(db);
    for (const out of [db, `${db}-wal`]) {
      const r = spanwise(['export', db, '--out', out]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^spanwise: refusing to export to .*: that is the project('s wal)? file /);
      expect(r.stderr).toContain(out);
      expect(fs.readFileSync(db).equals(bytes)).toBe(true);
    }
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(dbSnapshot(db)).toBe(before);
  });

  it('imports the interop folder with --as, and reports progress on stderr', () => {
    const db = newProject();
    const r = spanwise(['import', db, INTEROP, '--as', 'doccano'], { SPANWISE_PROGRESS: 'always' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Imported 4 new articles/);
    expect(r.stderr).toMatch(/^\s*\d+% /m);
    const quiet = spanwise(['import', db, INTEROP, '--as', 'doccano', '--quiet'], { SPANWISE_PROGRESS: 'always' });
    expect(quiet.stderr).toBe('');
  });

  it('files of other tools: a CoNLL file named .txt imports as columns, --format txt on it is refused, DocBin is named', () => {
    const db = newProject();
    const dir = tempDir();
    const conll = write(dir, 'train.txt', '-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n');
    const ok = spanwise(['import', db, conll, '--as', 'conll']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/train\.txt \(conll\): 1 record, 1 article added, 0 already present, 1 span added/);
    const before = dbSnapshot(db);
    const prose = spanwise(['import', db, conll, '--format', 'txt']);
    expect(prose.status).toBe(1);
    expect(prose.stderr).toBe(
      `spanwise: ${conll}:1: looks like token-per-line columns with tags (CoNLL, IOB), not prose: import it with --format conll (or auto)\n`,
    );
    const docbin = spanwise(['import', db, write(dir, 'train.spacy', Buffer.from([0x78, 0x9c, 1]))]);
    expect(docbin.status).toBe(1);
    expect(docbin.stderr).toMatch(/train\.spacy: is a spaCy DocBin file \(binary\), which Spanwise does not read/);
    expect(dbSnapshot(db)).toBe(before);
  });

  it('--as maps annotators; --column, --tags and --as are checked as usage', () => {
    const db = newProject();
    const task = (u: number, text: string) => ({
      id: u,
      data: { text },
      annotations: [
        {
          id: u,
          completed_by: u,
          result: [{ type: 'labels', value: { start: 0, end: 2, text: 'EU', labels: ['ORG'] } }],
        },
      ],
    });
    const file = write(tempDir(), 'project.json', JSON.stringify([task(7, 'EU one'), task(12, 'EU two')]));
    const merged = spanwise(['import', db, file, '--as', 'bob']);
    expect(merged.status).toBe(1);
    expect(merged.stderr).toMatch(/holds 2 annotators \(label-studio-user-7, label-studio-user-12\)/);
    const mapped = spanwise(['import', db, file, '--as', '7=bob,12=carol']);
    expect(mapped.status, mapped.stderr).toBe(0);
    expect(mapped.stdout).toMatch(/Layer bob \(new annotator\): 1 span on 1 article; name from --as 7=bob/);
    expect(mapped.stdout).toMatch(/Layer carol \(new annotator\): 1 span on 1 article; name from --as 12=carol/);
    for (const [args, message] of [
      [['--column', '0'], /--column takes a column number, 1 for the first \(got "0"\)/],
      [['--tags', 'O,,B-PER'], /--tags takes the tag names in class-id order/],
      [['--as', '7=bob,12'], /"12" is not KEY=NAME/],
    ] as const) {
      const r = spanwise(['import', db, file, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('exports brat to a folder that opens in brat', () => {
    const db = newProject(true);
    const out = path.join(tempDir(), 'brat');
    const r = spanwise(['export', db, '--format', 'brat', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Exported 5 articles \(brat, layer all\)/);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.txt'))).toHaveLength(5);
    expect(fs.readdirSync(out)).toContain('annotation.conf');
    const again = spanwise(['export', db, '--format', 'brat', '--out', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is not empty: choose a new or empty folder/);
  });

  it('runs as `npx spanwise` from the repository root', () => {
    const r = spawnSync('npx', ['spanwise', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^spanwise — headless import, export and statistics/);
  });
});
