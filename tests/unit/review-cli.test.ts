// `spanwise agreement` and `spanwise disagreements` through the real binary (bin/spanwise.js):
// output, exit codes 0 / 1 (bad input) / 2 (usage), and messages without stack traces.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../src/main/backend/review/report';
import { tempDir } from './helpers';
import { spanwise } from './fixtures/cli';
import { jsonl, lines, write } from './fixtures/io';
import { agreementCase } from './fixtures/review';

// Each run starts Node and compiles the CLI: allow for a busy machine.
const SLOW = 120_000;

/** A project holding the "emoji" case: alice and bob, both done, code-point offsets in the file. */
function emojiProject(): string {
  const file = path.join(tempDir(), 'review.spanwise');
  expect(spanwise(['init', file]).status).toBe(0);
  const c = agreementCase('emoji');
  const a = c.articles[0]!;
  const records = Object.entries(a.layers).map(([layer, spans]) => ({
    text: a.text,
    meta: { title: 'Summit' },
    layer,
    status: 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
  }));
  const input = write(tempDir(), 'emoji.jsonl', jsonl(records));
  const imp = spanwise(['import', file, input, '--offsets', 'codepoint']);
  expect(imp.stderr).toBe('');
  expect(imp.status).toBe(0);
  return file;
}

function noStack(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/unexpected error/);
}

describe('spanwise agreement', () => {
  it(
    'is listed in the help, and has its own',
    () => {
      const main = spanwise(['--help']);
      expect(main.stdout).toMatch(/\n {2}agreement {6}inter-annotator agreement/);
      expect(main.stdout).toMatch(/\n {2}disagreements {2}write the conflicts/);
      for (const cmd of ['agreement', 'disagreements']) {
        const r = spanwise([cmd, '--help']);
        expect(r.status, cmd).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: spanwise ${cmd} <project.db>`));
      }
    },
    SLOW,
  );

  it(
    'prints the metrics with what they were computed over, or all of it as JSON',
    () => {
      const db = emojiProject();
      const text = spanwise(['agreement', db]);
      expect(text.stderr).toBe('');
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/^Agreement of 2 annotators \(alice, bob\)/);
      expect(text.stdout).toMatch(/alice × bob: 1 article both marked done/);
      expect(text.stdout).toMatch(/ACTOR\s+0\.500\s+1\.000\s+2 \/ 2\s+0\.800\s+12\n/);

      const json = spanwise(['agreement', db, '--json', '--labels', 'actor']);
      expect(json.status).toBe(0);
      const r = JSON.parse(json.stdout) as AgreementReport;
      expect(r.annotators).toEqual(['alice', 'bob']);
      expect(r.labels).toEqual(['ACTOR']);
      const p = r.pairs[0]!;
      expect([p.a, p.b, p.articles]).toEqual(['alice', 'bob', 1]);
      expect(p.f1.overall).toBe(0.5);
      expect(p.f1_overlap.by_label['ACTOR']).toBe(1);
      expect(p.kappa.by_label['ACTOR']).toBeCloseTo(0.8, 12);
      expect(p.kappa.over.by_label['ACTOR']!.units).toBe(12);
      expect(r.alpha.by_label['ACTOR']).toBeCloseTo(96 / 119, 12);
      expect(r.gold).toBeNull();
    },
    SLOW,
  );

  it(
    'bad input exits 1 and says what is wrong; bad usage exits 2',
    () => {
      const db = emojiProject();
      const label = spanwise(['agreement', db, '--labels', 'ACTOR,PERSON']);
      expect(label.status).toBe(1);
      expect(label.stderr).toBe('spanwise: no label named "PERSON"; labels: ACTOR, CLAIM, LOCATION, SANCTION\n');
      const missing = spanwise(['agreement', path.join(tempDir(), 'none.spanwise')]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/^spanwise: no project at .*none\.spanwise/);
      const notDb = write(tempDir(), 'notes.spanwise', 'plain text, long enough to be read as a header by SQLite');
      const nd = spanwise(['agreement', notDb]);
      expect(nd.status).toBe(1);
      expect(nd.stderr).toMatch(/is not a Spanwise project/);
      for (const r of [label, missing, nd]) noStack(r.stderr);

      const empty = spanwise(['agreement', db, '--labels', ',']);
      expect(empty.status).toBe(2);
      expect(empty.stderr).toMatch(/--labels takes label names[\s\S]*spanwise agreement --help/);
      expect(spanwise(['agreement']).status).toBe(2);
      expect(spanwise(['agreement', db, 'extra']).stderr).toMatch(/unexpected argument extra/);
      expect(spanwise(['agreement', db, '--bogus']).status).toBe(2);
    },
    SLOW,
  );
});

describe('spanwise disagreements', () => {
  it(
    'writes JSONL or CSV by the extension',
    () => {
      const db = emojiProject();
      const out = path.join(tempDir(), 'conflicts.jsonl');
      const r = spanwise(['disagreements', db, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(
        /^Wrote 1 disagreement from 1 article .* to .*conflicts\.jsonl \(jsonl\)\.\nBy kind: boundary 1\n$/,
      );
      const [row] = lines(fs.readFileSync(out, 'utf8'));
      expect(row).toMatchObject({
        title: 'Summit',
        kind: 'boundary',
        start: 8,
        end: 15,
        versions: {
          alice: { start: 10, end: 15, label: 'ACTOR', text: 'Putin' },
          bob: { start: 8, end: 15, label: 'ACTOR', text: '🤝 Putin' },
        },
        decision: '',
      });
      const csv = path.join(tempDir(), 'conflicts.CSV');
      expect(spanwise(['disagreements', db, '-o', csv]).status).toBe(0);
      expect(fs.readFileSync(csv, 'utf8')).toMatch(/^cluster,article_id,title,kind,/);
    },
    SLOW,
  );

  it(
    'usage errors exit 2, bad input 1, and nothing is written',
    () => {
      const db = emojiProject();
      const dir = tempDir();
      const none = spanwise(['disagreements', db]);
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/missing --out <file\.jsonl\|file\.csv>/);
      const txt = spanwise(['disagreements', db, '--out', path.join(dir, 'x.txt')]);
      expect(txt.status).toBe(2);
      expect(txt.stderr).toMatch(
        /cannot tell the format of .*x\.txt from its extension \(\.txt\): name it \.jsonl or \.csv/,
      );
      const link = path.join(dir, 'project.jsonl');
      fs.symlinkSync(db, link);
      const self = spanwise(['disagreements', db, '--out', link]);
      expect(self.status).toBe(1);
      expect(self.stderr).toMatch(/^spanwise: refusing to export to .*project\.jsonl: that is the project file/);
      noStack(self.stderr);
      expect(fs.readdirSync(dir)).toEqual(['project.jsonl']);
    },
    SLOW,
  );
});
