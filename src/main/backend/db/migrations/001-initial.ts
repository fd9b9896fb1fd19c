import type { Migration } from './index';

// The first schema: labels, articles, annotators, spans (UTF-16 offsets, uuid ids, timestamps
// and tombstones so that merging offline annotators' work stays idempotent), per-annotator
// article status and a key/value settings table.
export const initial: Migration = {
  version: 1,
  name: 'initial',
  step: 'making the tables',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE labels (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color       TEXT NOT NULL,
        hotkey      TEXT UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE annotators (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        role       TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'reviewer')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        title        TEXT NOT NULL,
        source       TEXT NOT NULL,
        text         TEXT NOT NULL,
        meta         TEXT NOT NULL DEFAULT '{}',
        content_hash TEXT NOT NULL UNIQUE,
        created_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE spans (
        id           TEXT PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        label_id     INTEGER NOT NULL REFERENCES labels (id),
        start_offset INTEGER NOT NULL,
        end_offset   INTEGER NOT NULL,
        origin       TEXT NOT NULL DEFAULT 'manual',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        CHECK (start_offset >= 0 AND end_offset > start_offset)
      ) STRICT;
      CREATE INDEX spans_by_article ON spans (article_id, annotator_id, deleted);
      CREATE INDEX spans_by_label ON spans (label_id);

      CREATE TABLE article_status (
        article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (article_id, annotator_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX article_status_by_annotator ON article_status (annotator_id, status);
    `);
  },
};
