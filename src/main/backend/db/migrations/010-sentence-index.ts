import type { Migration } from './index';

// The sentence index, stored (across/index-store.ts; docs/across.md says what it costs).
// `sentence_articles`: each indexed article, its cluster (the smallest article id in it), the
// words of its counted sentences, and its keys (so that they can be taken out again when it
// goes). `sentence_keys`: key → articles, to find the articles a new one may share sentences
// with. `sentence_pairs`: each pair of articles with a matching sentence, both ways round, with
// how much each shares and whether they are near-duplicates. `sentence_matches`: the matching
// sentences themselves, both ways round (what projection onto a copy reads).
// `sentence_dirty`: the articles added, changed or removed since they were last indexed,
// recorded by triggers so that every writer (imports, merges, packs, the demo seed, another
// process) leaves the work to be done; the migration marks every article a project already
// has, so it is indexed the first time it is needed.
export const sentenceIndex: Migration = {
  version: 10,
  name: 'sentence-index',
  step: 'preparing the sentence index',
  up(db) {
    db.exec(`
      CREATE TABLE sentence_articles (
        article_id INTEGER PRIMARY KEY,
        cluster    INTEGER NOT NULL,
        words      INTEGER NOT NULL,
        keys       BLOB NOT NULL
      ) STRICT;
      CREATE INDEX sentence_articles_cluster ON sentence_articles (cluster);

      CREATE TABLE sentence_keys (
        key        INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (key, article_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sentence_pairs (
        article_id   INTEGER NOT NULL,
        other_id     INTEGER NOT NULL,
        shared       INTEGER NOT NULL,
        words        INTEGER NOT NULL,
        other_shared INTEGER NOT NULL,
        other_words  INTEGER NOT NULL,
        joined       INTEGER NOT NULL CHECK (joined IN (0, 1)),
        PRIMARY KEY (article_id, other_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sentence_matches (
        article_id     INTEGER NOT NULL,
        other_id       INTEGER NOT NULL,
        sentence       INTEGER NOT NULL,
        other_sentence INTEGER NOT NULL,
        PRIMARY KEY (article_id, other_id, sentence, other_sentence)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sentence_dirty (article_id INTEGER PRIMARY KEY) STRICT;
      INSERT INTO sentence_dirty (article_id) SELECT id FROM articles;
      CREATE TRIGGER sentence_dirty_insert AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO sentence_dirty (article_id) VALUES (new.id);
      END;
      CREATE TRIGGER sentence_dirty_delete AFTER DELETE ON articles BEGIN
        INSERT OR IGNORE INTO sentence_dirty (article_id) VALUES (old.id);
      END;
      CREATE TRIGGER sentence_dirty_update AFTER UPDATE OF text ON articles BEGIN
        INSERT OR IGNORE INTO sentence_dirty (article_id) VALUES (old.id);
        INSERT OR IGNORE INTO sentence_dirty (article_id) VALUES (new.id);
      END;
    `);
  },
};
