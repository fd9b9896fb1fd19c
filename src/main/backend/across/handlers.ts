// The contract's methods across the article set, over one project, as the current person.
import type { Handlers } from '../../../shared/contract';
import type { Db } from '../db/open';
import { redoSpanBatch, undoSpanBatch } from './batch';
import { findOccurrences, labelOccurrences } from './occurrences';
import { search } from './search';
import { findSearchHits, labelSearchHits } from './search-hits';
import {
  acceptSuggestions,
  dismissSuggestions,
  listSuggestions,
  undismissSuggestions,
  type IndexSource,
  type SuggestionSelection,
} from './suggestions';

export type AcrossMethods =
  | 'search'
  | 'findSearchHits'
  | 'labelSearchHits'
  | 'listSuggestions'
  | 'acceptSuggestions'
  | 'dismissSuggestions'
  | 'undismissSuggestions'
  | 'findOccurrences'
  | 'labelOccurrences'
  | 'undoSpanBatch'
  | 'redoSpanBatch';

function selection(input: { ids?: string[] | undefined; articleId?: number | undefined }): SuggestionSelection {
  return input.ids ? { ids: input.ids } : { articleId: input.articleId! };
}

export function acrossHandlers(db: Db, me: () => number, index: IndexSource): Pick<Handlers, AcrossMethods> {
  return {
    search: ({ query, limit, offset }) => search(db, query, { limit, offset }),
    findSearchHits: (q) => findSearchHits(db, me(), q),
    labelSearchHits: (q) => labelSearchHits(db, me(), q),
    listSuggestions: ({ articleId, limit, near }) =>
      listSuggestions(db, me(), articleId ?? null, index, { limit, near }),
    acceptSuggestions: (input) => acceptSuggestions(db, me(), selection(input), index),
    dismissSuggestions: (input) => {
      const ids = dismissSuggestions(db, me(), selection(input), index);
      return { dismissed: ids.length, ids };
    },
    undismissSuggestions: ({ ids }) => ({ forgotten: undismissSuggestions(db, me(), ids) }),
    findOccurrences: (q) => findOccurrences(db, me(), q),
    labelOccurrences: (q) => labelOccurrences(db, me(), q),
    undoSpanBatch: ({ batch }) => undoSpanBatch(db, me(), batch),
    redoSpanBatch: ({ batch }) => redoSpanBatch(db, me(), batch),
  };
}
