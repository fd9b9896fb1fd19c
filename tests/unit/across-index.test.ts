// The sentence index stored in the project: kept up to date from the articles the triggers
// mark, it must hold exactly what a build from scratch finds — after imports, deletions,
// re-imports and edited texts — while an import of a hundred articles indexes those hundred
// and reads again only the copies they share sentences with. Built in a job when many wait.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexState, refreshIndex, StoredClusters } from '../../src/main/backend/across/index-store';
import { INDEX_ON_THE_SPOT } from '../../src/main/backend/across/index-access';
import { APP_BUSY_TIMEOUT_MS } from '../../src/main/backend/db/busy';
import { SentenceIndex } from '../../src/main/backend/across/sentence-index';
import { sketch } from '../../src/main/backend/across/sketch';
import { contentHash } from '../../src/main/backend/articles';
import { SketchFeed } from '../../src/main/backend/across/sketch-feed';
import { sourceJobsHost, sourceWorkerUrl, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { Project } from '../../src/main/backend/project';
import type { JobEvent } from '../../src/shared/jobs';
import { syndicatedTexts } from '../../bench/lib/synth';
import { emptyProject, imp, jsonl, write } from './fixtures/io';
import { RESOURCES, tempDir } from './helpers';

type Db = Project['db'];

function insert(db: Db, texts: { title: string; text: string }[]): number[] {
  const ins = db.prepare(
    "INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES (?, 'test', ?, '{}', ?, '2026-01-01')",
  );
  return db.transaction(() =>
    texts.map((t) => Number(ins.run(t.title, t.text, `${t.title}:${Math.random()}`).lastInsertRowid)),
  )();
}

/** The index built from nothing over the project's articles as they are now. */
function scratch(db: Db): SentenceIndex {
  const index = new SentenceIndex({ keepText: false });
  for (const r of db.prepare('SELECT id, text FROM articles ORDER BY id').all() as { id: number; text: string }[])
    index.add(r.id, r.text);
  return index;
}

/** Everything the index says, in a form two indexes can be compared by. */
function contents(view: SentenceIndex | StoredClusters, ids: number[]) {
  const pairs = view.pairScores();
  return {
    clusters: view.clusters(),
    each: ids.map((id) => view.cluster(id)),
    pairs,
    matches: pairs.map((p) => view.matchesWith(p.a, p.b)),
    reverse: pairs.map((p) => view.matchesWith(p.b, p.a)),
  };
}

function ids(db: Db): number[] {
  return (db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

function expectSameAsScratch(db: Db): void {
  expect(indexState(db).dirty).toBe(0);
  const all = ids(db);
  expect(indexState(db).indexed).toBe(all.length);
  expect(contents(new StoredClusters(db), all)).toEqual(contents(scratch(db), all));
}

const TEXTS = [...syndicatedTexts(400, 7)];

describe('the stored sentence index', () => {
  it('equals a build from scratch after imports, deletions, re-imports and edited texts', () => {
    const p = emptyProject();
    const db = p.db;
    insert(db, TEXTS.slice(0, 200));
    // A whole build (nothing indexed yet) runs in memory and writes in chunks.
    expect(refreshIndex(db, { chunk: 64 })).toMatchObject({ added: 200, removed: 0, reread: 0 });
    expectSameAsScratch(db);
    expect(new StoredClusters(db).clusters().length).toBeGreaterThan(10);

    insert(db, TEXTS.slice(200, 300));
    expect(refreshIndex(db)).toMatchObject({ added: 100, removed: 0 });
    expectSameAsScratch(db);

    // Deleting articles inside clusters (their roots among them) splits and shrinks clusters.
    const clustered = new StoredClusters(db).clusters();
    const gone = clustered.slice(0, 12).map((c) => c[0]!);
    const texts = gone.map((id) => db.prepare('SELECT title, text FROM articles WHERE id = ?').get(id)) as {
      title: string;
      text: string;
    }[];
    db.prepare(`DELETE FROM articles WHERE id IN (${gone.join(',')})`).run();
    expect(refreshIndex(db)).toMatchObject({ added: 0, removed: 12 });
    expectSameAsScratch(db);
    for (const id of gone) expect(new StoredClusters(db).cluster(id)).toEqual([]);

    // Imported again (new ids), with more: they rejoin their copies.
    insert(db, [...texts, ...TEXTS.slice(300, 340)]);
    expect(refreshIndex(db)).toMatchObject({ added: 52, removed: 0 });
    expectSameAsScratch(db);

    // A text changed in place is taken out and indexed again.
    const [a, b] = new StoredClusters(db).clusters()[0]!;
    db.prepare('UPDATE articles SET text = ? WHERE id = ?').run(TEXTS[399]!.text, a);
    db.prepare('UPDATE articles SET text = ? WHERE id = ?').run(
      (db.prepare('SELECT text FROM articles WHERE id = ?').get(a) as { text: string }).text + ' Extra.',
      b,
    );
    expect(refreshIndex(db)).toMatchObject({ added: 2, removed: 2 });
    expectSameAsScratch(db);

    // And the same project indexed again from nothing stores the same.
    const before = contents(new StoredClusters(db), ids(db));
    db.exec(
      'DELETE FROM sentence_articles; DELETE FROM sentence_keys; DELETE FROM sentence_pairs; DELETE FROM sentence_matches; INSERT INTO sentence_dirty SELECT id FROM articles',
    );
    refreshIndex(db);
    expect(contents(new StoredClusters(db), ids(db))).toEqual(before);
    p.close();
  });

  it('a whole build with a helper thread sketching ahead stores exactly what one thread stores', () => {
    const one = emptyProject();
    const two = emptyProject();
    for (const p of [one, two]) insert(p.db, TEXTS);
    expect(refreshIndex(one.db, { chunk: 64 })).toMatchObject({ added: 400, helped: 0 });
    const script = { url: sourceWorkerUrl(), execArgv: ['--import', 'tsx'], projectFile: two.file };
    const stats = refreshIndex(two.db, {
      chunk: 64,
      sketchFeed: (ids) => {
        // The helper is given a head start here, so that it sketches some and the build the rest.
        const feed = new SketchFeed(script, ids);
        const pause = new Int32Array(new SharedArrayBuffer(4));
        for (const until = Date.now() + 30_000; feed.posted() < 100 && Date.now() < until;)
          Atomics.wait(pause, 0, 0, 20);
        return feed;
      },
    });
    expect(stats.added).toBe(400);
    expect(stats.helped).toBeGreaterThanOrEqual(100);
    expect(stats.helped).toBeLessThanOrEqual(400);
    expectSameAsScratch(two.db);
    const rows = (db: Db) =>
      [
        'SELECT article_id, cluster, words, hex(keys) FROM sentence_articles ORDER BY 1',
        'SELECT key, article_id FROM sentence_keys ORDER BY 1, 2',
        'SELECT * FROM sentence_pairs ORDER BY 1, 2',
        'SELECT * FROM sentence_matches ORDER BY 1, 2, 3, 4',
      ].map((q) => db.prepare(q).raw().all());
    expect(rows(two.db)).toEqual(rows(one.db));
    one.close();
    two.close();
  });

  it("the helper's sketch of a text that changed since it read it is refused; of the same text, taken", () => {
    const p = emptyProject();
    const two = insert(p.db, TEXTS.slice(0, 2));
    const rows = two.map(
      (id) =>
        p.db.prepare('SELECT text, content_hash AS hash FROM articles WHERE id = ?').get(id) as {
          text: string;
          hash: string;
        },
    );
    const feed = new SketchFeed({ url: sourceWorkerUrl(), execArgv: ['--import', 'tsx'], projectFile: p.file }, two);
    try {
      // Both sketched by the helper before the build asks (the build never waits for one it has not begun).
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (const until = Date.now() + 30_000; feed.posted() < 2 && Date.now() < until;) Atomics.wait(pause, 0, 0, 20);
      expect(feed.posted()).toBe(2);
      expect(feed.take(0, contentHash(`${rows[0]!.text} Edited since.`))).toBeUndefined();
      expect(feed.take(1, rows[1]!.hash)).toEqual(sketch(rows[1]!.text));
      expect(feed.stats).toEqual({ taken: 1, refused: 1 });
    } finally {
      feed.close();
    }
    p.close();
  });

  it('an import of 100 articles indexes those and reads again only the articles sharing a key with them', () => {
    const p = emptyProject();
    insert(p.db, TEXTS.slice(0, 300));
    refreshIndex(p.db);
    const dir = tempDir();
    // 95 new stories (another seed) and 5 copies of indexed ones with a new first line.
    const fresh = [...syndicatedTexts(95, 99)].map((t) => ({ text: t.text, meta: { title: `new ${t.id}` } }));
    const copies = [10, 20, 30, 40, 50].map((i) => ({
      text: `Reprinted\n\n${TEXTS[i]!.text}`,
      meta: { title: `copy ${i}` },
    }));
    write(dir, 'more.jsonl', jsonl([...fresh, ...copies]));
    imp(p.db, [dir], { as: 'model' });
    expect(indexState(p.db)).toEqual({ indexed: 300, dirty: 100 });
    const stats = refreshIndex(p.db);
    expect(stats).toMatchObject({ added: 100, removed: 0 });
    // Read again: exactly the indexed articles sharing a key with a new one (the five originals
    // among them), each once; the rest are not touched.
    const sharing = p.db
      .prepare(
        `SELECT count(DISTINCT old.article_id) AS n FROM sentence_keys new JOIN sentence_keys old ON old.key = new.key
         WHERE new.article_id > 300 AND old.article_id <= 300`,
      )
      .get() as { n: number };
    expect(stats.reread).toBe(sharing.n);
    expect(stats.reread).toBeGreaterThanOrEqual(5);
    expect(stats.reread).toBeLessThan(100);
    expectSameAsScratch(p.db);
    const stored = new StoredClusters(p.db);
    const copyIds = (
      p.db.prepare("SELECT id, title FROM articles WHERE title LIKE 'copy %' ORDER BY id").all() as {
        id: number;
        title: string;
      }[]
    ).map((r) => r.id);
    expect(copyIds.map((id, k) => stored.cluster(id).includes([10, 20, 30, 40, 50][k]! + 1))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    p.close();
  });

  it('keeps the demo set’s clusters: 000 and 001 together, 002 and 004 join them, 003 apart', () => {
    const p = Project.open(path.join(tempDir(), 'demo.spanwise'), { resourcesDir: RESOURCES, demo: true });
    p.setAnnotator('ana');
    const rows = p.db.prepare('SELECT id, title FROM articles ORDER BY id').all() as { id: number }[];
    expect(rows.length).toBe(5);
    const [a000, a001, a002, a003, a004] = rows.map((r) => r.id) as [number, number, number, number, number];
    // Listing suggestions indexes the five articles on the spot.
    const list = p.handlers.listSuggestions({ articleId: a001 });
    expect(list.index).toBeUndefined();
    expect(list.cluster.map((c) => c.articleId)).toEqual([a000, a002, a004]);
    const stored = new StoredClusters(p.db);
    expect(stored.clusters()).toEqual([[a000, a001, a002, a004]]);
    expect(stored.cluster(a003)).toEqual([a003]);
    expect(
      contents(
        stored,
        rows.map((r) => r.id),
      ),
    ).toEqual(
      contents(
        scratch(p.db),
        rows.map((r) => r.id),
      ),
    );
    p.close();
  });
});

describe('the background build', () => {
  let events: JobEvent[] = [];
  let host: JobsHost;
  beforeEach(() => {
    events = [];
    host = sourceJobsHost((e) => events.push(e));
  });
  afterEach(async () => {
    await host.runner.shutdown();
  });

  it('starts when a project opens with many articles waiting, reports progress, and suggestions say it is building', async () => {
    const file = path.join(tempDir(), 'big.spanwise');
    const made = Project.open(file, { resourcesDir: RESOURCES, demo: true, create: true });
    const n = INDEX_ON_THE_SPOT + 100;
    insert(made.db, [...syndicatedTexts(n, 5)]);
    made.close();
    expect(fs.existsSync(file)).toBe(true);

    const p = Project.open(file, { resourcesDir: RESOURCES, jobs: host });
    p.setAnnotator('ana');
    const job = host.runner.list().find((j) => j.kind === 'sentence-index');
    expect(job).toBeDefined();
    // Until it is done, copies are not suggested and the answer says so; own labels still are.
    const text = p.handlers.getArticle({ id: 1 }).text;
    const actor = p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!.id;
    const at = text.indexOf('Adrienne Watson');
    p.handlers.createSpan({ articleId: 1, labelId: actor, start: at, end: at + 'Adrienne Watson'.length });
    const during = p.handlers.listSuggestions({ articleId: 2 });
    expect(during.index).toMatchObject({ state: 'building', total: n + 5 });
    expect(during.cluster).toEqual([]);
    expect(during.suggestions.every((s) => s.sources.every((x) => x.kind === 'own'))).toBe(true);
    expect(during.suggestions.some((s) => s.text === 'Adrienne Watson')).toBe(true);

    const end = await host.runner.wait(job!.id);
    expect(end.phase).toBe('done');
    expect(end.report).toBe(`Sentence index: ${n + 5} articles indexed.`);
    const progress = events
      .filter((e) => e.type === 'job' && e.job.id === job!.id && e.job.phase === 'running' && e.job.progress.done > 0)
      .map((e) => (e.type === 'job' ? e.job.progress : null)!);
    expect(progress.length).toBeGreaterThan(0);
    for (const pr of progress) {
      expect(pr.unit).toBe('articles');
      expect(pr.total).toBe(n + 5);
      expect(pr.done).toBeLessThanOrEqual(n + 5);
      expect(pr.message).toBe(`${pr.done} of ${n + 5} articles`);
    }
    expect(indexState(p.db)).toEqual({ indexed: n + 5, dirty: 0 });
    const after = p.handlers.listSuggestions({ articleId: 2 });
    expect(after.index).toBeUndefined();
    expect(after.cluster.map((c) => c.articleId)).toEqual([1, 3, 5]);
    expect(after.suggestions.some((s) => s.sources.some((x) => x.kind === 'copy'))).toBe(true);
    expectSameAsScratch(p.db);
    p.close();
  });

  it('leaves the write lock free often enough that the window’s edits meanwhile are all taken', async () => {
    const file = path.join(tempDir(), 'many.spanwise');
    const made = Project.open(file, { resourcesDir: RESOURCES, demo: false, create: true });
    insert(made.db, [...syndicatedTexts(3_000, 11)]);
    made.close();

    const p = Project.open(file, { resourcesDir: RESOURCES, jobs: host });
    // As the window's connection waits for the lock (workspace.ts).
    p.db.pragma(`busy_timeout = ${APP_BUSY_TIMEOUT_MS}`);
    p.setAnnotator('ana');
    const job = host.runner.list().find((j) => j.kind === 'sentence-index')!;
    const running = () => host.runner.list().some((j) => j.id === job.id && j.phase !== 'done');
    const refused: string[] = [];
    let during = 0;
    for (let k = 0; running(); k++) {
      try {
        p.handlers.setStatus({ articleId: 1 + (k % 50), status: k % 2 ? 'done' : 'in_progress' });
        // Counted only while the build still runs after the write: those are the edits it could block.
        if (running()) during++;
      } catch (err) {
        refused.push(String(err));
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await host.runner.wait(job.id)).phase).toBe('done');
    expect(refused).toEqual([]);
    expect(during).toBeGreaterThan(20);
    expect(indexState(p.db)).toEqual({ indexed: 3_000, dirty: 0 });
    p.close();
  });
});
