import type { Migration } from './index';

// The article list's label filters ("has spans of label X", "has no spans of label X", for one
// person). This index holds each person's live spans by label in article order, so the
// articles with a label are read in list order straight from it, a page after a loaded row by
// key, and "has no spans of X" is one lookup per article. Partial (live spans only): a
// tombstone is never what the list asks about. It costs an import one more b-tree write per
// span; migration 3 dropped the plain label index for that cost when nothing read by label.
export const labelFilter: Migration = {
  version: 9,
  name: 'label-filter',
  step: 'indexing spans by label',
  up(db) {
    db.exec('CREATE INDEX spans_by_annotator_label ON spans (annotator_id, label_id, article_id) WHERE deleted = 0');
  },
};
