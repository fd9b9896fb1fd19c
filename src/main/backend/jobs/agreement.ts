// The agreement job: the same report `spanwise agreement` prints (adjudicated spans read by the
// gold reader, as the CLI passes it), with progress over the articles and Cancel between them.
import type { AgreementReport } from '../../../shared/review';
import type { Db } from '../db/open';
import { goldReader } from '../review/gold-layer';
import { doneArticleCount, loadReview } from '../review/load';
import { agreementReport, formatAgreement } from '../review/report';
import { countedArticles, type ArticleHooks } from './article-progress';

export function runAgreement(
  db: Db,
  labels: readonly string[] | undefined,
  hooks: ArticleHooks = {},
): { report: AgreementReport; text: string } {
  const input = loadReview(db, { labels, gold: goldReader });
  const articles = countedArticles(input.articles, doneArticleCount(db), hooks);
  const report = agreementReport({ ...input, articles });
  return { report, text: formatAgreement(report) };
}
