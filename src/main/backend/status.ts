import type { ArticleStatus, Progress } from '../../shared/model';
import { now } from './clock';
import type { Db } from './db/open';

export function setStatus(db: Db, annotatorId: number, articleId: number, status: ArticleStatus): void {
  db.prepare(
    `INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (article_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
  ).run(articleId, annotatorId, status, now());
}

/** First edit of a 'todo' article moves it to 'in_progress'; 'done' stays done. */
export function touchStatus(db: Db, annotatorId: number, articleId: number): void {
  db.prepare(
    `INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, 'in_progress', ?)
     ON CONFLICT (article_id, annotator_id) DO UPDATE SET status = 'in_progress', updated_at = excluded.updated_at
     WHERE status = 'todo'`,
  ).run(articleId, annotatorId, now());
}

export function getProgress(db: Db, annotatorId: number): Progress {
  const total = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  const rows = db
    .prepare('SELECT status, count(*) AS n FROM article_status WHERE annotator_id = ? GROUP BY status')
    .all(annotatorId) as { status: ArticleStatus; n: number }[];
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<ArticleStatus, number>>;
  const done = by.done ?? 0;
  const inProgress = by.in_progress ?? 0;
  return { total, done, inProgress, todo: total - done - inProgress };
}
