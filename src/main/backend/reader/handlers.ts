// The methods the reader's worker serves, over its own connection: the same handlers the main
// thread would run (review/handlers.ts), so a result is the same whichever thread computes it.
import type { Handlers, OffMainMethod } from '../../../shared/contract';
import { currentAnnotatorId } from '../annotators';
import type { Connection } from '../db/open';
import { AppError } from '../../../shared/result';
import { reviewHandlers } from '../review/handlers';
import { sessionOf } from '../session';

export function offMainHandlers(db: Connection, projectFile: string): Pick<Handlers, OffMainMethod> {
  const me = () => {
    const id = currentAnnotatorId(db);
    if (id === null) throw new AppError('NO_ANNOTATOR', 'no annotator is set for this project: set a name first');
    return id;
  };
  const review = reviewHandlers(db, me, () => sessionOf(db, projectFile, false));
  return { reviewQueue: review.reviewQueue, undoDecision: review.undoDecision };
}
