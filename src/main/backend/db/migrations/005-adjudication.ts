import type { Migration } from './index';

// Adjudication. `decisions` is an append-only log (triggers refuse UPDATE and DELETE): a
// reviewer's word on one conflict cluster, or an undo record naming the decision it takes
// back. The gold layer is not stored: it is the log replayed per article (see
// review/decisions.ts), so it can never disagree with the log. Offsets are UTF-16 like every
// span in the project. `fingerprint` and `members` record the versions the decision saw, so a
// later merge that changes them reopens exactly that cluster. `article_review` holds the
// reviewer's "this article is adjudicated" flag.
export const adjudication: Migration = {
  version: 5,
  name: 'adjudication',
  step: 'adding review decisions',
  up(db) {
    db.exec(`
      CREATE TABLE decisions (
        id           INTEGER PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles (id),
        cluster_id   TEXT NOT NULL,
        fingerprint  TEXT NOT NULL,
        members      TEXT NOT NULL DEFAULT '[]',
        action       TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'auto', 'undo')),
        decision     TEXT CHECK (decision IN ('unanimous', 'accepted', 'majority', 'edited')),
        sources      TEXT NOT NULL DEFAULT '[]',
        label_id     INTEGER REFERENCES labels (id),
        start_offset INTEGER,
        end_offset   INTEGER,
        replaces     TEXT NOT NULL DEFAULT '[]',
        reviewer_id  INTEGER NOT NULL REFERENCES annotators (id),
        decided_at   TEXT NOT NULL,
        batch        INTEGER NOT NULL,
        undoes       INTEGER REFERENCES decisions (id),
        CHECK ((decision IS NULL) = (label_id IS NULL)),
        CHECK ((label_id IS NULL AND start_offset IS NULL AND end_offset IS NULL) OR
               (label_id IS NOT NULL AND start_offset >= 0 AND end_offset > start_offset)),
        CHECK ((action = 'undo') = (undoes IS NOT NULL))
      ) STRICT;
      CREATE INDEX decisions_by_article ON decisions (article_id, id);
      CREATE INDEX decisions_by_reviewer ON decisions (reviewer_id, id);
      CREATE UNIQUE INDEX decisions_undone_once ON decisions (undoes) WHERE undoes IS NOT NULL;
      CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision or an undo'); END;
      CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision or an undo'); END;

      CREATE TABLE article_review (
        article_id  INTEGER PRIMARY KEY REFERENCES articles (id),
        status      TEXT NOT NULL CHECK (status IN ('open', 'adjudicated')),
        updated_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
