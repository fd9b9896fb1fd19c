// What a cell of the agreement matrix lists: the clusters where two annotators differ, on a
// real project file, with their versions in UTF-16 and the text around them.
import { describe, expect, it } from 'vitest';
import { pairConflicts } from '../../src/main/backend/review/pair-conflicts';
import { reviewArticle } from '../../src/main/backend/review/queue';
import { appErrorCode } from './helpers';
import { reviewProject, SUMMIT } from './fixtures/adjudication';

// "😀 Kim met Putin." — the emoji takes two UTF-16 units, so offsets show which unit is used.
const EMOJI = {
  title: 'Emoji',
  text: '😀 Kim met Putin.',
  layers: {
    alice: [[3, 6, 'ACTOR']],
    bob: [
      [3, 6, 'ACTOR'],
      [11, 16, 'ACTOR'],
    ],
    carol: [[11, 16, 'LOCATION']],
  } as Record<string, [number, number, string][]>,
};

describe('pairConflicts', () => {
  it('lists each cluster where the two differ, with both versions and context', () => {
    const r = reviewProject([SUMMIT, EMOJI]);
    const all = pairConflicts(r.db, { a: 'alice', b: 'bob', limit: 100 });
    expect(all.articles).toBe(2);
    expect(all.more).toBe(false);
    expect(all.conflicts.map((c) => [c.title, c.start, c.end, c.kinds, c.a?.text ?? null, c.b?.text ?? null])).toEqual([
      ['Summit', 8, 13, ['label'], 'Putin', 'Putin'],
      ['Summit', 14, 23, ['boundary'], 'Moscow', 'in Moscow'],
      ['Summit', 27, 33, ['partial'], null, 'Monday'],
      // Kinds are the pair's own: carol's LOCATION there is not alice's or bob's business.
      ['Emoji', 11, 16, ['partial'], null, 'Putin'],
    ]);
    const putin = all.conflicts[0]!;
    expect([putin.a?.label, putin.b?.label]).toEqual(['ACTOR', 'CLAIM']);
    expect(putin.context.slice(putin.start - putin.contextStart, putin.end - putin.contextStart)).toBe('Putin');
    const emoji = all.conflicts[3]!;
    expect(r.db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(emoji.articleId)).toBe(EMOJI.text);
    expect(EMOJI.text.slice(emoji.b!.start, emoji.b!.end)).toBe('Putin');
  });

  it('keeps to one label when asked, where either version carries it', () => {
    const r = reviewProject([SUMMIT, EMOJI]);
    const claim = pairConflicts(r.db, { a: 'alice', b: 'bob', label: 'claim', limit: 100 });
    expect(claim.label).toBe('CLAIM');
    expect(claim.conflicts.map((c) => [c.start, c.end])).toEqual([
      [8, 13],
      [27, 33],
    ]);
    const bc = pairConflicts(r.db, { a: 'bob', b: 'carol', label: 'LOCATION', limit: 100 });
    expect(bc.articles).toBe(1);
    expect(bc.conflicts.map((c) => [c.a?.label, c.b?.label, c.kinds])).toEqual([['ACTOR', 'LOCATION', ['label']]]);
  });

  it('clusters the pair on its own, as its numbers are computed, and names the review cluster to open', () => {
    // anna 0–10, bo 0–3, cy 5–10: in the three-way review, bo's span joins anna's and cy's
    // stands alone; between anna and cy alone it is one boundary conflict.
    const r = reviewProject([
      {
        title: 'Three',
        text: 'Kim Jong Un met them.',
        layers: { anna: [[0, 10, 'ACTOR']], bo: [[0, 3, 'ACTOR']], cy: [[5, 10, 'ACTOR']] },
      },
    ]);
    const ac = pairConflicts(r.db, { a: 'anna', b: 'cy', limit: 10 });
    expect(ac.conflicts.map((c) => [c.start, c.end, c.kinds, c.a?.text, c.b?.text])).toEqual([
      [0, 10, ['boundary'], 'Kim Jong U', 'ong U'],
    ]);
    const review = reviewArticle(r.db, r.ids[0]!);
    const annas = review.clusters.find((c) => c.members.some((m) => m.annotator === 'anna'))!;
    expect(ac.conflicts[0]!.clusterId).toBe(annas.id);
  });

  it('stops at the limit and says there are more', () => {
    const r = reviewProject([SUMMIT, EMOJI]);
    const two = pairConflicts(r.db, { a: 'alice', b: 'bob', limit: 2 });
    expect(two.conflicts).toHaveLength(2);
    expect(two.more).toBe(true);
    expect(two.articles).toBe(2);
  });

  it('refuses unknown people, labels and a pair of one', () => {
    const r = reviewProject([SUMMIT]);
    expect(appErrorCode(() => pairConflicts(r.db, { a: 'alice', b: 'zed', limit: 5 }))).toBe('NOT_FOUND');
    expect(appErrorCode(() => pairConflicts(r.db, { a: 'alice', b: 'alice', limit: 5 }))).toBe('BAD_INPUT');
    expect(appErrorCode(() => pairConflicts(r.db, { a: 'alice', b: 'bob', label: 'NOPE', limit: 5 }))).toBe(
      'BAD_INPUT',
    );
  });
});
