// The article list: pages of one person's list, whole or filtered by status, in id order.
// Pages are read by key (the ids after or before a row the caller already has), and a page at
// an arbitrary index is found without reading the rows before it: the whole list through its
// position index (article_order), a stored status by walking that status's index entries from
// the nearer end, to do by counting through the list in steps (todoAt). Totals come from the counts the triggers keep (status_counts), never from
// counting the table. A filter is a Source: the ordered ids it holds and how many there are;
// a title, a full-text query and a label present or absent narrow a status's Source (narrowed).
import type { ArticleListItem, ArticleStatus } from '../../shared/model';
import { ftsQuery, parseQuery } from './across/search';
import { sql, type ReadDb, type Sql } from './db/handles';

export type ListFilter = ArticleStatus | 'all';

export interface ListQuery {
  status: ListFilter;
  /** Title contains this text (LIKE: case-insensitive for ASCII); '' or absent for every title. */
  titleQuery?: string | undefined;
  /** Title or text matches this full-text query (words, "phrases", prefix*, as search reads it). */
  textQuery?: string | undefined;
  /** Only articles where the person has a span of this label. */
  withLabel?: number | undefined;
  /** Only articles where the person has no span of this label. */
  withoutLabel?: number | undefined;
  /** Index in the filtered list of the first row wanted. */
  at: number;
  limit: number;
  /** The id of the row at `at - 1`, when the caller has it: the page is read on from there. */
  after?: number | undefined;
  /** The id of the row at `at + limit`, when the caller has it: the page is read back from there. */
  before?: number | undefined;
}

export interface ListPage {
  total: number;
  items: ArticleListItem[];
}

type Params = {
  annotator: number;
  status: string;
  title?: string;
  /** The FTS5 query made from the person's text query (never their input as syntax). */
  text?: string;
  withLabel?: number;
  withoutLabel?: number;
};

interface Source {
  /** `ids` in id order (ascending, or descending when `desc`), with an optional bound. */
  ids(bound: '>' | '>=' | '<' | '<=' | null, desc: boolean): string;
  total(db: ReadDb, params: Params): number;
}

const TOTAL = sql<{ n: number }>('SELECT coalesce(max(position) + 1, 0) AS n FROM article_order');
const STORED = sql<{ n: number }>(
  "SELECT coalesce(sum(n), 0) AS n FROM status_counts WHERE annotator_id = @annotator AND status != 'todo'",
);
const ONE_STATUS = sql<{ n: number }>(
  'SELECT coalesce(sum(n), 0) AS n FROM status_counts WHERE annotator_id = @annotator AND status = @status',
);

const where = (column: string, bound: string | null) => (bound ? `AND ${column} ${bound} @bound` : '');

/** A stored status: article_status_by_annotator (annotator, status, article) holds them in order. */
function storedStatus(): Source {
  return {
    ids: (bound, desc) =>
      `SELECT article_id AS id FROM article_status
        WHERE annotator_id = @annotator AND status = @status ${where('article_id', bound)}
        ORDER BY article_id ${desc ? 'DESC' : ''}`,
    total: (db, params) => ONE_STATUS.get(db, params)!.n,
  };
}

const SOURCES: Record<ListFilter, Source> = {
  all: {
    ids: (bound, desc) =>
      `SELECT article_id AS id FROM article_order WHERE 1 ${where('article_id', bound)}
        ORDER BY article_id ${desc ? 'DESC' : ''}`,
    total: (db) => TOTAL.get(db)!.n,
  },
  // Articles with no status row, or one that says 'todo': the position index walked, each id
  // looked up in the status table's key.
  todo: {
    ids: (bound, desc) =>
      `SELECT o.article_id AS id FROM article_order o
        WHERE NOT EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = o.article_id
                            AND st.annotator_id = @annotator AND st.status != 'todo')
              ${where('o.article_id', bound)}
        ORDER BY o.article_id ${desc ? 'DESC' : ''}`,
    total: (db, params) => TOTAL.get(db)!.n - STORED.get(db, params)!.n,
  },
  in_progress: storedStatus(),
  done: storedStatus(),
  skipped: storedStatus(),
  flagged: storedStatus(),
};

/** What narrows a status's list further: each is one more condition on an article's id. */
interface Narrowing {
  title: boolean;
  text: boolean;
  withLabel: boolean;
  withoutLabel: boolean;
}

/** `id`'s article has the status (none for the whole list). */
function statusCondition(status: ListFilter, id: string): string | null {
  if (status === 'all') return null;
  if (status === 'todo')
    return `NOT EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = ${id}
              AND st.annotator_id = @annotator AND st.status != 'todo')`;
  return `EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = ${id}
            AND st.annotator_id = @annotator AND st.status = @status)`;
}

/** `id`'s article holds a live span of the label `param` by the person (spans_by_annotator_label). */
const hasLabel = (param: string, id: string) =>
  `EXISTS (SELECT 1 FROM spans s WHERE s.annotator_id = @annotator AND s.label_id = ${param}
           AND s.article_id = ${id} AND s.deleted = 0)`;

/**
 * A status's list narrowed by a title, a full-text query and labels present or absent. The ids
 * are read in order from an index that holds them in order — the full-text index (rowid
 * order), a stored status's own, or the person's spans of a label (annotator, label, article)
 * — and every other filter is a condition looked up per id, so a page after a loaded row is
 * still read by key. Totals are counted (no trigger keeps them); "has no spans of X" is counted
 * as the list less those that have, which reads only the label's index.
 */
function narrowed(status: ListFilter, n: Narrowing): Source {
  let select: string;
  let id: string;
  const where: string[] = [];
  const stored = status !== 'all' && status !== 'todo';
  // A stored status drives before a label: probing the label's index once per article of the
  // status costs less than reading every span of the label (several per article) to reach them.
  if (n.text) {
    select = 'SELECT articles_fts.rowid AS id FROM articles_fts';
    id = 'articles_fts.rowid';
    where.push('articles_fts MATCH @text');
  } else if (n.withLabel && !stored) {
    select = 'SELECT DISTINCT sl.article_id AS id FROM spans sl';
    id = 'sl.article_id';
    where.push('sl.annotator_id = @annotator', 'sl.label_id = @withLabel', 'sl.deleted = 0');
  } else if (stored) {
    select = 'SELECT sd.article_id AS id FROM article_status sd';
    id = 'sd.article_id';
    where.push('sd.annotator_id = @annotator', 'sd.status = @status');
  } else {
    select = 'SELECT o.article_id AS id FROM article_order o';
    id = 'o.article_id';
  }
  const driver = n.text ? 'text' : n.withLabel && !stored ? 'label' : 'status';
  // Whatever the driver does not hold already is a condition per id.
  const statusHeld = driver === 'status' && stored;
  const ofStatus = statusHeld ? null : statusCondition(status, id);
  if (ofStatus) where.push(ofStatus);
  if (n.withLabel && driver !== 'label') where.push(hasLabel('@withLabel', id));
  if (n.withoutLabel) where.push(`NOT ${hasLabel('@withoutLabel', id)}`);
  // The title is looked up in the list's own index (schema 11), not in the article's row.
  if (n.title)
    where.push(
      `EXISTS (SELECT 1 FROM articles t INDEXED BY articles_list WHERE t.id = ${id} AND t.title LIKE @title ESCAPE '\\')`,
    );
  const ids = (bound: '>' | '>=' | '<' | '<=' | null, desc: boolean) =>
    `${select} WHERE ${[...where, ...(bound ? [`${id} ${bound} @bound`] : []), '1'].join(' AND ')}
      ORDER BY ${id} ${desc ? 'DESC' : ''}`;
  const count = sql<{ n: number }>(`SELECT count(*) AS n FROM (${ids(null, false)})`);
  if (n.withoutLabel && !n.withLabel) {
    const without = { ...n, withoutLabel: false };
    const all = sourceOf(status, without);
    const having = sourceOf(status, { ...without, withLabel: true });
    return {
      ids,
      total: (db, params) => all.total(db, params) - having.total(db, { ...params, withLabel: params.withoutLabel }),
    };
  }
  return { ids, total: (db, params) => count.get(db, params)!.n };
}

/** A LIKE pattern matching titles that contain `text` literally (% and _ escaped). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The row of each id in a page, in the order of the ids. The title and source come from the
 * list's own index (schema 11), never from the article's row, whose text fills a page: the
 * planner would take the row by its id, so the index is named.
 */
const row = (ids: string) =>
  sql<ArticleListItem>(
    `SELECT a.id, a.title, a.source, coalesce(st.status, 'todo') AS status,
            (SELECT count(*) FROM spans s
              WHERE s.article_id = a.id AND s.annotator_id = @annotator AND s.deleted = 0) AS spanCount,
            o.position
       FROM (${ids} LIMIT @limit) page
       JOIN articles a INDEXED BY articles_list ON a.id = page.id
       JOIN article_order o ON o.article_id = a.id
       LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator`,
  );

interface Statements {
  /** From the first id on (bound >=), after a row (>), back from a row (<, descending). */
  from: Sql<ArticleListItem>;
  after: Sql<ArticleListItem>;
  back: Sql<ArticleListItem>;
  /** The id `skip` entries in from the start or from the end: index entries only, no rows. */
  nth: Sql<{ id: number }>;
  nthFromEnd: Sql<{ id: number }>;
  nthFrom: Sql<{ id: number }>;
}

const statementsOf = (source: Source): Statements => ({
  from: row(source.ids('>=', false)),
  after: row(source.ids('>', false)),
  back: row(source.ids('<', true)),
  nth: sql(`${source.ids(null, false)} LIMIT 1 OFFSET @skip`),
  nthFromEnd: sql(`${source.ids(null, true)} LIMIT 1 OFFSET @skip`),
  nthFrom: sql(`${source.ids('>=', false)} LIMIT 1 OFFSET @skip`),
});

const STATEMENTS = Object.fromEntries(
  Object.entries(SOURCES).map(([filter, source]) => [filter, statementsOf(source)]),
) as Record<ListFilter, Statements>;

/** Narrowed sources and their statements, made on first use (one per combination of filters). */
const narrowedCache = new Map<string, { source: Source; statements: Statements }>();

function narrowedOf(status: ListFilter, n: Narrowing): { source: Source; statements: Statements } {
  const key = `${status}:${+n.title}${+n.text}${+n.withLabel}${+n.withoutLabel}`;
  let entry = narrowedCache.get(key);
  if (!entry) {
    const source = narrowed(status, n);
    narrowedCache.set(key, (entry = { source, statements: statementsOf(source) }));
  }
  return entry;
}

const isNarrowed = (n: Narrowing) => n.title || n.text || n.withLabel || n.withoutLabel;

/** The source of a status's list with these narrowings (the status's own when there are none). */
function sourceOf(status: ListFilter, n: Narrowing): Source {
  return isNarrowed(n) ? narrowedOf(status, n).source : SOURCES[status];
}

const AT_POSITION = sql<{ id: number }>('SELECT article_id AS id FROM article_order WHERE position = ?');

const STORED_BETWEEN = sql<{ n: number }>(
  `SELECT count(*) AS n FROM article_status
    WHERE annotator_id = @annotator AND status != 'todo' AND article_id >= @lo AND article_id < @hi`,
);
/** Positions per step when the to-do list is counted through: a step costs two index reads and a count. */
const TODO_STEP = 2048;

/**
 * The to-do article at `index`: the list is counted through in steps of positions, each step's
 * to-do articles being its length less the stored statuses in its id range (index entries
 * counted, no lookups per article); only inside the last step are articles looked at one by one.
 */
function todoAt(db: ReadDb, params: Params, index: number): number | undefined {
  const total = TOTAL.get(db)!.n;
  let left = index;
  for (let p = 0; p < total; p += TODO_STEP) {
    const end = Math.min(p + TODO_STEP, total);
    const lo = AT_POSITION.get(db, p)!.id;
    const hi = end < total ? AT_POSITION.get(db, end)!.id : Number.MAX_SAFE_INTEGER;
    const todo = end - p - STORED_BETWEEN.get(db, { ...params, lo, hi })!.n;
    if (left < todo) return STATEMENTS.todo.nthFrom.get(db, { ...params, bound: lo, skip: left })?.id;
    left -= todo;
  }
  return undefined;
}

/** The id at `index` of the filtered list (index < total); a narrowed list is skipped through. */
function idAt(db: ReadDb, q: ListQuery, n: Narrowing, params: Params, total: number): number | undefined {
  if (isNarrowed(n)) return narrowedOf(q.status, n).statements.nth.get(db, { ...params, skip: q.at })?.id;
  if (q.status === 'all') return AT_POSITION.get(db, q.at)?.id;
  if (q.status === 'todo') return todoAt(db, params, q.at);
  const s = STATEMENTS[q.status];
  return q.at <= total / 2
    ? s.nth.get(db, { ...params, skip: q.at })?.id
    : s.nthFromEnd.get(db, { ...params, skip: total - 1 - q.at })?.id;
}

/** One page of a person's article list: the rows at `at`… of the filter, and the filter's total. */
export function listArticles(db: ReadDb, annotatorId: number, q: ListQuery): ListPage {
  const n: Narrowing = {
    title: Boolean(q.titleQuery),
    text: Boolean(q.textQuery?.trim()),
    withLabel: q.withLabel !== undefined,
    withoutLabel: q.withoutLabel !== undefined,
  };
  const params: Params = { annotator: annotatorId, status: q.status };
  if (n.title) params.title = containsPattern(q.titleQuery!);
  if (n.text) params.text = ftsQuery(parseQuery(q.textQuery!));
  if (q.withLabel !== undefined) params.withLabel = q.withLabel;
  if (q.withoutLabel !== undefined) params.withoutLabel = q.withoutLabel;
  const total = sourceOf(q.status, n).total(db, params);
  const s = isNarrowed(n) ? narrowedOf(q.status, n).statements : STATEMENTS[q.status];
  const page = { ...params, limit: q.limit };
  if (q.after !== undefined) return { total, items: s.after.all(db, { ...page, bound: q.after }) };
  if (q.before !== undefined) return { total, items: s.back.all(db, { ...page, bound: q.before }).reverse() };
  if (q.at >= total) return { total, items: [] };
  const first = q.at === 0 ? 0 : idAt(db, q, n, params, total);
  if (first === undefined) return { total, items: [] };
  return { total, items: s.from.all(db, { ...page, bound: first }) };
}
