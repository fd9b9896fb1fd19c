import type { ArticleStatus, Progress } from '../../shared/model';
import { now } from './clock';
import { sql, type ReadDb, type WriteDb } from './db/handles';

const SET = sql(
  `INSERT INTO article_status (article_id, annotator_id, status, updated_at, note) VALUES (?, ?, ?, ?, ?)
   ON CONFLICT (article_id, annotator_id) DO UPDATE
     SET status = excluded.status, updated_at = excluded.updated_at, note = excluded.note`,
);
const TOUCH = sql(
  `INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, 'in_progress', ?)
   ON CONFLICT (article_id, annotator_id) DO UPDATE SET status = 'in_progress', updated_at = excluded.updated_at
   WHERE status = 'todo'`,
);
// Both kept by triggers (migration 006): the last position, and the counts per status.
const TOTAL = sql<{ n: number }>('SELECT coalesce(max(position) + 1, 0) AS n FROM article_order');
const BY_STATUS = sql<{ status: ArticleStatus; n: number }>(
  'SELECT status, n FROM status_counts WHERE annotator_id = ?',
);

/** Sets the status; a flag keeps its note, any other status clears it. */
export function setStatus(db: WriteDb, annotatorId: number, articleId: number, status: ArticleStatus, note = ''): void {
  SET.run(db, articleId, annotatorId, status, now(), status === 'flagged' ? note : '');
}

/** First edit of a 'todo' article moves it to 'in_progress'; 'done' stays done. */
export function touchStatus(db: WriteDb, annotatorId: number, articleId: number): void {
  TOUCH.run(db, articleId, annotatorId, now());
}

export function getProgress(db: ReadDb, annotatorId: number): Progress {
  const total = TOTAL.get(db)!.n;
  const by = Object.fromEntries(BY_STATUS.all(db, annotatorId).map((r) => [r.status, r.n])) as Partial<
    Record<ArticleStatus, number>
  >;
  const done = by.done ?? 0;
  const inProgress = by.in_progress ?? 0;
  const skipped = by.skipped ?? 0;
  const flagged = by.flagged ?? 0;
  return { total, done, inProgress, skipped, flagged, todo: total - done - inProgress - skipped - flagged };
}
