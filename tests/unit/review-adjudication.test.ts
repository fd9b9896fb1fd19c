// Adjudication on real project files: the decision log (append-only, undo by appending), the
// gold layer it defines and its provenance, the merge policy, the review queue, and migration
// 005 on a file written at schema 4.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDb } from '../../src/main/backend/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/backend/db/migrations';
import { decide, setAdjudicated, undoDecision } from '../../src/main/backend/review/decisions';
import { goldReader, goldSpans } from '../../src/main/backend/review/gold-layer';
import { loadReview } from '../../src/main/backend/review/load';
import { agreementReport } from '../../src/main/backend/review/report';
import { applyPolicy, getPolicy, setPolicy } from '../../src/main/backend/review/policy';
import { reviewArticle, reviewQueue } from '../../src/main/backend/review/queue';
import { AppError } from '../../src/shared/result';
import { appErrorCode, tempDir } from './helpers';
import { labelIdOf, reviewProject, SUMMIT, type Layers } from './fixtures/adjudication';

function clusterAt(db: Parameters<typeof reviewArticle>[0], articleId: number, start: number) {
  const c = reviewArticle(db, articleId).clusters.find((x) => x.start === start);
  if (!c) throw new Error(`no cluster at ${start}`);
  return c;
}

function gold(db: Parameters<typeof reviewArticle>[0], articleId: number) {
  return (goldSpans(db, [articleId]).get(articleId) ?? []).map((s) => [s.start, s.end, s.label, s.decision, s.sources]);
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return `${err.code}: ${err.message}`;
    throw err;
  }
  throw new Error('expected an error');
}

describe('migration 005: adjudication', () => {
  it('adds the decision log and the review flags to a schema-4 file, keeping its data', () => {
    const file = path.join(tempDir(), 'v4.spanwise');
    const raw = new Database(file);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('journal_mode = WAL');
    raw.transaction(() => {
      for (const m of MIGRATIONS.filter((x) => x.version <= 4)) {
        m.up(raw);
        raw.pragma(`user_version = ${m.version}`);
      }
    })();
    raw.exec(`
      INSERT INTO labels (id, name, color, hotkey, position) VALUES (1, 'ACTOR', '#0072B2', '1', 0);
      INSERT INTO articles (id, title, source, text, content_hash, created_at) VALUES (1, 't', 's', 'Anna met Bo.', 'h1', 'n');
      INSERT INTO annotators (id, uid, name, created_at) VALUES (7, '11111111-1111-4111-8111-111111111111', 'anna', 'c');
      INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
        VALUES ('0190a3c4-0000-7000-8000-000000000001', 1, 7, 1, 0, 4, 'c', 'u');
      INSERT INTO article_status VALUES (1, 7, 'done', 'u');
    `);
    raw.close();

    const { db, migrated } = openDb(file);
    // 5 and every later migration.
    expect(migrated).toEqual(MIGRATIONS.filter((m) => m.version >= 5).map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT id, annotator_id, start_offset, end_offset FROM spans').all()).toEqual([
      { id: '0190a3c4-0000-7000-8000-000000000001', annotator_id: 7, start_offset: 0, end_offset: 4 },
    ]);
    expect(db.prepare('SELECT uid FROM annotators WHERE id = 7').get()).toEqual({
      uid: '11111111-1111-4111-8111-111111111111',
    });
    expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM article_review').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('decisions', () => {
  it('take, accept, reject and edit make the gold layer, each span with its provenance', () => {
    const { db, ids, reviewer } = reviewProject([SUMMIT]);
    const a = ids[0]!;
    const before = reviewArticle(db, a);
    expect(before.clusters.map((c) => [c.start, c.end, c.kinds.join('+'), c.status])).toEqual([
      [0, 3, '', 'unanimous'],
      [8, 13, 'label', 'open'],
      [14, 23, 'boundary', 'open'],
      [27, 33, 'partial', 'open'],
    ]);
    expect(before.gold).toEqual([]);
    expect(before.progress).toEqual({ resolved: 0, conflicts: 3 });

    const putin = clusterAt(db, a, 8);
    const d1 = decide(db, reviewer, { articleId: a, clusterId: putin.id, action: { take: 'bob' } });
    expect(d1).toMatchObject({
      action: 'accept',
      decision: 'accepted',
      span: { start: 8, end: 13, label: 'CLAIM' },
      sources: ['bob'],
      reviewer: 'rita',
    });
    const moscow = clusterAt(db, a, 14);
    const alicesMoscow = moscow.members.find((m) => m.annotator === 'alice')!.span.id;
    decide(db, reviewer, { articleId: a, clusterId: moscow.id, action: { accept: alicesMoscow } });
    const monday = clusterAt(db, a, 27);
    decide(db, reviewer, { articleId: a, clusterId: monday.id, action: { reject: true } });
    expect(gold(db, a)).toEqual([
      [8, 13, 'CLAIM', 'accepted', ['bob']],
      [17, 23, 'LOCATION', 'accepted', ['alice']],
    ]);
    // An edit replaces the cluster's earlier decision.
    decide(db, reviewer, {
      articleId: a,
      clusterId: putin.id,
      action: { edit: { start: 8, end: 13, labelId: labelIdOf(db, 'ACTOR') } },
    });
    expect(gold(db, a)).toEqual([
      [8, 13, 'ACTOR', 'edited', []],
      [17, 23, 'LOCATION', 'accepted', ['alice']],
    ]);
    const after = reviewArticle(db, a);
    expect(after.progress).toEqual({ resolved: 3, conflicts: 3 });
    expect(after.clusters.map((c) => c.status)).toEqual(['unanimous', 'decided', 'decided', 'decided']);
    expect(after.clusters[3]!.decision).toMatchObject({ action: 'reject', decision: null, span: null });
  });

  it('the agreement report compares each annotator with the gold of adjudicated articles', () => {
    const { db, ids, reviewer } = reviewProject([SUMMIT, { ...SUMMIT, title: 'Open', text: SUMMIT.text + ' ' }]);
    const a = ids[0]!;
    const none = agreementReport(loadReview(db, { labels: ['ACTOR'], gold: goldReader }));
    expect(none.gold).toBeNull();
    applyPolicy(db, reviewer);
    decide(db, reviewer, { articleId: a, clusterId: clusterAt(db, a, 8).id, action: { take: 'alice' } });
    setAdjudicated(db, a, true);
    const r = agreementReport(loadReview(db, { labels: ['ACTOR'], gold: goldReader }));
    // Gold ACTOR: Kim and Putin. alice has both; bob has Kim (his Putin is a CLAIM).
    expect(r.gold!.articles).toBe(1);
    expect(r.gold!.by_annotator.map((g) => [g.a, g.articles, g.f1.by_label['ACTOR']])).toEqual([
      ['alice', 1, 1],
      ['bob', 1, 2 / 3],
    ]);
  });

  it('a version taken lists everyone who had it', () => {
    const { db, ids, reviewer } = reviewProject([
      {
        title: 'Three',
        text: 'Kim met Putin.',
        layers: { alice: [[8, 13, 'ACTOR']], bob: [[8, 13, 'ACTOR']], carol: [[8, 13, 'CLAIM']] },
      },
    ]);
    const c = clusterAt(db, ids[0]!, 8);
    expect(c.kinds).toEqual(['label']);
    decide(db, reviewer, { articleId: ids[0]!, clusterId: c.id, action: { take: 'bob' } });
    expect(gold(db, ids[0]!)).toEqual([[8, 13, 'ACTOR', 'accepted', ['alice', 'bob']]]);
  });

  it('the log is append-only: undo appends, and the database refuses updates and deletes', () => {
    const { db, ids, reviewer } = reviewProject([SUMMIT]);
    const a = ids[0]!;
    const putin = clusterAt(db, a, 8);
    decide(db, reviewer, { articleId: a, clusterId: putin.id, action: { take: 'alice' } });
    decide(db, reviewer, { articleId: a, clusterId: putin.id, action: { take: 'bob' } });
    expect(gold(db, a)).toEqual([[8, 13, 'CLAIM', 'accepted', ['bob']]]);
    const count = () => (db.prepare('SELECT count(*) AS n FROM decisions').get() as { n: number }).n;
    expect(count()).toBe(2);

    const undone = undoDecision(db, reviewer);
    expect(undone.map((d) => d.span?.label)).toEqual(['CLAIM']);
    expect(count()).toBe(3);
    expect(gold(db, a)).toEqual([[8, 13, 'ACTOR', 'accepted', ['alice']]]);
    expect(undoDecision(db, reviewer).map((d) => d.span?.label)).toEqual(['ACTOR']);
    expect(gold(db, a)).toEqual([]);
    expect(clusterAt(db, a, 8).status).toBe('open');
    expect(undoDecision(db, reviewer)).toEqual([]);
    expect(count()).toBe(4);

    expect(() => db.prepare(`UPDATE decisions SET label_id = NULL`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM decisions`).run()).toThrow(/append-only/);
    expect(count()).toBe(4);
  });

  it("undo takes back only the reviewer's own last decision", () => {
    const { db, ids, reviewer } = reviewProject([SUMMIT]);
    const a = ids[0]!;
    const other = db
      .prepare(`INSERT INTO annotators (name, role, created_at) VALUES ('otto', 'reviewer', 'c') RETURNING id`)
      .get() as { id: number };
    decide(db, reviewer, { articleId: a, clusterId: clusterAt(db, a, 8).id, action: { take: 'alice' } });
    decide(db, other.id, { articleId: a, clusterId: clusterAt(db, a, 14).id, action: { take: 'bob' } });
    expect(undoDecision(db, reviewer).map((d) => d.reviewer)).toEqual(['rita']);
    expect(gold(db, a)).toEqual([[14, 23, 'LOCATION', 'accepted', ['bob']]]);
  });

  it('refuses bad input with a message naming what is wrong', () => {
    const { db, ids, reviewer } = reviewProject([{ ...SUMMIT, text: '😀 ' + SUMMIT.text.slice(3) }]);
    const a = ids[0]!;
    const putin = clusterAt(db, a, 8);
    expect(message(() => decide(db, reviewer, { articleId: a, clusterId: 'nope', action: { reject: true } }))).toMatch(
      /^NOT_FOUND: article \d+ has no cluster "nope"; its conflicts: /,
    );
    expect(message(() => decide(db, reviewer, { articleId: 999, clusterId: putin.id, action: { reject: true } }))).toBe(
      'NOT_FOUND: article 999 does not exist',
    );
    expect(message(() => decide(db, reviewer, { articleId: a, clusterId: putin.id, action: { take: 'zed' } }))).toBe(
      `BAD_INPUT: "zed" has no version in cluster ${putin.id}; versions: alice, bob`,
    );
    const bad = { articleId: a, clusterId: putin.id, action: { drop: true } } as unknown as Parameters<
      typeof decide
    >[2];
    expect(message(() => decide(db, reviewer, bad))).toMatch(/^BAD_INPUT: action must be \{take: annotator\}/);
    const edit = (start: number, end: number, labelId = labelIdOf(db, 'ACTOR')) =>
      message(() =>
        decide(db, reviewer, { articleId: a, clusterId: putin.id, action: { edit: { start, end, labelId } } }),
      );
    expect(edit(5, 5)).toBe('BAD_INPUT: edited span 5..5 is empty or negative');
    expect(edit(0, 99)).toMatch(/^BAD_INPUT: edited span end 99 is past the end of the article/);
    expect(edit(1, 4)).toBe('BAD_INPUT: edited span 1..4 splits a character (surrogate pair)');
    expect(edit(8, 13, 999)).toBe('NOT_FOUND: label 999 does not exist');
    expect(appErrorCode(() => decide(db, 999, { articleId: a, clusterId: putin.id, action: { reject: true } }))).toBe(
      'NOT_FOUND',
    );
    expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });
  });

  it('offsets are UTF-16 in and out, whatever the text holds', () => {
    // 😀 takes two UTF-16 units: every offset of SUMMIT moves by one.
    const text = '😀' + SUMMIT.text;
    const shift = (l: Layers): Layers =>
      Object.fromEntries(Object.entries(l).map(([k, v]) => [k, v.map(([s, e, x]) => [s + 2, e + 2, x])]));
    const { db, ids, reviewer } = reviewProject([{ title: 'E', text, layers: shift(SUMMIT.layers) }]);
    const a = ids[0]!;
    const art = reviewArticle(db, a);
    expect(art.clusters.map((c) => [c.start, c.end])).toEqual([
      [2, 5],
      [10, 15],
      [16, 25],
      [29, 35],
    ]);
    decide(db, reviewer, { articleId: a, clusterId: art.clusters[2]!.id, action: { take: 'bob' } });
    expect(gold(db, a)).toEqual([[16, 25, 'LOCATION', 'accepted', ['bob']]]);
    expect(text.slice(16, 25)).toBe('in Moscow');
  });
});

describe('merge policy', () => {
  it('unanimous by default: records each automatic decision, leaves conflicts, and one undo takes the run back', () => {
    const { db, ids, reviewer } = reviewProject([SUMMIT, { ...SUMMIT, title: 'Again', text: SUMMIT.text + ' ' }]);
    expect(getPolicy(db)).toEqual({ unanimous: true, majority: false });
    const r = applyPolicy(db, reviewer);
    expect(r).toMatchObject({ articles: 2, unanimous: 2, majority: 0, rejected: 0 });
    expect(r.decisions.map((d) => [d.articleId, d.action, d.decision, d.sources, d.span?.label])).toEqual([
      [ids[0], 'auto', 'unanimous', ['alice', 'bob'], 'ACTOR'],
      [ids[1], 'auto', 'unanimous', ['alice', 'bob'], 'ACTOR'],
    ]);
    expect(gold(db, ids[0]!)).toEqual([[0, 3, 'ACTOR', 'unanimous', ['alice', 'bob']]]);
    expect(reviewArticle(db, ids[0]!).progress).toEqual({ resolved: 0, conflicts: 3 });
    // Nothing is decided twice.
    expect(applyPolicy(db, reviewer).decisions).toEqual([]);
    expect(undoDecision(db, reviewer)).toHaveLength(2);
    expect(gold(db, ids[0]!)).toEqual([]);
    expect(gold(db, ids[1]!)).toEqual([]);
  });

  it('majority: a version more than half the annotators hold, "no span" included; ties stay open', () => {
    const { db, ids, reviewer } = reviewProject([
      {
        title: 'Three',
        text: 'Kim met Putin in Moscow on Monday.',
        layers: {
          alice: [
            [0, 3, 'ACTOR'],
            [8, 13, 'ACTOR'],
            [17, 23, 'LOCATION'],
            [27, 33, 'CLAIM'],
          ],
          bob: [
            [0, 3, 'ACTOR'],
            [8, 13, 'ACTOR'],
            [14, 23, 'LOCATION'],
          ],
          carol: [
            [0, 3, 'ACTOR'],
            [8, 13, 'CLAIM'],
            [17, 23, 'CLAIM'],
          ],
        },
      },
    ]);
    setPolicy(db, { unanimous: true, majority: true });
    const r = applyPolicy(db, reviewer);
    expect(r).toMatchObject({ unanimous: 1, majority: 1, rejected: 1 });
    expect(gold(db, ids[0]!)).toEqual([
      [0, 3, 'ACTOR', 'unanimous', ['alice', 'bob', 'carol']],
      [8, 13, 'ACTOR', 'majority', ['alice', 'bob']],
    ]);
    const monday = r.decisions.find((d) => d.decision === null)!;
    expect(monday).toMatchObject({ action: 'auto', span: null, sources: ['bob', 'carol'] });
    // Moscow: alice 17..23 LOCATION, bob 14..23 LOCATION, carol 17..23 CLAIM: no majority.
    expect(clusterAt(db, ids[0]!, 14).status).toBe('open');
    expect(reviewArticle(db, ids[0]!).progress).toEqual({ resolved: 2, conflicts: 3 });
  });

  it('an explicit policy overrides the setting; a malformed one is refused', () => {
    const { db, reviewer } = reviewProject([SUMMIT]);
    expect(applyPolicy(db, reviewer, { unanimous: false, majority: false }).decisions).toEqual([]);
    expect(message(() => setPolicy(db, { unanimous: 'yes' } as unknown as Parameters<typeof setPolicy>[1]))).toMatch(
      /^BAD_INPUT: a merge policy is \{unanimous: boolean, majority: boolean\}/,
    );
  });
});

describe('review queue', () => {
  const agreeing: Layers = { alice: [[0, 3, 'ACTOR']], bob: [[0, 3, 'ACTOR']] };
  it('lists articles two annotators marked done, lowest agreement first, with filters and progress', () => {
    const { db, ids, reviewer } = reviewProject([
      { title: 'Agree', text: 'Kim agreed.', layers: agreeing },
      SUMMIT,
      { title: 'Alone', text: 'Only alice.', layers: { alice: [[0, 4, 'ACTOR']] } },
      {
        title: 'Half',
        text: 'Kim met Putin.',
        layers: {
          alice: [
            [0, 3, 'ACTOR'],
            [8, 13, 'ACTOR'],
          ],
          bob: [[0, 3, 'ACTOR']],
        },
      },
    ]);
    const [agree, summit, , half] = ids;
    const q = reviewQueue(db, 'all');
    expect(q.items.map((i) => [i.title, i.agreement, i.openConflicts, i.adjudicated])).toEqual([
      ['Summit', 0.25, 3, false],
      ['Half', 0.5, 1, false],
      ['Agree', 1, 0, false],
    ]);
    expect(q.progress).toEqual({ resolved: 0, conflicts: 4 });
    expect(reviewQueue(db, 'open').items.map((i) => i.articleId)).toEqual([summit, half]);

    decide(db, reviewer, { articleId: half!, clusterId: clusterAt(db, half!, 8).id, action: { reject: true } });
    setAdjudicated(db, half!, true);
    setAdjudicated(db, agree!, true);
    expect(reviewQueue(db, 'open').items.map((i) => i.articleId)).toEqual([summit]);
    const adj = reviewQueue(db, 'adjudicated');
    expect(adj.items.map((i) => [i.title, i.progress])).toEqual([
      ['Half', { resolved: 1, conflicts: 1 }],
      ['Agree', { resolved: 0, conflicts: 0 }],
    ]);
    expect(reviewQueue(db).progress).toEqual({ resolved: 1, conflicts: 4 });
    setAdjudicated(db, agree!, false);
    expect(reviewQueue(db, 'adjudicated').items.map((i) => i.title)).toEqual(['Half']);
    expect(reviewArticle(db, half!).adjudicated).toBe(true);
    expect(message(() => reviewQueue(db, 'done' as 'all'))).toBe(
      'BAD_INPUT: queue filter must be one of all, open, adjudicated (got "done")',
    );
    expect(message(() => setAdjudicated(db, 999, true))).toBe('NOT_FOUND: article 999 does not exist');
  });

  it('reviewArticle gives the text, every layer and the clusters as plain data', () => {
    const { db, ids } = reviewProject([SUMMIT]);
    const art = reviewArticle(db, ids[0]!);
    expect(art.text).toBe(SUMMIT.text);
    expect(art.layers.map((l) => [l.annotator, l.spans.map((s) => [s.start, s.end, s.label])])).toEqual([
      ['alice', SUMMIT.layers.alice],
      ['bob', SUMMIT.layers.bob],
    ]);
    expect(JSON.parse(JSON.stringify(art))).toEqual(art);
  });
});
