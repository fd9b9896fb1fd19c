// The disagreements job: the report `spanwise disagreements` writes, with the decision column,
// progress over the articles and Cancel between them (the partial file is removed).
import type { JobProgress } from '../../../shared/jobs';
import type { Db } from '../db/open';
import { Cancelled } from '../importers/errors';
import { formatDisagreementSummary, writeDisagreements } from '../review/disagreements';
import { loadReview } from '../review/load';
import type { ReviewArticle } from '../review/model';
import { decisionColumn } from '../review/queue';
import type { AgreementHooks } from './agreement';

export async function runDisagreements(
  db: Db,
  projectFile: string,
  out: string,
  hooks: AgreementHooks = {},
): Promise<string> {
  const review = loadReview(db);
  const total = (db
    .prepare(`SELECT COUNT(DISTINCT article_id) FROM article_status WHERE status = 'done'`)
    .pluck()
    .get() ?? 0) as number;
  function* counted(articles: Iterable<ReviewArticle>): Generator<ReviewArticle> {
    let done = 0;
    for (const article of articles) {
      if (hooks.shouldCancel?.()) throw new Cancelled();
      yield article;
      done++;
      hooks.onProgress?.({
        done,
        total,
        unit: 'articles',
        message: `${done} of ${total} articles`,
      } satisfies JobProgress);
    }
  }
  const summary = await writeDisagreements(
    projectFile,
    review.annotators,
    counted(review.articles),
    out,
    decisionColumn(db),
  );
  return formatDisagreementSummary(summary);
}
