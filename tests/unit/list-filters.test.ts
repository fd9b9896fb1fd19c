// The article list's filters beyond status: "has spans of label X", "has no spans of label X"
// (for the current person, live spans only), a full-text query over titles and texts, and the
// title query, alone and combined with each status. Each combination is read page by page by
// key, back from a row, and by index with nothing to start from, and compared with the list
// worked out here from plain reads of the same project; real SQLite throughout.
import { describe, expect, it } from 'vitest';
import { listArticles, type ListFilter, type ListQuery } from '../../src/main/backend/article-list';
import { addArticle } from '../../src/main/backend/articles';
import { ensureAnnotator } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import type { Project } from '../../src/main/backend/project';
import { createSpan, deleteSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';
import type { ArticleStatus } from '../../src/shared/model';
import { mulberry32 } from '../fixtures/random';
import { appErrorCode, tempProject } from './helpers';

const N = 240;

interface Fixture {
  p: Project;
  me: number;
  actor: number;
  place: number;
  /** Per article: its title, text, status for me, and my live labels. */
  rows: { id: number; title: string; text: string; status: ArticleStatus; labels: Set<number> }[];
}

/** Articles with and without the words searched for; spans of two labels for two people, some deleted. */
function fixture(): Fixture {
  const p = tempProject({ demo: false });
  const me = p.annotatorId!;
  const labels = p.handlers.listLabels({});
  const actor = labels.find((l) => l.name === 'ACTOR')!.id;
  const place = labels.find((l) => l.name === 'LOCATION')!.id;
  const rnd = mulberry32(7);
  const rows: Fixture['rows'] = [];
  writeTransaction(p.db, (w) => {
    const other = ensureAnnotator(w, 'bo').id;
    for (let i = 0; i < N; i++) {
      const text =
        `Article ${i} opens here. ` +
        (i % 3 === 0 ? 'New sanctions on exports. ' : '') +
        (i % 5 === 0 ? 'Kim Jong-un spoke. ' : 'Nobody spoke. ');
      const title = `Report A${i}`;
      const id = addArticle(w, { title, source: 's', text }).id;
      const mine = new Set<number>();
      for (const label of [actor, place]) {
        const r = rnd();
        if (r < 0.35) {
          createSpan(w, me, { articleId: id, labelId: label, start: 0, end: 7 });
          mine.add(label);
        } else if (r < 0.45) {
          // A span deleted since: a tombstone is not a label the article has.
          deleteSpan(w, me, createSpan(w, me, { articleId: id, labelId: label, start: 0, end: 7 }).id);
        }
      }
      // Someone else's spans never count for me.
      if (rnd() < 0.5) createSpan(w, other, { articleId: id, labelId: actor, start: 8, end: 9 });
      const r = rnd();
      const status: ArticleStatus = r < 0.3 ? 'done' : r < 0.4 ? 'skipped' : r < 0.5 ? 'flagged' : 'todo';
      // A span makes an article in progress; the rest keep what is set here.
      if (status !== 'todo') setStatus(w, me, id, status);
      rows.push({ id, title, text, status, labels: mine });
    }
  });
  for (const row of rows) row.status = p.handlers.getArticle({ id: row.id }).status;
  return { p, me, actor, place, rows };
}

type Narrow = Pick<ListQuery, 'titleQuery' | 'textQuery' | 'withLabel' | 'withoutLabel'>;

/** The filtered list worked out from the fixture's own rows. */
function expected(f: Fixture, status: ListFilter, q: Narrow): number[] {
  const text = (row: Fixture['rows'][number]) => {
    if (!q.textQuery) return true;
    if (q.textQuery === 'sanction*') return /\bsanction/i.test(row.text);
    if (q.textQuery === '"kim jong un"') return /Kim Jong-un/.test(row.text);
    throw new Error(q.textQuery);
  };
  return f.rows
    .filter(
      (r) =>
        (status === 'all' || r.status === status) &&
        (!q.titleQuery || r.title.toLowerCase().includes(q.titleQuery.toLowerCase())) &&
        text(r) &&
        (q.withLabel === undefined || r.labels.has(q.withLabel)) &&
        (q.withoutLabel === undefined || !r.labels.has(q.withoutLabel)),
    )
    .map((r) => r.id);
}

function expectList(f: Fixture, status: ListFilter, q: Narrow, limit: number): void {
  const want = expected(f, status, q);
  const label = `${status} ${JSON.stringify(q)}`;
  const list = (extra: Partial<ListQuery>) => listArticles(f.p.db, f.me, { status, at: 0, limit, ...q, ...extra });
  // Page by page, each read on from the last row of the one before.
  const walked: number[] = [];
  let after: number | undefined;
  for (let at = 0; at < want.length + limit; at += limit) {
    const page = list({ at, after });
    expect(page.total, label).toBe(want.length);
    walked.push(...page.items.map((r) => r.id));
    after = page.items.at(-1)?.id ?? after;
  }
  expect(walked, label).toEqual(want);
  // A jump with nothing to start from, and back from the row after a page.
  for (const at of [1, Math.floor(want.length / 2), want.length - 3]) {
    if (at < 0) continue;
    expect(
      list({ at }).items.map((r) => r.id),
      `${label} at ${at}`,
    ).toEqual(want.slice(at, at + limit));
  }
  if (want.length > limit + 2) {
    const at = want.length - limit - 2;
    expect(
      list({ at, before: want[at + limit] }).items.map((r) => r.id),
      `${label} before`,
    ).toEqual(want.slice(at, at + limit));
  }
  // Rows carry the person's own span count and the status, as the unfiltered list's do.
  for (const row of list({}).items) {
    const r = f.rows.find((x) => x.id === row.id)!;
    expect(row.status).toBe(r.status);
    expect(row.spanCount).toBe(r.labels.size);
  }
}

describe('the article list filtered by label and by a text query', () => {
  it('has / has no spans of a label, a text query and the title, alone and with every status', () => {
    const f = fixture();
    const narrows: Narrow[] = [
      { withLabel: f.actor },
      { withoutLabel: f.actor },
      { withLabel: f.actor, withoutLabel: f.place },
      { withLabel: f.actor, withoutLabel: f.actor },
      { textQuery: 'sanction*' },
      { textQuery: '"kim jong un"' },
      { textQuery: 'sanction*', withLabel: f.place },
      { textQuery: 'sanction*', withoutLabel: f.actor },
      { titleQuery: 'a1', withoutLabel: f.place },
      { titleQuery: 'A2', textQuery: 'sanction*', withLabel: f.actor },
    ];
    const statuses: ListFilter[] = ['all', 'todo', 'in_progress', 'done', 'flagged'];
    for (const q of narrows) for (const status of statuses) expectList(f, status, q, 17);
    // The filters do select: each combination above is neither empty nor the whole list for all.
    expect(expected(f, 'all', { withLabel: f.actor }).length).toBeGreaterThan(40);
    expect(expected(f, 'all', { withoutLabel: f.actor }).length).toBeGreaterThan(40);
    expect(expected(f, 'all', { textQuery: 'sanction*', withLabel: f.place }).length).toBeGreaterThan(5);
    f.p.close();
  });

  it('follows edits: a span labelled or deleted moves its article in or out at once', () => {
    const f = fixture();
    const bare = f.rows.find((r) => r.labels.size === 0)!;
    const before = listArticles(f.p.db, f.me, { status: 'all', at: 0, limit: 500, withLabel: f.actor });
    expect(before.items.some((r) => r.id === bare.id)).toBe(false);
    const span = f.p.handlers.createSpan({ articleId: bare.id, labelId: f.actor, start: 0, end: 7 });
    const withIt = listArticles(f.p.db, f.me, { status: 'all', at: 0, limit: 500, withLabel: f.actor });
    expect(withIt.total).toBe(before.total + 1);
    expect(withIt.items.some((r) => r.id === bare.id)).toBe(true);
    const without = () => listArticles(f.p.db, f.me, { status: 'all', at: 0, limit: 500, withoutLabel: f.actor });
    expect(without().items.some((r) => r.id === bare.id)).toBe(false);
    f.p.handlers.deleteSpan({ id: span.id });
    expect(without().items.some((r) => r.id === bare.id)).toBe(true);
    expect(without().total).toBe(N - before.total);
    f.p.close();
  });

  it('reads the label filter from its index, and refuses a malformed text query with the search’s message', () => {
    const f = fixture();
    const plan = f.p.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT DISTINCT sl.article_id FROM spans sl
          WHERE sl.annotator_id = ? AND sl.label_id = ? AND sl.deleted = 0 AND sl.article_id > ? ORDER BY sl.article_id`,
      )
      .all(f.me, f.actor, 0) as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/USING COVERING INDEX spans_by_annotator_label/);
    expect(plan.map((r) => r.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
    let message = '';
    try {
      f.p.handlers.listArticles({ status: 'all', at: 0, limit: 10, textQuery: '"sanctions' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('search: the quote at character 1 is not closed');
    expect(appErrorCode(() => f.p.handlers.listArticles({ status: 'all', at: 0, limit: 10, textQuery: 'ab*c' }))).toBe(
      'BAD_INPUT',
    );
    f.p.close();
  });
});
