// The reviewer's whole flow through the real binary: assign to three annotators, each opens
// their pack and labels (through the app's own handlers, as the editor would), packs their
// work; the reviewer merges the three, reads agreement and the disagreements, applies the
// majority policy headless, and exports gold with provenance.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../src/main/backend/project';
import type { AgreementReport } from '../../src/shared/review';
import { ok, SLOW, spanwise } from './fixtures/cli';
import { lines } from './fixtures/io';
import { RESOURCES, tempDir } from './helpers';

const OPENING = 'North Korean leader Kim Jong Un is planning';

/** Labels the demo's first article as `who` would in the editor, then marks it done. */
function label(file: string, spans: [string, string][]): void {
  const p = Project.open(file, { resourcesDir: RESOURCES });
  try {
    const h = p.handlers;
    const labelId = (name: string) => h.listLabels({}).find((l) => l.name === name)!.id;
    const item = h
      .listArticles({ status: 'all', at: 0, limit: 100 })
      .items.find((a) => h.getArticle({ id: a.id }).text.startsWith(OPENING))!;
    const text = h.getArticle({ id: item.id }).text;
    for (const [phrase, name] of spans) {
      const start = text.indexOf(phrase);
      h.createSpan({ articleId: item.id, labelId: labelId(name), start, end: start + phrase.length });
    }
    h.setStatus({ articleId: item.id, status: 'done' });
  } finally {
    p.close();
  }
}

describe('the review flow through spanwise', () => {
  it(
    'assign → open-pack → label → pack → merge → agreement → disagreements → review --auto → export gold',
    () => {
      const dir = tempDir();
      const review = path.join(dir, 'review.spanwise');
      ok(['init', review, '--demo']);
      ok([
        'assign',
        review,
        '--annotators',
        'anna,bo,cy',
        '--overlap',
        '3',
        '--seed',
        '1',
        '--out',
        path.join(dir, 'out'),
      ]);
      const packs = fs.readdirSync(path.join(dir, 'out')).sort();
      expect(packs.map((p) => p.replace(/-[0-9a-f]{6}\.swpack$/, ''))).toEqual(['anna', 'bo', 'cy']);

      // Kim: unanimous. Putin: cy takes "President" too (boundary; anna and bo are a majority).
      // Russia: cy has none (partial; majority LOCATION). White House: one ACTOR, one CLAIM, one
      // none: no majority, stays open.
      const work: Record<string, [string, string][]> = {
        anna: [
          ['Kim Jong Un', 'ACTOR'],
          ['Putin', 'ACTOR'],
          ['Russia', 'LOCATION'],
          ['White House', 'ACTOR'],
        ],
        bo: [
          ['Kim Jong Un', 'ACTOR'],
          ['Putin', 'ACTOR'],
          ['Russia', 'LOCATION'],
          ['White House', 'CLAIM'],
        ],
        cy: [
          ['Kim Jong Un', 'ACTOR'],
          ['President Putin', 'ACTOR'],
        ],
      };
      const inbox = path.join(dir, 'inbox');
      packs.forEach((pack, i) => {
        const who = Object.keys(work)[i]!;
        const own = path.join(dir, `${who}.spanwise`);
        ok(['open-pack', own, path.join(dir, 'out', pack)]);
        label(own, work[who]!);
        ok(['pack', own, '--out', path.join(inbox, `${who}.swpack`)]);
      });
      expect(ok(['merge', review, '--inbox', inbox])).toMatch(/Inbox: 3 merged, 0 skipped, 0 refused\./);

      const report = JSON.parse(ok(['agreement', review, '--json'])) as AgreementReport;
      expect(report.annotators).toEqual(['anna', 'bo', 'cy']);
      const ab = report.pairs.find((p) => p.a === 'anna' && p.b === 'bo')!;
      // anna and bo: 3 of 4 spans exactly the same (White House differs in label).
      expect(ab.f1.overall).toBe((2 * 3) / 8);
      const ac = report.pairs.find((p) => p.a === 'anna' && p.b === 'cy')!;
      expect(ac.f1.overall).toBe((2 * 1) / 6);
      expect(ac.f1_overlap.by_label['ACTOR']).toBe((2 * 2) / 5);

      const rows = path.join(dir, 'disagreements.jsonl');
      ok(['disagreements', review, '--out', rows]);
      const found = lines(fs.readFileSync(rows, 'utf8')) as { kind: string }[];
      expect(found.map((r) => r.kind).sort()).toEqual(['boundary', 'label+partial', 'partial']);

      const auto = ok(['review', review, '--auto', '--policy', 'majority', '--as', 'rita', '--adjudicate']);
      expect(auto).toMatch(
        /^New reviewer rita \([0-9a-f-]{36}\)\.\nMerge policy \(majority\) over 1 article: 3 decisions recorded as rita \(1 unanimous, 2 majority/,
      );
      // Four clusters, one unanimous: agreement 1/4; the two majority ones resolve 2 of 3 conflicts.
      expect(auto).toMatch(/\narticle \d+ \([^)]*\): agreement 0\.250, 2 of 3 conflicts resolved\n/);
      expect(auto).toMatch(/label\+partial: anna "White House" ACTOR \| bo "White House" CLAIM \| cy \(no span\)/);

      // Nothing adjudicated (one conflict is open): --only all has the decided spans.
      const gold = path.join(dir, 'gold.jsonl');
      ok(['export', review, '--layer', 'gold', '--only', 'all', '--out', gold, '-q']);
      const [record] = lines(fs.readFileSync(gold, 'utf8')) as {
        spans: { label: string; sources: string[]; decision: string; text?: string }[];
      }[];
      expect(record!.spans.map((s) => [s.label, s.decision, s.sources])).toEqual([
        ['ACTOR', 'unanimous', ['anna', 'bo', 'cy']],
        ['ACTOR', 'majority', ['anna', 'bo']],
        ['LOCATION', 'majority', ['anna', 'bo']],
      ]);
      const none = spanwise(['export', review, '--layer', 'gold', '--out', path.join(dir, 'none.jsonl'), '-q']);
      expect(none.status).toBe(0);
      expect(none.stdout).toMatch(/Exported 0 articles/);
    },
    SLOW,
  );
});
