// The contract's review methods over one project: the current person's role, the queue, one
// article for adjudication, decisions and their undo, the adjudicated flag and the merge policy.
// Decisions are recorded under the current person; every call is one read or one write transaction.
import type { Handlers } from '../../../shared/contract';
import type { Session } from '../../../shared/model';
import { getAnnotator } from '../annotators';
import { sql, writeTransaction } from '../db/handles';
import type { Db } from '../db/open';
import { decide, setAdjudicated, undoDecision } from './decisions';
import { pairConflicts } from './pair-conflicts';
import { getPolicy, setPolicy } from './policy';
import { reviewArticle, reviewQueue } from './queue';

type ReviewMethods =
  | 'setRole'
  | 'reviewQueue'
  | 'reviewArticle'
  | 'decide'
  | 'undoDecision'
  | 'setAdjudicated'
  | 'getPolicy'
  | 'setPolicy'
  | 'pairConflicts';

const SET_ROLE = sql('UPDATE annotators SET role = ? WHERE id = ?');

export function reviewHandlers(db: Db, me: () => number, session: () => Session): Pick<Handlers, ReviewMethods> {
  return {
    setRole: ({ role }) => {
      const who = me();
      writeTransaction(db, (w) => {
        getAnnotator(w, who);
        SET_ROLE.run(w, role, who);
      });
      return session();
    },
    reviewQueue: ({ filter }) => reviewQueue(db, filter),
    reviewArticle: ({ articleId }) => reviewArticle(db, articleId),
    decide: (input) => {
      decide(db, me(), input);
      return reviewArticle(db, input.articleId);
    },
    undoDecision: () => {
      const undone = undoDecision(db, me());
      const first = undone[0];
      return { undone, article: first ? reviewArticle(db, first.articleId) : null };
    },
    setAdjudicated: ({ articleId, adjudicated }) => {
      setAdjudicated(db, articleId, adjudicated);
      return { articleId, adjudicated, progress: reviewArticle(db, articleId).progress };
    },
    getPolicy: () => getPolicy(db),
    setPolicy: (policy) => {
      setPolicy(db, policy);
      return getPolicy(db);
    },
    pairConflicts: (q) => pairConflicts(db, q),
  };
}
