// Progress and Cancel for the jobs that read the review set article by article (agreement,
// disagreements, the merge policy): "N of M articles", and Cancel checked between articles.
import type { JobProgress } from '../../../shared/jobs';
import { Cancelled } from '../importers/errors';

export interface ArticleHooks {
  onProgress?: ((progress: JobProgress) => void) | undefined;
  shouldCancel?: (() => boolean) | undefined;
}

export function articleProgress(done: number, total: number): JobProgress {
  return { done, total, unit: 'articles', message: `${done} of ${total} articles` };
}

/** The articles as they are read, each reported when done; Cancelled before the next when asked. */
export function* countedArticles<T>(articles: Iterable<T>, total: number, hooks: ArticleHooks): Generator<T> {
  let done = 0;
  for (const article of articles) {
    if (hooks.shouldCancel?.()) throw new Cancelled();
    yield article;
    hooks.onProgress?.(articleProgress(++done, total));
  }
}
