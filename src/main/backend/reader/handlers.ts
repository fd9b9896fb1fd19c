// The methods the reader's worker serves, over its own connection: the same handlers the main
// thread would run (review/handlers.ts, across/handlers.ts), so a result is the same whichever
// thread computes it. The compiler checks that every method the contract marks off-main is here.
import type { Handlers, OffMainMethod } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { currentAnnotatorId } from '../annotators';
import { acrossHandlers } from '../across/handlers';
import { listArticles } from '../article-list';
import { storedIndexSource } from '../across/index-access';
import type { Connection } from '../db/open';
import { reviewHandlers } from '../review/handlers';
import { sessionOf } from '../session';

export function offMainHandlers(db: Connection, projectFile: string): Pick<Handlers, OffMainMethod> {
  const me = () => {
    const id = currentAnnotatorId(db);
    if (id === null) throw new AppError('NO_ANNOTATOR', 'no annotator is set for this project: set a name first');
    return id;
  };
  const review = reviewHandlers(db, me, () => sessionOf(db, projectFile, false));
  // Suggestions read the stored sentence index; the window's process keeps it up to date.
  const across = acrossHandlers(db, me, storedIndexSource(db));
  return {
    listArticles: (q) => listArticles(db, me(), q),
    search: across.search,
    findSearchHits: across.findSearchHits,
    findOccurrences: across.findOccurrences,
    listSuggestions: across.listSuggestions,
    reviewQueue: review.reviewQueue,
    undoDecision: review.undoDecision,
    pairConflicts: review.pairConflicts,
  };
}
