// Plain data shapes shared by main, preload and renderer. Offsets are UTF-16 code units
// (JavaScript string indices) everywhere inside the app; see offsets.ts for the boundaries.
import type { PackedSpans } from './packed-spans';

/**
 * An article's status for one annotator. Skipped: left out on purpose (not annotated); flagged:
 * needs someone else's eyes, with a note saying why. Neither is offered by "next undone".
 */
export const ARTICLE_STATUSES = ['todo', 'in_progress', 'done', 'skipped', 'flagged'] as const;
/** Statuses that take an article out of "next undone" (Ctrl+Enter's next). */
export const SETTLED_STATUSES: readonly ArticleStatus[] = ['done', 'skipped', 'flagged'];
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface Label {
  id: number;
  name: string;
  color: string;
  hotkey: string | null;
  description: string;
  position: number;
}

export interface Annotator {
  id: number;
  /** The person's identity across machines: a uuid made once; names may repeat. */
  uid: string;
  name: string;
  role: 'annotator' | 'reviewer';
}

export interface ArticleListItem {
  id: number;
  title: string;
  source: string;
  status: ArticleStatus;
  spanCount: number;
  /** 0-based position in the unfiltered list ordering (id order). */
  position: number;
}

export interface Article {
  id: number;
  title: string;
  source: string;
  text: string;
  meta: Record<string, unknown>;
  status: ArticleStatus;
  /** The note of a flagged article ('' otherwise). */
  statusNote?: string | undefined;
  position: number;
}

/** An article as the window opens it: the text only when the window does not hold it yet. */
export interface ArticleRead {
  article: Omit<Article, 'text'>;
  /** The text, or null when the caller named it by its hash (it holds it already). */
  text: string | null;
  /** The text's content hash (the project's, unique per text): what the caller names it by next time. */
  textHash: string;
  /** The current person's spans on it. */
  spans: PackedSpans;
}

export interface Span {
  id: string;
  articleId: number;
  annotatorId: number;
  labelId: number;
  start: number;
  end: number;
  origin: string;
  createdAt: string;
  updatedAt: string;
}

export interface Progress {
  total: number;
  todo: number;
  inProgress: number;
  done: number;
  skipped: number;
  flagged: number;
}

export interface Session {
  projectPath: string;
  projectName: string;
  annotator: Annotator | null;
  schemaVersion: number;
  /** The project file cannot be written (its permissions): it is open for reading only. */
  readonly: boolean;
}

/** One of a project's backups (newest first in lists), with what it holds. */
export interface BackupInfo {
  path: string;
  /** When it was made (ISO 8601). */
  time: string;
  bytes: number;
  /** What the backup holds; null when it cannot be read (damaged). */
  counts: { articles: number; spans: number; annotators: number } | null;
}
