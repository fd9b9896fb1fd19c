// The agreement job: the same report `spanwise agreement` prints (adjudicated spans read by the
// gold reader, as the CLI passes it), with progress over the articles and Cancel between them.
import type { AgreementReport } from '../../../shared/review';
import type { JobProgress } from '../../../shared/jobs';
import type { Db } from '../db/open';
import { Cancelled } from '../importers/errors';
import { goldReader } from '../review/gold-layer';
import { loadReview } from '../review/load';
import type { ReviewArticle } from '../review/model';
import { agreementReport, formatAgreement } from '../review/report';

export interface AgreementHooks {
  onProgress?: ((progress: JobProgress) => void) | undefined;
  shouldCancel?: (() => boolean) | undefined;
}

/** How many articles the report reads: those some annotator marked done. */
function doneArticles(db: Db): number {
  const row = db.prepare(`SELECT COUNT(DISTINCT article_id) AS n FROM article_status WHERE status = 'done'`).get() as {
    n: number;
  };
  return row.n;
}

export function runAgreement(
  db: Db,
  labels: readonly string[] | undefined,
  hooks: AgreementHooks = {},
): { report: AgreementReport; text: string } {
  const input = loadReview(db, { labels, gold: goldReader });
  const total = doneArticles(db);
  const progress = (done: number): JobProgress => ({
    done,
    total,
    unit: 'articles',
    message: `${done} of ${total} articles`,
  });
  function* counted(articles: Iterable<ReviewArticle>): Generator<ReviewArticle> {
    let done = 0;
    for (const article of articles) {
      if (hooks.shouldCancel?.()) throw new Cancelled();
      yield article;
      hooks.onProgress?.(progress(++done));
    }
  }
  const report = agreementReport({ ...input, articles: counted(input.articles) });
  return { report, text: formatAgreement(report) };
}
