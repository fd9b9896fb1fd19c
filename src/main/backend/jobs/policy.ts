// The merge policy as a job: over a large set it takes seconds, which must not stop the window's
// process. One batch in one transaction, progress over the articles, Cancel records nothing.
import { describePolicyRun, policyRun, type PolicyRun } from '../../../shared/review';
import type { Db } from '../db/open';
import { applyPolicy } from '../review/policy';
import { articleProgress, type ArticleHooks } from './article-progress';

export function runPolicy(
  db: Db,
  reviewer: number,
  hooks: ArticleHooks = {},
): { report: string; policyRun: PolicyRun } {
  const run = policyRun(
    applyPolicy(db, reviewer, undefined, {
      shouldCancel: hooks.shouldCancel,
      onArticle: (done, total) => hooks.onProgress?.(articleProgress(done, total)),
    }),
  );
  return { report: describePolicyRun(run), policyRun: run };
}
