import type { Migration } from './index';

// The article list at scale. `article_order` holds each article's position in the list (id
// order) in a narrow table, so a page at any position is found through an index, never by
// counting or skipping the rows before it, and a scan over the list's ids does not read the
// articles' texts. Articles are appended (ids grow); the triggers also keep positions right
// for an insert below the last id and for a delete. `status_counts` holds how many articles
// each person has per stored status, kept by triggers on article_status, so the list's totals
// and the progress bar never count the table. 'todo' is mostly the absence of a row: it is the
// total less the others.
export const listOrder: Migration = {
  version: 7,
  name: 'list-order',
  step: 'ordering the article list',
  up(db) {
    db.exec(`
      CREATE TABLE article_order (
        article_id INTEGER PRIMARY KEY,
        position   INTEGER NOT NULL
      ) STRICT;
      INSERT INTO article_order (article_id, position)
        SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM articles;
      CREATE INDEX article_order_by_position ON article_order (position);

      CREATE TRIGGER article_order_insert AFTER INSERT ON articles BEGIN
        UPDATE article_order SET position = position + 1 WHERE article_id > new.id;
        INSERT INTO article_order (article_id, position) VALUES (new.id, coalesce(
          (SELECT position + 1 FROM article_order WHERE article_id < new.id ORDER BY article_id DESC LIMIT 1), 0));
      END;
      CREATE TRIGGER article_order_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_order WHERE article_id = old.id;
        UPDATE article_order SET position = position - 1 WHERE article_id > old.id;
      END;

      CREATE TABLE status_counts (
        annotator_id INTEGER NOT NULL,
        status       TEXT NOT NULL,
        n            INTEGER NOT NULL,
        PRIMARY KEY (annotator_id, status)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO status_counts (annotator_id, status, n)
        SELECT annotator_id, status, count(*) FROM article_status GROUP BY annotator_id, status;

      CREATE TRIGGER status_counts_insert AFTER INSERT ON article_status BEGIN
        INSERT INTO status_counts (annotator_id, status, n) VALUES (new.annotator_id, new.status, 1)
          ON CONFLICT (annotator_id, status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER status_counts_update AFTER UPDATE OF status, annotator_id ON article_status
        WHEN old.status IS NOT new.status OR old.annotator_id IS NOT new.annotator_id BEGIN
        UPDATE status_counts SET n = n - 1 WHERE annotator_id = old.annotator_id AND status = old.status;
        INSERT INTO status_counts (annotator_id, status, n) VALUES (new.annotator_id, new.status, 1)
          ON CONFLICT (annotator_id, status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER status_counts_delete AFTER DELETE ON article_status BEGIN
        UPDATE status_counts SET n = n - 1 WHERE annotator_id = old.annotator_id AND status = old.status;
      END;
    `);
  },
};
