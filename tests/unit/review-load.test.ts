// The review read from real project files: layers of annotators who marked articles done,
// UTF-16 offsets converted to code points, gold through a reader, and the disagreements
// report written as JSONL and CSV.
import { writeTransaction } from '../../src/main/backend/db/handles';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import { ensureAnnotator } from '../../src/main/backend/annotators';
import type { Db } from '../../src/main/backend/db/open';
import { listLabels } from '../../src/main/backend/labels';
import { disagreementRows, writeDisagreements } from '../../src/main/backend/review/disagreements';
import { clusterArticle } from '../../src/main/backend/review/clusters';
import { loadReview, type GoldReader } from '../../src/main/backend/review/load';
import type { ReviewArticle } from '../../src/main/backend/review/model';
import { agreementReport } from '../../src/main/backend/review/report';
import { createSpan, deleteSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';
import { OffsetMap } from '../../src/shared/offsets';
import { appErrorCode, tempDir, tempProject } from './helpers';
import { agreementCase, caseAnnotators, caseArticles, type AgreementCase } from './fixtures/review';

function labelId(db: Db, name: string): number {
  return listLabels(db).find((l) => l.name === name)!.id;
}

/** Writes a case into the project: code points become UTF-16 offsets, layers are marked done. */
function store(db: Db, c: AgreementCase, titlePrefix = ''): number[] {
  return c.articles.map((a, i) => {
    const { id } = writeTransaction(db, (w) =>
      addArticle(w, { title: `${titlePrefix}Article ${i + 1}`, source: 'test', text: a.text }),
    );
    const map = new OffsetMap(a.text);
    for (const [who, spans] of Object.entries(a.layers)) {
      const annotator = writeTransaction(db, (w) => ensureAnnotator(w, who)).id;
      for (const [s, e, l] of spans) {
        createSpan(db, annotator, {
          articleId: id,
          labelId: labelId(db, l),
          start: map.toUtf16(s),
          end: map.toUtf16(e),
        });
      }
      writeTransaction(db, (w) => setStatus(w, annotator, id, 'done'));
    }
    return id;
  });
}

/** The loaded articles with span ids left out (the project makes its own). */
function withoutIds(articles: Iterable<ReviewArticle>) {
  return [...articles].map((a) => ({
    ...a,
    layers: a.layers.map((l) => ({ ...l, spans: l.spans.map(({ id: _id, ...s }) => s) })),
  }));
}

describe('loading the review from a project', () => {
  it('reads done layers only, in code points, without deleted spans', () => {
    const p = tempProject({ demo: false, annotator: null });
    const db = p.db;
    const text = 'Putin 🤝 Kim met in Pyongyang.';
    const { id } = writeTransaction(db, (w) => addArticle(w, { title: 'Summit', source: 'test', text }));
    const { id: untouched } = writeTransaction(db, (w) =>
      addArticle(w, { title: 'Nobody finished', source: 'test', text: 'Other text.' }),
    );
    const alice = writeTransaction(db, (w) => ensureAnnotator(w, 'alice')).id;
    const bob = writeTransaction(db, (w) => ensureAnnotator(w, 'bob')).id;
    const carol = writeTransaction(db, (w) => ensureAnnotator(w, 'carol')).id;
    const actor = labelId(db, 'ACTOR');
    // "Kim" is 9..12 in UTF-16 (🤝 takes two units) and 8..11 in code points.
    createSpan(db, alice, { articleId: id, labelId: actor, start: 9, end: 12 });
    const gone = createSpan(db, alice, { articleId: id, labelId: actor, start: 0, end: 5 });
    deleteSpan(db, alice, gone.id);
    createSpan(db, carol, { articleId: id, labelId: actor, start: 0, end: 5 });
    createSpan(db, carol, { articleId: untouched, labelId: actor, start: 0, end: 5 });
    writeTransaction(db, (w) => setStatus(w, alice, id, 'done'));
    writeTransaction(db, (w) => setStatus(w, bob, id, 'done'));
    writeTransaction(db, (w) => setStatus(w, carol, id, 'in_progress'));
    const review = loadReview(db);
    expect(review.annotators).toEqual(['alice', 'bob']);
    expect(review.labels).toEqual(['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION']);
    const articles = [...review.articles];
    expect(articles).toHaveLength(1);
    expect(articles[0]!.title).toBe('Summit');
    expect(articles[0]!.gold).toBeNull();
    expect(withoutIds(articles)[0]!.layers).toEqual([
      { annotator: 'alice', spans: [{ label: 'ACTOR', start: 8, end: 11 }] },
      { annotator: 'bob', spans: [] },
    ]);
    expect(db.inTransaction).toBe(false);
  });

  it.each(['emoji', 'white space', 'three annotators', 'nested and overlapping'])(
    'gives the same report as the plain data: %s',
    (name) => {
      const c = agreementCase(name);
      const p = tempProject({ demo: false, annotator: null });
      store(p.db, c);
      const fromDb = agreementReport(loadReview(p.db, { labels: c.labels }));
      const plain = agreementReport({ annotators: caseAnnotators(c), labels: c.labels, articles: caseArticles(c) });
      expect(fromDb).toEqual(plain);
    },
  );

  it('reads past a page of articles', () => {
    const c = agreementCase('total disagreement');
    const p = tempProject({ demo: false, annotator: null });
    const many: AgreementCase = {
      ...c,
      articles: Array.from({ length: 300 }, (_, i) => ({ ...c.articles[0]!, text: `${c.articles[0]!.text} ${i}` })),
    };
    store(p.db, many);
    const r = agreementReport(loadReview(p.db, { labels: ['ACTOR'] }));
    expect(r.pairs[0]!.articles).toBe(300);
    expect(r).toEqual(
      agreementReport({ annotators: ['alice', 'bob'], labels: ['ACTOR'], articles: caseArticles(many) }),
    );
  });

  it('labels are matched case-insensitively and kept in the project order; unknown ones are named', () => {
    const p = tempProject({ demo: false, annotator: null });
    expect(loadReview(p.db, { labels: ['claim', 'Actor'] }).labels).toEqual(['ACTOR', 'CLAIM']);
    expect(appErrorCode(() => loadReview(p.db, { labels: ['ACTOR', 'PERSON'] }))).toBe('BAD_INPUT');
    expect(() => loadReview(p.db, { labels: ['PERSON'] })).toThrow(
      'no label named "PERSON"; labels: ACTOR, CLAIM, LOCATION, SANCTION',
    );
  });

  it('takes gold spans from a reader: UTF-16 offsets converted, adjudicated articles only', () => {
    const p = tempProject({ demo: false, annotator: null });
    const [id] = store(p.db, agreementCase('emoji'));
    store(p.db, agreementCase('total disagreement'));
    // Gold as the reader of an adjudication table would return it: the first article only.
    // "Kim" and "🤝 Putin" are 7..10 and 11..19 in UTF-16 (😀🇺🇦 take six units, 🤝 two).
    const gold: GoldReader = (_db, ids) => ({
      adjudicated: ids.filter((a) => a === id),
      spans: ids.includes(id!)
        ? [
            { articleId: id!, id: 'g1', labelId: labelId(p.db, 'ACTOR'), start: 7, end: 10 },
            { articleId: id!, id: 'g2', labelId: labelId(p.db, 'ACTOR'), start: 11, end: 19 },
          ]
        : [],
    });
    const review = loadReview(p.db, { labels: ['ACTOR'], gold });
    const articles = [...review.articles];
    expect(articles[0]!.gold).toEqual([
      { id: 'g1', label: 'ACTOR', start: 4, end: 7 },
      { id: 'g2', label: 'ACTOR', start: 8, end: 15 },
    ]);
    expect(articles[1]!.gold).toBeNull();
    const r = agreementReport({ ...review, articles });
    expect(r.gold!.articles).toBe(1);
    // alice has Kim and Putin (one exact), bob has Kim and 🤝 Putin (both exact).
    expect(r.gold!.by_annotator.map((g) => [g.a, g.articles, g.f1.overall, g.f1_overlap.overall])).toEqual([
      ['alice', 1, 0.5, 1],
      ['bob', 1, 1, 1],
    ]);
  });
});

describe('the disagreements report', () => {
  const layers = {
    alice: [
      [0, 5, 'ACTOR'],
      [8, 11, 'ACTOR'],
      [19, 28, 'LOCATION'],
    ] as [number, number, string][],
    bob: [
      [0, 5, 'ACTOR'],
      [8, 11, 'CLAIM'],
      [16, 28, 'LOCATION'],
    ] as [number, number, string][],
    carol: [[0, 5, 'ACTOR']] as [number, number, string][],
  };
  const c: AgreementCase = {
    name: 'report',
    labels: ['ACTOR', 'CLAIM', 'LOCATION'],
    articles: [{ text: 'Putin 🤝 Kim met in Pyongyang.', layers }],
  };

  it('one row per cluster that is not unanimous, versions in code points with their text', () => {
    const [article] = caseArticles(c);
    const rows = disagreementRows(article!, clusterArticle(article!));
    // Putin (0..5) is unanimous: no row.
    expect(rows.map((r) => r.kind)).toEqual(['label+partial', 'boundary+partial']);
    const label = rows[0]!;
    expect(label.versions).toEqual({
      alice: { start: 8, end: 11, label: 'ACTOR', text: 'Kim' },
      bob: { start: 8, end: 11, label: 'CLAIM', text: 'Kim' },
      carol: null,
    });
    expect(label).toMatchObject({ article_id: 1, title: 'Article 1', start: 8, end: 11, decision: '' });
    expect(label.context).toBe('Putin 🤝 Kim met in Pyongyang.');
    expect(label.context_start).toBe(0);
    expect(rows[1]!.versions['bob']!.text).toBe('in Pyongyang');
  });

  it('the row in docs/review.md is the worked example, cluster id included', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/review.md'), 'utf8');
    const line = /\n {2}```text\n {2}(\{"cluster".*)\n/.exec(doc);
    expect(line).not.toBeNull();
    const [article] = caseArticles(agreementCase('emoji'));
    const rows = disagreementRows(article!, clusterArticle(article!));
    expect(rows.map((r) => JSON.stringify(r))).toEqual([line![1]]);
  });

  it('context is the text around the cluster, cut in code points', () => {
    const text = '😀'.repeat(100) + 'Kim' + '🤝'.repeat(100);
    const article: ReviewArticle = {
      id: 9,
      title: 't',
      text,
      layers: [
        { annotator: 'a', spans: [{ id: 's', label: 'ACTOR', start: 100, end: 103 }] },
        { annotator: 'b', spans: [] },
      ],
    };
    const [row] = disagreementRows(article, clusterArticle(article));
    expect(row!.context_start).toBe(40);
    expect(row!.context).toBe('😀'.repeat(60) + 'Kim' + '🤝'.repeat(60));
  });

  it('writes JSONL and CSV from a project, and refuses other extensions and the project file', async () => {
    const p = tempProject({ demo: false, annotator: null });
    store(p.db, c, 'Summit, "day one"\n');
    const one = agreementCase('three annotators');
    store(p.db, one);
    const dir = tempDir();
    const review = () => loadReview(p.db);

    const jsonl = path.join(dir, 'd.jsonl');
    const s = await writeDisagreements(p.file, review().annotators, review().articles, jsonl);
    // 2 rows from the summit, 3 + 2 from the two articles two or more annotators finished.
    expect(s).toMatchObject({ format: 'jsonl', articles: 3, rows: 7 });
    const rows = fs
      .readFileSync(jsonl, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; kind: string; cluster: string });
    expect(rows).toHaveLength(7);
    expect(rows[0]!.title).toBe('Summit, "day one"\nArticle 1');
    expect(Object.values(s.byKind).reduce((a, b) => a + b, 0)).toBe(7);

    const csv = path.join(dir, 'd.csv');
    await writeDisagreements(p.file, review().annotators, review().articles, csv);
    const text = fs.readFileSync(csv, 'utf8');
    const header = text.slice(0, text.indexOf('\r\n'));
    expect(header).toBe(
      'cluster,article_id,title,kind,start,end,context_start,context,' +
        'alice start,alice end,alice label,alice text,bob start,bob end,bob label,bob text,' +
        'carol start,carol end,carol label,carol text,decision',
    );
    // The title's comma, quotes and line break are quoted; carol has no span at 8..11.
    expect(text).toContain(
      `,"Summit, ""day one""\nArticle 1",label+partial,8,11,0,Putin 🤝 Kim met in Pyongyang.,` +
        '8,11,ACTOR,Kim,8,11,CLAIM,Kim,,,(no span),,\r\n',
    );
    // The third article only bob finished: no rows; the second has no carol layer on it.
    expect(text.split('\r\n').filter((l) => l.includes(rows[0]!.cluster))).toHaveLength(1);

    await expect(writeDisagreements(p.file, [], [], path.join(dir, 'd.txt'))).rejects.toThrow(
      'cannot tell the format of ' + path.join(dir, 'd.txt') + ' from its extension (.txt): name it .jsonl or .csv',
    );
    // A .jsonl name that is a link to the project file is the project file.
    const link = path.join(dir, 'link.jsonl');
    fs.symlinkSync(p.file, link);
    const before = fs.readFileSync(p.file);
    await expect(writeDisagreements(p.file, [], [], link)).rejects.toThrow(/refusing to export to .*the project file/);
    expect(fs.readFileSync(p.file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['d.csv', 'd.jsonl', 'link.jsonl']);
  });
});
