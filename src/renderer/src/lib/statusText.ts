import type { ArticleStatus } from '../../../shared/model';

/** How each article status is named in the list, its filters and the article's header. */
export const STATUS_TEXT: Record<ArticleStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
  flagged: 'Flagged',
};
