// The disagreements job: the report `spanwise disagreements` writes, with the decision column,
// progress over the articles and Cancel between them (the partial file is removed).
import type { Db } from '../db/open';
import { formatDisagreementSummary, writeDisagreements } from '../review/disagreements';
import { doneArticleCount, loadReview } from '../review/load';
import { decisionColumn } from '../review/queue';
import { countedArticles, type ArticleHooks } from './article-progress';

export async function runDisagreements(
  db: Db,
  projectFile: string,
  out: string,
  hooks: ArticleHooks = {},
): Promise<string> {
  const review = loadReview(db);
  const articles = countedArticles(review.articles, doneArticleCount(db), hooks);
  const summary = await writeDisagreements(projectFile, review.annotators, articles, out, decisionColumn(db));
  return formatDisagreementSummary(summary);
}
