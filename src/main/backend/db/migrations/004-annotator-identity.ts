import type { Migration } from './index';

/** A version-4 uuid made by SQLite, for rows inserted without one (and for existing rows). */
export const SQL_UUID = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
  substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
  substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

// An annotator's identity moves from the typed name to a uuid made once per person, so that two
// people who both typed "Anna" on different laptops stay two layers when their work is merged.
// Names may therefore repeat. SQLite cannot drop a UNIQUE constraint, so the table is rebuilt
// (migrate() runs this with foreign keys off and checks them before committing); row ids are
// kept, so spans and statuses still point at the same people. Existing rows get a fresh uuid.
// `remote` marks people whose work arrives in packs (met by a merge or an assignment): typing
// their name on this machine makes a new local person instead of writing into their layer.
// `merged_packs` remembers every work pack merged into the project, by its checksum, so that an
// inbox folder merges each pack once.
export const annotatorIdentity: Migration = {
  version: 4,
  name: 'annotator-identity',
  step: 'giving each annotator an identity',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE annotators_new (
        id         INTEGER PRIMARY KEY,
        uid        TEXT NOT NULL UNIQUE DEFAULT ${SQL_UUID},
        name       TEXT NOT NULL,
        role       TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'reviewer')),
        remote     INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO annotators_new (id, name, role, created_at) SELECT id, name, role, created_at FROM annotators;
      DROP TABLE annotators;
      ALTER TABLE annotators_new RENAME TO annotators;
      CREATE INDEX annotators_by_name ON annotators (name);

      CREATE TABLE merged_packs (
        checksum      TEXT PRIMARY KEY,
        file          TEXT NOT NULL,
        annotator_uid TEXT NOT NULL,
        merged_at     TEXT NOT NULL,
        summary       TEXT NOT NULL
      ) STRICT;
    `);
  },
};
