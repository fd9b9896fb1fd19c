import type { Migration } from './index';

// Importers keep the id an article had in the file it came from (a number or a string,
// stored JSON-encoded so that its type survives), and exporters write it back: that is what
// makes import ∘ export the identity. Articles created in the app have none and are exported
// under their own row id.
export const externalId: Migration = {
  version: 2,
  name: 'external-id',
  step: 'adding external ids',
  up(db) {
    db.exec(`ALTER TABLE articles ADD COLUMN external_id TEXT;`);
  },
};
