import { createHash } from 'node:crypto';
import type { Article, ArticleListItem, ArticleStatus } from '../../shared/model';
import { AppError } from '../../shared/result';
import { now } from './clock';
import type { Db } from './db/open';

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
export function addArticle(db: Db, article: NewArticle): { id: number; added: boolean } {
  const hash = contentHash(article.text);
  const existing = db.prepare('SELECT id FROM articles WHERE content_hash = ?').get(hash) as { id: number } | undefined;
  if (existing) return { id: existing.id, added: false };
  const info = db
    .prepare('INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(article.title, article.source, article.text, JSON.stringify(article.meta ?? {}), hash, now());
  return { id: Number(info.lastInsertRowid), added: true };
}

const STATUS_SQL = "coalesce(st.status, 'todo')";

export interface ListQuery {
  status: ArticleStatus | 'all';
  offset: number;
  limit: number;
}

/** One page of the article list for an annotator, in id order, with status and span count. */
export function listArticles(db: Db, annotatorId: number, q: ListQuery): { total: number; items: ArticleListItem[] } {
  const where = q.status === 'all' ? '' : `WHERE ${STATUS_SQL} = @status`;
  const params = { annotator: annotatorId, status: q.status, limit: q.limit, offset: q.offset };
  const total = (
    db
      .prepare(
        `SELECT count(*) AS n FROM articles a
         LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator ${where}`,
      )
      .get(params) as { n: number }
  ).n;
  // Positions are in the unfiltered id order: offset + i for the whole list; a filtered page
  // ranks every article once (O(n)) rather than counting per row (O(n) each).
  const ranked =
    q.status === 'all'
      ? ''
      : 'JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS pos FROM articles) r ON r.id = a.id';
  const rows = db
    .prepare(
      `SELECT a.id, a.title, a.source, ${STATUS_SQL} AS status,
              (SELECT count(*) FROM spans s
                WHERE s.article_id = a.id AND s.annotator_id = @annotator AND s.deleted = 0) AS spanCount,
              ${q.status === 'all' ? '-1' : 'r.pos'} AS position
         FROM articles a
         LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator
         ${ranked}
         ${where}
        ORDER BY a.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as ArticleListItem[];
  const items = q.status === 'all' ? rows.map((row, i) => ({ ...row, position: q.offset + i })) : rows;
  return { total, items };
}

export function getArticle(db: Db, annotatorId: number, id: number): Article {
  const row = db
    .prepare(
      `SELECT a.id, a.title, a.source, a.text, a.meta, ${STATUS_SQL} AS status,
              (SELECT count(*) FROM articles b WHERE b.id < a.id) AS position
         FROM articles a
         LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = ?
        WHERE a.id = ?`,
    )
    .get(annotatorId, id) as (Omit<Article, 'meta'> & { meta: string }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  return { ...row, meta: JSON.parse(row.meta) as Record<string, unknown> };
}

/** The article's text, for validating span offsets against it. */
export function articleText(db: Db, id: number): string {
  const row = db.prepare('SELECT text FROM articles WHERE id = ?').get(id) as { text: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  return row.text;
}

/** The next article after `afterId` in id order, wrapping around; null when there is none. */
export function nextArticle(
  db: Db,
  annotatorId: number,
  afterId: number | null,
  undoneOnly: boolean,
  direction: 1 | -1 = 1,
): { id: number } | null {
  const filter = undoneOnly ? `AND ${STATUS_SQL} != 'done'` : '';
  const sql = (cmp: string, order: string) =>
    `SELECT a.id FROM articles a
       LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = @annotator
      WHERE a.id ${cmp} @after ${filter} ORDER BY a.id ${order} LIMIT 1`;
  const params = { annotator: annotatorId, after: afterId ?? (direction === 1 ? 0 : Number.MAX_SAFE_INTEGER) };
  const [ahead, wrap] = direction === 1 ? [sql('>', 'ASC'), sql('<', 'ASC')] : [sql('<', 'DESC'), sql('>', 'DESC')];
  const found = (db.prepare(ahead).get(params) ?? db.prepare(wrap).get(params)) as { id: number } | undefined;
  return found ?? null;
}
