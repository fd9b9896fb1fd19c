// `spanwise review` and the gold export through the real binary (bin/spanwise.js): the merge
// policy applied headless, the queue with its open conflicts, then `export --layer gold`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { SLOW, spanwise } from './fixtures/cli';
import { jsonl, lines, write } from './fixtures/io';

/** Two articles done by alice and bob: one with a label conflict on Putin, one unanimous. */
function project(): string {
  const file = path.join(tempDir(), 'review.spanwise');
  expect(spanwise(['init', file]).status).toBe(0);
  const summit = 'Kim met Putin in Moscow.';
  const seoul = 'Seoul said nothing.';
  const records = [
    {
      text: summit,
      layer: 'alice',
      spans: [
        [0, 3, 'ACTOR'],
        [8, 13, 'ACTOR'],
      ],
    },
    {
      text: summit,
      layer: 'bob',
      spans: [
        [0, 3, 'ACTOR'],
        [8, 13, 'CLAIM'],
      ],
    },
    { text: seoul, layer: 'alice', spans: [[0, 5, 'LOCATION']] },
    { text: seoul, layer: 'bob', spans: [[0, 5, 'LOCATION']] },
  ].map((r) => ({
    text: r.text,
    meta: { title: r.text.split(' ')[0] },
    layer: r.layer,
    status: 'done',
    spans: r.spans.map(([start, end, label]) => ({ start, end, label })),
  }));
  const imp = spanwise(['import', file, write(tempDir(), 'layers.jsonl', jsonl(records)), '-q']);
  expect(imp.stderr).toBe('');
  expect(imp.status).toBe(0);
  return file;
}

describe('spanwise review', () => {
  it(
    'is listed in the help, and refuses options that do not apply',
    () => {
      expect(spanwise(['--help']).stdout).toMatch(/\n {2}review {9}the review queue; --auto applies the merge policy/);
      const help = spanwise(['review', '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^Usage: spanwise review <project.db> \[--auto \[--policy P\]\]/);
      const db = project();
      const noAuto = spanwise(['review', db, '--policy', 'majority']);
      expect(noAuto.status).toBe(2);
      expect(noAuto.stderr).toMatch(/^spanwise review: --policy applies with --auto\n/);
      const bad = spanwise(['review', db, '--auto', '--policy', 'most']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--policy must be one of unanimous, majority \(got "most"\)/);
      const missing = spanwise(['review', path.join(tempDir(), 'none.spanwise')]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/^spanwise: no project at .*none\.spanwise/);
    },
    SLOW,
  );

  it(
    'review --auto records the unanimous clusters and lists what is open; export --layer gold writes them',
    () => {
      const db = project();
      const auto = spanwise(['review', db, '--auto', '--as', 'rita']);
      expect(auto.stderr).toBe('');
      expect(auto.status).toBe(0);
      const out = auto.stdout.split('\n');
      expect(out[0]).toMatch(/^New reviewer rita \([0-9a-f-]{36}\)\.$/);
      expect(out[1]).toBe(
        'Merge policy (unanimous) over 2 articles: 2 decisions recorded as rita (2 unanimous, 0 majority, 0 no span by majority).',
      );
      expect(out[2]).toBe('Review queue (all): 2 articles, 0 of 1 conflict resolved.');
      expect(auto.stdout).toMatch(
        /\narticle 1 \(Kim\): agreement 0\.500, 0 of 1 conflict resolved\n {2}label: alice "Putin" ACTOR \| bob "Putin" CLAIM {2}\[[0-9a-f]{20}\]\n/,
      );
      expect(auto.stdout).toMatch(/\narticle 2 \(Seoul\): agreement 1\.000, 0 of 0 conflicts resolved\n$/);
      // Nothing new the second time.
      expect(spanwise(['review', db, '--auto', '--as', 'rita']).stdout).toMatch(
        /^Merge policy \(unanimous\) over 2 articles: 0 decisions/,
      );

      // Nothing is adjudicated yet: the default gold export is empty; --only all has the decisions.
      const dir = tempDir();
      const none = spanwise(['export', db, '--layer', 'gold', '--out', path.join(dir, 'none.jsonl'), '-q']);
      expect(none.status).toBe(0);
      expect(none.stdout).toMatch(/Exported 0 articles \(spans, layer gold\)/);
      const all = spanwise([
        'export',
        db,
        '--layer',
        'gold',
        '--only',
        'all',
        '--out',
        path.join(dir, 'all.jsonl'),
        '-q',
      ]);
      expect(all.status).toBe(0);
      const gold = lines(fs.readFileSync(path.join(dir, 'all.jsonl'), 'utf8'));
      expect(gold.map((l) => [l['id'], l['status'], l['spans']])).toEqual([
        [
          1,
          'in_progress',
          [{ start: 0, end: 3, label: 'ACTOR', text: 'Kim', sources: ['alice', 'bob'], decision: 'unanimous' }],
        ],
        [
          2,
          'in_progress',
          [{ start: 0, end: 5, label: 'LOCATION', text: 'Seoul', sources: ['alice', 'bob'], decision: 'unanimous' }],
        ],
      ]);

      // Marking the resolved articles adjudicated: the default gold export writes exactly those.
      const adj = spanwise(['review', db, '--adjudicate', '--filter', 'adjudicated']);
      expect(adj.status).toBe(0);
      expect(adj.stdout).toMatch(
        /^Marked 1 article adjudicated \(every conflict resolved\)\.\nReview queue \(adjudicated\): 1 article, 0 of 0 conflicts resolved\.\n\narticle 2 \(Seoul\): agreement 1\.000, 0 of 0 conflicts resolved, adjudicated\n$/,
      );
      const done = spanwise([
        'export',
        db,
        '--layer',
        'gold',
        '--format',
        'doccano',
        '--out',
        path.join(dir, 'd.jsonl'),
        '-q',
      ]);
      expect(done.status).toBe(0);
      expect(lines(fs.readFileSync(path.join(dir, 'd.jsonl'), 'utf8'))).toEqual([
        {
          id: 2,
          text: 'Seoul said nothing.',
          label: [[0, 5, 'LOCATION']],
          provenance: [{ sources: ['alice', 'bob'], decision: 'unanimous' }],
        },
      ]);
      const bad = spanwise([
        'export',
        db,
        '--layer',
        'alice',
        '--only',
        'adjudicated',
        '--out',
        path.join(dir, 'x.jsonl'),
      ]);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toBe(
        'spanwise: --only adjudicated applies to the gold layer (--layer gold), not to "alice"\n',
      );

      // The disagreements report's decision column is empty for the open conflict.
      const report = path.join(dir, 'conflicts.jsonl');
      expect(spanwise(['disagreements', db, '--out', report]).status).toBe(0);
      expect(lines(fs.readFileSync(report, 'utf8')).map((r) => [r['kind'], r['decision']])).toEqual([['label', '']]);
    },
    SLOW,
  );
});
