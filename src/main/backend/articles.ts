import { createHash } from 'node:crypto';
import { SETTLED_STATUSES, type Article, type ArticleListItem, type ArticleStatus } from '../../shared/model';
import { AppError } from '../../shared/result';
import { now } from './clock';
import { sql, type ReadDb, type WriteDb } from './db/handles';

/** Articles are identified by their text: the same text imported twice is one article. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface NewArticle {
  title: string;
  source: string;
  text: string;
  meta?: Record<string, unknown>;
}

/** Inserts an article unless one with the same text exists. Returns its id and whether it was new. */
const BY_HASH = sql<{ id: number }>('SELECT id FROM articles WHERE content_hash = ?');
const INSERT = sql(
  'INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
);

export function addArticle(db: WriteDb, article: NewArticle): { id: number; added: boolean } {
  const hash = contentHash(article.text);
  const existing = BY_HASH.get(db, hash);
  if (existing) return { id: existing.id, added: false };
  const info = INSERT.run(
    db,
    article.title,
    article.source,
    article.text,
    JSON.stringify(article.meta ?? {}),
    hash,
    now(),
  );
  return { id: Number(info.lastInsertRowid), added: true };
}

const STATUS_SQL = "coalesce(st.status, 'todo')";

/** The list's two statements (count, page) for the whole list, or filtered by status and/or title. */
function listStatements(byStatus: boolean, byTitle: boolean) {
  const filtered = byStatus || byTitle;
  const conditions = [
    ...(byStatus ? [`${STATUS_SQL} = @status`] : []),
    ...(byTitle ? ["a.title LIKE @title ESCAPE '\\'"] : []),
  ];
  const where = filtered ? `WHERE ${conditions.join(' AND ')}` : '';
  // Positions are in the unfiltered id order: offset + i for the whole list; a filtered page
  // ranks every article once (O(n)) rather than counting per row (O(n) each).
  const ranked = filtered
    ? 'JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS pos FROM articles) r ON r.id = a.id'
    : '';
  return {
    count: sql<{ n: number }>(
      `SELECT count(*) AS n FROM articles a
       LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator ${where}`,
    ),
    page: sql<ArticleListItem>(
      `SELECT a.id, a.title, a.source, ${STATUS_SQL} AS status,
              (SELECT count(*) FROM spans s
                WHERE s.article_id = a.id AND s.annotator_id = @annotator AND s.deleted = 0) AS spanCount,
              ${filtered ? 'r.pos' : '-1'} AS position
         FROM articles a
         LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator
         ${ranked}
         ${where}
        ORDER BY a.id LIMIT @limit OFFSET @offset`,
    ),
  };
}
const LISTS = {
  whole: listStatements(false, false),
  status: listStatements(true, false),
  title: listStatements(false, true),
  both: listStatements(true, true),
};

export interface ListQuery {
  status: ArticleStatus | 'all';
  /** Title contains this text (LIKE: case-insensitive for ASCII); '' for every title. */
  titleQuery?: string | undefined;
  offset: number;
  limit: number;
}

/** A LIKE pattern matching titles that contain `text` literally (% and _ escaped). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of the article list for an annotator, in id order, with status and span count. */
export function listArticles(
  db: ReadDb,
  annotatorId: number,
  q: ListQuery,
): { total: number; items: ArticleListItem[] } {
  const byStatus = q.status !== 'all';
  const byTitle = Boolean(q.titleQuery);
  const list = byStatus ? (byTitle ? LISTS.both : LISTS.status) : byTitle ? LISTS.title : LISTS.whole;
  const params = {
    annotator: annotatorId,
    status: q.status,
    title: containsPattern(q.titleQuery ?? ''),
    limit: q.limit,
    offset: q.offset,
  };
  const total = list.count.get(db, params)!.n;
  const rows = list.page.all(db, params);
  const items = !byStatus && !byTitle ? rows.map((row, i) => ({ ...row, position: q.offset + i })) : rows;
  return { total, items };
}

const ARTICLE = sql<Omit<Article, 'meta'> & { meta: string }>(
  `SELECT a.id, a.title, a.source, a.text, a.meta, ${STATUS_SQL} AS status, coalesce(st.note, '') AS statusNote,
          (SELECT count(*) FROM articles b WHERE b.id < a.id) AS position
     FROM articles a
     LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = ?
    WHERE a.id = ?`,
);
const TEXT = sql<{ text: string }>('SELECT text FROM articles WHERE id = ?');

export function getArticle(db: ReadDb, annotatorId: number, id: number): Article {
  const row = ARTICLE.get(db, annotatorId, id);
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  return { ...row, meta: JSON.parse(row.meta) as Record<string, unknown> };
}

/** The article's text, for validating span offsets against it. */
export function articleText(db: ReadDb, id: number): string {
  const row = TEXT.get(db, id);
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  return row.text;
}

/** Next/previous article statements: ahead of `after` in the direction, then wrapping around. */
function stepStatements(undoneOnly: boolean) {
  const filter = undoneOnly ? `AND ${STATUS_SQL} NOT IN (${SETTLED_STATUSES.map((s) => `'${s}'`).join(', ')})` : '';
  const step = (cmp: string, order: string) =>
    sql<{ id: number }>(
      `SELECT a.id FROM articles a
         LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator
        WHERE a.id ${cmp} @after ${filter} ORDER BY a.id ${order} LIMIT 1`,
    );
  return {
    forward: [step('>', 'ASC'), step('<', 'ASC')] as const,
    backward: [step('<', 'DESC'), step('>', 'DESC')] as const,
  };
}
const STEP_ALL = stepStatements(false);
const STEP_UNDONE = stepStatements(true);

/** The next article after `afterId` in id order, wrapping around; null when there is none. */
export function nextArticle(
  db: ReadDb,
  annotatorId: number,
  afterId: number | null,
  undoneOnly: boolean,
  direction: 1 | -1 = 1,
): { id: number } | null {
  const steps = undoneOnly ? STEP_UNDONE : STEP_ALL;
  const [ahead, wrap] = direction === 1 ? steps.forward : steps.backward;
  const params = { annotator: annotatorId, after: afterId ?? (direction === 1 ? 0 : Number.MAX_SAFE_INTEGER) };
  return ahead.get(db, params) ?? wrap.get(db, params) ?? null;
}
