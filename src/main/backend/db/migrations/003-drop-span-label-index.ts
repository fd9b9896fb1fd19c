import type { Migration } from './index';

// Nothing looks spans up by label alone (label edits go by label id in the labels table;
// per-label statistics scan a layer anyway), and the index cost every imported span a fourth
// b-tree write: about a tenth of an import's time.
export const dropSpanLabelIndex: Migration = {
  version: 3,
  name: 'drop-span-label-index',
  step: 'updating the span indexes',
  up(db) {
    db.exec('DROP INDEX IF EXISTS spans_by_label');
  },
};
