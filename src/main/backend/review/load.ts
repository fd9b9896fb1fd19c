// Reads the review's input from a project: the layers of the annotators who marked each
// article done, offsets converted to code points. Articles are read a page at a time inside
// one read transaction, so the numbers come from one snapshot and memory stays flat.
import { OffsetMap } from '../../../shared/offsets';
import { AppError } from '../../../shared/result';
import { displayName, listAnnotators } from '../annotators';
import type { Db } from '../db/open';
import { beginSnapshot, endSnapshot } from '../db/handles';
import type { ReviewArticle, ReviewInput, ReviewLayer, ReviewSpan } from './model';

/** An adjudicated span as stored: UTF-16 offsets, like every span in the project. */
export interface GoldRow {
  articleId: number;
  id: string;
  labelId: number;
  start: number;
  end: number;
}

/**
 * Where adjudicated spans come from: called once per page with its article ids, returns the
 * adjudicated articles among them and their spans (an adjudicated article may have none).
 */
export type GoldReader = (db: Db, articleIds: readonly number[]) => { adjudicated: number[]; spans: GoldRow[] };

export interface LoadOptions {
  /** Label names to report on (matched case-insensitively); default every label. */
  labels?: readonly string[] | undefined;
  gold?: GoldReader | undefined;
  /** Only these articles (default every article some annotator marked done). */
  articleIds?: readonly number[] | undefined;
}

const PAGE = 256;

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The project's label names for `wanted`, in the project's order; BAD_INPUT for unknown ones. */
export function resolveLabels(db: Db, wanted?: readonly string[]): string[] {
  const all = (db.prepare('SELECT name FROM labels ORDER BY position, id').all() as { name: string }[]).map(
    (r) => r.name,
  );
  if (wanted === undefined) return all;
  const unknown = wanted.filter((w) => !all.some((name) => name.toLowerCase() === w.toLowerCase()));
  if (unknown.length) {
    throw new AppError(
      'BAD_INPUT',
      `no label named ${unknown.map((u) => JSON.stringify(u)).join(', ')}; labels: ${all.join(', ') || '(none)'}`,
    );
  }
  return all.filter((name) => wanted.some((w) => w.toLowerCase() === name.toLowerCase()));
}

/** How many articles some annotator marked done: what loadReview reads, for progress. */
export function doneArticleCount(db: Db): number {
  return db
    .prepare(`SELECT COUNT(DISTINCT article_id) FROM article_status WHERE status = 'done'`)
    .pluck()
    .get() as number;
}

export function loadReview(db: Db, options: LoadOptions = {}): ReviewInput {
  const labels = resolveLabels(db, options.labels);
  const names = layerNames(db);
  // From the counts the triggers keep (schema 7): the distinct annotators of article_status
  // would read every status row (200 ms at 100,000 articles) for each article the review opens.
  const done = db
    .prepare(`SELECT annotator_id FROM status_counts WHERE status = 'done' AND n > 0 ORDER BY annotator_id`)
    .pluck()
    .all() as number[];
  const annotators = done.map((id) => names.get(id) ?? `annotator ${id}`).sort(byName);
  return { annotators, labels, articles: readArticles(db, names, options.gold, options.articleIds) };
}

/**
 * Each person's layer name as the reviewer sees it: the display name, which adds a short id
 * where two people share a name, so two "Anna"s stay two layers.
 */
function layerNames(db: Db): Map<number, string> {
  const all = listAnnotators(db);
  return new Map(all.map((a) => [a.id, displayName(a, all)]));
}

function* readArticles(
  db: Db,
  who: ReadonlyMap<number, string>,
  gold: GoldReader | undefined,
  only: readonly number[] | undefined,
): Generator<ReviewArticle> {
  const labelName: string[] = [];
  for (const r of db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[])
    labelName[r.id] = r.name;
  // Named articles are looked up by id: with `@only IS NULL OR id IN (…)` in one statement SQLite
  // could not use the list, and read every article after the first (632 ms for one article of
  // 100,000).
  const pageQ = db.prepare(
    only === undefined
      ? `SELECT id, title, text FROM articles a
          WHERE id > @after AND EXISTS (SELECT 1 FROM article_status s WHERE s.article_id = a.id AND s.status = 'done')
          ORDER BY id LIMIT ${PAGE}`
      : `SELECT id, title, text FROM articles a
          WHERE id IN (SELECT value FROM json_each(@only)) AND id > @after
            AND EXISTS (SELECT 1 FROM article_status s WHERE s.article_id = a.id AND s.status = 'done')
          ORDER BY id LIMIT ${PAGE}`,
  );
  const doneQ = db
    .prepare(`SELECT article_id, annotator_id FROM article_status WHERE article_id BETWEEN ? AND ? AND status = 'done'`)
    .raw(true);
  const spansQ = db
    .prepare(
      `SELECT article_id, annotator_id, id, label_id, start_offset, end_offset
         FROM spans WHERE article_id BETWEEN ? AND ? AND deleted = 0`,
    )
    .raw(true);
  const own = beginSnapshot(db);
  try {
    let after = 0;
    for (;;) {
      const rows = pageQ.all(only === undefined ? { after } : { after, only: JSON.stringify(only) }) as {
        id: number;
        title: string;
        text: string;
      }[];
      if (rows.length === 0) return;
      const lo = rows[0]!.id;
      const hi = rows[rows.length - 1]!.id;
      after = hi;
      // article id -> annotator id -> raw span rows [article, annotator, id, label, start, end] (UTF-16)
      type Row = [number, number, string, number, number, number];
      const layers = new Map<number, Map<number, Row[]>>();
      for (const [a, w] of doneQ.all(lo, hi) as [number, number][]) {
        let m = layers.get(a);
        if (!m) layers.set(a, (m = new Map<number, Row[]>()));
        m.set(w, []);
      }
      for (const row of spansQ.all(lo, hi) as Row[]) layers.get(row[0])?.get(row[1])?.push(row);
      const goldRows = new Map<number, GoldRow[]>();
      if (gold) {
        const found = gold(
          db,
          rows.map((r) => r.id),
        );
        for (const id of found.adjudicated) goldRows.set(id, []);
        for (const g of found.spans) goldRows.get(g.articleId)?.push(g);
      }
      for (const row of rows) {
        const map = new OffsetMap(row.text);
        const span = (id: string, label: number, start: number, end: number): ReviewSpan => ({
          id,
          label: labelName[label] ?? `label ${label}`,
          start: map.toCodePoint(start),
          end: map.toCodePoint(end),
        });
        const out: ReviewLayer[] = [];
        for (const [w, spans] of layers.get(row.id) ?? []) {
          out.push({
            annotator: who.get(w) ?? `annotator ${w}`,
            spans: spans.map((r) => span(r[2], r[3], r[4], r[5])),
          });
        }
        out.sort((x, y) => byName(x.annotator, y.annotator));
        const g = goldRows.get(row.id);
        yield {
          id: row.id,
          title: row.title,
          text: row.text,
          layers: out,
          gold: g ? g.map((s) => span(s.id, s.labelId, s.start, s.end)) : null,
        };
      }
    }
  } finally {
    endSnapshot(db, own);
  }
}
