import type { Migration } from './index';

// Across the article set. `articles_fts` is a full-text index over every article's title and
// text (external content: it stores no copy of the text, only the index), kept in step with
// `articles` by triggers, so every way an article arrives (import, seed, pack) is indexed
// without the writer knowing; the migration indexes the articles a project already has.
// unicode61 with remove_diacritics 2 folds case and diacritics ("Erdoğan" finds "Erdogan").
// `suggestion_dismissals` remembers the suggestions a person dismissed, by place and label,
// so they stay gone. `span_batches` groups the spans one bulk write made (accepting
// suggestions, labelling every occurrence), so one undo takes them all back, as one undo takes
// back a merge-policy run.
// The migration fills the index in chunks of articles (what FTS5's 'rebuild' does in one
// statement), so that an open of a large project can say how far it has come.
const CHUNK = 2000;

export const across: Migration = {
  version: 8,
  name: 'across',
  step: 'building the search index',
  up(db, progress) {
    db.exec(`
      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
    const total = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    // The last id of the next chunk, read from the primary key alone (no text is read).
    const chunkEnd = db.prepare('SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?').pluck();
    const lastId = db.prepare('SELECT coalesce(max(id), 0) FROM articles').pluck().get() as number;
    const index = db.prepare(
      'INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles WHERE id > ? AND id <= ? ORDER BY id',
    );
    let after = 0;
    let done = 0;
    progress?.(0, total);
    while (after < lastId) {
      const end = (chunkEnd.get(after, CHUNK - 1) as number | undefined) ?? lastId;
      done += index.run(after, end).changes;
      after = end;
      progress?.(done, total);
    }
    db.exec(`
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;

      CREATE TABLE suggestion_dismissals (
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset   INTEGER NOT NULL,
        label_id     INTEGER NOT NULL REFERENCES labels (id),
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (annotator_id, article_id, start_offset, end_offset, label_id),
        CHECK (start_offset >= 0 AND end_offset > start_offset)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE span_batches (
        id           INTEGER PRIMARY KEY,
        annotator_id INTEGER NOT NULL REFERENCES annotators (id),
        kind         TEXT NOT NULL CHECK (kind IN ('suggestions', 'occurrences')),
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE span_batch_members (
        batch_id INTEGER NOT NULL REFERENCES span_batches (id),
        span_id  TEXT NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        PRIMARY KEY (batch_id, span_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
