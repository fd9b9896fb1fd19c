// The article list's pages and counts against real SQLite: every filter read page by page from
// the row before (keyset), back from the row after, and by index with nothing to start from,
// compared with the list worked out here from the same statuses; positions and totals right
// after imports, status changes and edits; the position table kept by its triggers.
import { describe, expect, it } from 'vitest';
import { listArticles, type ListFilter } from '../../src/main/backend/article-list';
import { addArticle, getArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import type { Project } from '../../src/main/backend/project';
import { getProgress, setStatus } from '../../src/main/backend/status';
import type { ArticleStatus } from '../../src/shared/model';
import { mulberry32 } from '../fixtures/random';
import { tempProject } from './helpers';

const FILTERS: ListFilter[] = ['all', 'todo', 'in_progress', 'done'];

/** `n` articles added in one write, with their ids. */
function addArticles(p: Project, n: number, from = 0): number[] {
  return writeTransaction(p.db, (w) =>
    Array.from(
      { length: n },
      (_, i) => addArticle(w, { title: `A${from + i}`, source: 's', text: `Article ${from + i} text.` }).id,
    ),
  );
}

/** Seeded statuses for one person: a third done, a sixth in progress, some explicit 'todo' rows. */
function setStatuses(p: Project, annotator: number, ids: number[], seed: number): void {
  const rnd = mulberry32(seed);
  writeTransaction(p.db, (w) => {
    for (const id of ids) {
      const r = rnd();
      const status: ArticleStatus | null = r < 0.33 ? 'done' : r < 0.5 ? 'in_progress' : r < 0.55 ? 'todo' : null;
      if (status) setStatus(w, annotator, id, status);
    }
  });
}

/** The list as it should be: every article's id, status and position, from plain reads. */
function expected(p: Project, annotator: number, filter: ListFilter) {
  const rows = p.db
    .prepare(
      `SELECT a.id, coalesce(st.status, 'todo') AS status FROM articles a
         LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = ? ORDER BY a.id`,
    )
    .all(annotator) as { id: number; status: ArticleStatus }[];
  return rows
    .map((r, position) => ({ id: r.id, status: r.status, position }))
    .filter((r) => filter === 'all' || r.status === filter);
}

const brief = (items: { id: number; status: ArticleStatus; position: number }[]) =>
  items.map(({ id, status, position }) => ({ id, status, position }));

function expectListsRight(p: Project, annotator: number, limit: number): void {
  for (const filter of FILTERS) {
    const want = expected(p, annotator, filter);
    // Page by page, each read on from the last row of the one before.
    const walked: typeof want = [];
    let after: number | undefined;
    for (let at = 0; at < want.length + limit; at += limit) {
      const page = listArticles(p.db, annotator, { status: filter, at, limit, after });
      expect(page.total, filter).toBe(want.length);
      walked.push(...brief(page.items));
      after = page.items.at(-1)?.id ?? after;
    }
    expect(walked, filter).toEqual(want);
    // Any index at all, with nothing to start from (a jump): near the start, the middle, the end.
    for (const at of [0, 1, Math.floor(want.length / 3), Math.floor(want.length / 2) + 1, want.length - 2]) {
      if (at < 0) continue;
      const page = listArticles(p.db, annotator, { status: filter, at, limit });
      expect(brief(page.items), `${filter} at ${at}`).toEqual(want.slice(at, at + limit));
    }
    // Back from the row after the page (scrolling up into rows not yet read).
    if (want.length > limit + 5) {
      const at = want.length - limit - 5;
      const page = listArticles(p.db, annotator, { status: filter, at, limit, before: want[at + limit]!.id });
      expect(brief(page.items), `${filter} before`).toEqual(want.slice(at, at + limit));
    }
    expect(listArticles(p.db, annotator, { status: filter, at: want.length, limit }).items).toEqual([]);
  }
}

describe('the article list by key and by index', () => {
  it('gives every filter the same rows page by page, by jump and backwards, for each person apart', () => {
    const p = tempProject({ demo: false });
    const ana = p.requireAnnotator();
    const ids = addArticles(p, 400);
    setStatuses(p, ana, ids, 1);
    p.setAnnotator('bo');
    const bo = p.requireAnnotator();
    setStatuses(p, bo, ids, 2);
    expectListsRight(p, ana, 37);
    expectListsRight(p, bo, 50);
    expect(expected(p, ana, 'done')).not.toEqual(expected(p, bo, 'done'));
  });

  it('finds a row at any index of a long list, counted through in steps', () => {
    const p = tempProject({ demo: false });
    const me = p.requireAnnotator();
    const ids = addArticles(p, 7000);
    setStatuses(p, me, ids, 5);
    for (const filter of FILTERS) {
      const want = expected(p, me, filter);
      for (const at of [2047, 2048, 3001, 4099, 5555, want.length - 1]) {
        if (at >= want.length) continue;
        const page = listArticles(p.db, me, { status: filter, at, limit: 3 });
        expect(brief(page.items), `${filter} at ${at}`).toEqual(want.slice(at, at + 3));
      }
    }
  });

  it('stays right after an import and status changes, totals at once', () => {
    const p = tempProject({ demo: false });
    const me = p.requireAnnotator();
    const first = addArticles(p, 120);
    setStatuses(p, me, first, 3);
    const before = listArticles(p.db, me, { status: 'done', at: 0, limit: 500 }).total;
    const more = addArticles(p, 80, 120);
    setStatuses(p, me, more, 4);
    // Someone marks articles done and takes one back to in progress.
    writeTransaction(p.db, (w) => {
      setStatus(w, me, first[0]!, 'done');
      setStatus(w, me, first[1]!, 'in_progress');
      setStatus(w, me, more.at(-1)!, 'done');
    });
    expect(listArticles(p.db, me, { status: 'done', at: 0, limit: 500 }).total).toBeGreaterThan(before);
    expectListsRight(p, me, 30);
    const late = getArticle(p.db, me, more.at(-1)!);
    expect([late.position, late.status]).toEqual([199, 'done']);
  });

  it("reads each row's title and source as the article has them, on every way to a page", () => {
    const p = tempProject({ demo: false });
    const me = p.requireAnnotator();
    const ids = writeTransaction(p.db, (w) =>
      Array.from(
        { length: 300 },
        (_, i) =>
          addArticle(w, {
            title: i % 7 === 0 ? `Überschrift ${i} — 東京 🚀 ${'long '.repeat(i % 40)}` : `Title ${i}`,
            source: i % 3 === 0 ? `feeds/${i}.jsonl` : 'wire',
            text: `Body ${i} ${'word '.repeat(600)}`,
          }).id,
      ),
    );
    setStatuses(p, me, ids, 9);
    const want = new Map(
      (
        p.db.prepare('SELECT id, title, source FROM articles').all() as { id: number; title: string; source: string }[]
      ).map((a) => [a.id, { title: a.title, source: a.source }]),
    );
    const pages = [
      listArticles(p.db, me, { status: 'all', at: 0, limit: 200 }),
      listArticles(p.db, me, { status: 'all', at: 150, limit: 200 }),
      listArticles(p.db, me, { status: 'done', at: 10, limit: 50 }),
      listArticles(p.db, me, { status: 'todo', at: 0, limit: 50, after: ids[20] }),
      listArticles(p.db, me, { status: 'all', at: 100, limit: 50, before: ids[150] }),
      listArticles(p.db, me, { status: 'all', at: 0, limit: 50, titleQuery: 'Überschrift' }),
    ];
    for (const page of pages) {
      expect(page.items.length).toBeGreaterThan(0);
      for (const item of page.items) expect({ title: item.title, source: item.source }).toEqual(want.get(item.id));
    }
    expect(pages[5]!.items.map((a) => a.id)).toEqual(ids.filter((_, i) => i % 7 === 0).slice(0, 50));
  });

  it('keeps the progress counts right after each edit and status change', () => {
    const p = tempProject({ demo: false });
    const me = p.requireAnnotator();
    const ids = addArticles(p, 10);
    const count = (status: ArticleStatus) => expected(p, me, status).length;
    const expectProgress = () =>
      expect(getProgress(p.db, me)).toEqual({
        total: 10,
        todo: count('todo'),
        inProgress: count('in_progress'),
        done: count('done'),
        skipped: count('skipped'),
        flagged: count('flagged'),
      });
    expectProgress();
    const label = p.handlers.listLabels({})[0]!.id;
    // The first span moves the article to in progress.
    const span = p.handlers.createSpan({ articleId: ids[2]!, labelId: label, start: 0, end: 7 });
    expect(getProgress(p.db, me)).toMatchObject({ inProgress: 1, todo: 9 });
    expectProgress();
    p.handlers.setStatus({ articleId: ids[2]!, status: 'done' });
    p.handlers.deleteSpan({ id: span.id });
    expect(getProgress(p.db, me)).toMatchObject({ done: 1, inProgress: 0, todo: 9 });
    p.handlers.setStatus({ articleId: ids[2]!, status: 'todo' });
    expectProgress();
    expect(getProgress(p.db, me)).toMatchObject({ done: 0, todo: 10 });
  });

  it('shifts positions for an article inserted below the last id, and for a deleted one', () => {
    const p = tempProject({ demo: false });
    const me = p.requireAnnotator();
    const ids = addArticles(p, 6);
    writeTransaction(p.db, (w) => setStatus(w, me, ids[4]!, 'done'));
    // Room below: take the second article out (its status with it), then put a row in its place.
    writeTransaction(p.db, (w) => w.prepare('DELETE FROM articles WHERE id = ?').run(ids[1]));
    expect(listArticles(p.db, me, { status: 'all', at: 0, limit: 10 }).items.map((a) => a.position)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    writeTransaction(p.db, (w) =>
      w
        .prepare(
          "INSERT INTO articles (id, title, source, text, content_hash, created_at) VALUES (?, 'back', 's', 'back', 'h', '')",
        )
        .run(ids[1]),
    );
    expectListsRight(p, me, 4);
    expect(getArticle(p.db, me, ids[5]!).position).toBe(5);
    expect(getProgress(p.db, me)).toEqual({ total: 6, todo: 5, inProgress: 0, done: 1, skipped: 0, flagged: 0 });
  });
});
