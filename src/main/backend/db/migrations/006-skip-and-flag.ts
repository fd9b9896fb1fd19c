import type { Migration } from './index';

// Two more article statuses, skipped and flagged, and the note a flag carries (why the article
// needs someone else's eyes). SQLite cannot change a CHECK constraint in place, so the table is
// rebuilt with its rows; nothing references it, so foreign keys stay on.
export const skipAndFlag: Migration = {
  version: 6,
  name: 'skip-and-flag',
  step: 'updating article statuses',
  up(db) {
    db.exec(`
      CREATE TABLE article_status_new (
        article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'skipped', 'flagged')),
        updated_at   TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (article_id, annotator_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO article_status_new (article_id, annotator_id, status, updated_at)
        SELECT article_id, annotator_id, status, updated_at FROM article_status;
      DROP TABLE article_status;
      ALTER TABLE article_status_new RENAME TO article_status;
      CREATE INDEX article_status_by_annotator ON article_status (annotator_id, status);
    `);
  },
};
