import { createHash } from 'node:crypto';
import { SETTLED_STATUSES, type Article } from '../../shared/model';
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

const ARTICLE = sql<Omit<Article, 'meta'> & { meta: string }>(
  `SELECT a.id, a.title, a.source, a.text, a.meta, ${STATUS_SQL} AS status, coalesce(st.note, '') AS statusNote,
          o.position
     FROM articles a
     JOIN article_order o ON o.article_id = a.id
     LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = ?
    WHERE a.id = ?`,
);
const TEXT = sql<{ text: string }>('SELECT text FROM articles WHERE id = ?');
const HEAD = sql<Omit<Article, 'meta' | 'text'> & { meta: string; textHash: string }>(
  `SELECT a.id, a.title, a.source, a.meta, ${STATUS_SQL} AS status, coalesce(st.note, '') AS statusNote,
          o.position, a.content_hash AS textHash
     FROM articles a
     JOIN article_order o ON o.article_id = a.id
     LEFT JOIN article_status st ON st.article_id = a.id AND st.annotator_id = ?
    WHERE a.id = ?`,
);

export function getArticle(db: ReadDb, annotatorId: number, id: number): Article {
  const row = ARTICLE.get(db, annotatorId, id);
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  return { ...row, meta: JSON.parse(row.meta) as Record<string, unknown> };
}

/**
 * The article for the window: its text only when the caller does not have it already (the
 * text's hash names it; a text never changes under its article, an import adds a new one).
 */
export function readArticle(
  db: ReadDb,
  annotatorId: number,
  id: number,
  knownHash: string | undefined,
): { article: Omit<Article, 'text'>; text: string | null; textHash: string } {
  const row = HEAD.get(db, annotatorId, id);
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  const { textHash, ...head } = row;
  return {
    article: { ...head, meta: JSON.parse(head.meta) as Record<string, unknown> },
    text: knownHash === textHash ? null : articleText(db, id),
    textHash,
  };
}

/** The article's text, for validating span offsets against it. */
export function articleText(db: ReadDb, id: number): string {
  const row = TEXT.get(db, id);
  if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
  return row.text;
}

/** Next/previous article statements (over the narrow position table, not the texts): ahead of `after` in the direction, then wrapping around. */
function stepStatements(undoneOnly: boolean) {
  const filter = undoneOnly ? `AND ${STATUS_SQL} NOT IN (${SETTLED_STATUSES.map((s) => `'${s}'`).join(', ')})` : '';
  const step = (cmp: string, order: string) =>
    sql<{ id: number }>(
      `SELECT a.article_id AS id FROM article_order a
         LEFT JOIN article_status st ON st.article_id = a.article_id AND st.annotator_id = @annotator
        WHERE a.article_id ${cmp} @after ${filter} ORDER BY a.article_id ${order} LIMIT 1`,
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
