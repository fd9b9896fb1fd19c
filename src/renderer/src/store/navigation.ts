// Moving between articles: next/previous in list order, and the statuses that close an article
// for now and open the next undone one: done (Ctrl+Enter), skipped, flagged with a note; and
// reopening. Marking done an article without spans asks first: the status bar says so, and the
// same key again confirms (the keyboard never leaves the text for a dialog).
import { shortcutText } from '../../../shared/keymap';
import type { ArticleStatus } from '../../../shared/model';
import { call } from '../api';
import type { Slice } from './types';

export interface NavigationSlice {
  /** The article whose "done without spans" the status bar has asked about (null: none). */
  emptyDoneAsked: number | null;
  markDoneAndNext(): Promise<void>;
  skipAndNext(): Promise<void>;
  /** Flags the open article with a note (why it needs someone else's eyes) and opens the next. */
  flagAndNext(note: string): Promise<void>;
  /** A done, skipped or flagged article back to work (in progress). */
  reopenArticle(): Promise<void>;
  goArticle(dir: 1 | -1): Promise<void>;
}

const NOTICES: Partial<Record<ArticleStatus, string>> = {
  done: 'Marked done',
  skipped: 'Skipped',
  flagged: 'Flagged',
  in_progress: 'Reopened',
};

export const createNavigationSlice: Slice<NavigationSlice> = (set, get) => {
  /** Writes the status of the open article; returns its id, or null when nothing was written. */
  const writeStatus = async (status: ArticleStatus, note?: string): Promise<number | null> => {
    const article = get().article;
    if (!article || get().editingLocked()) return null;
    const { progress } = await get().enqueueWrite(() =>
      call('setStatus', { articleId: article.id, status, ...(note !== undefined ? { note } : {}) }),
    );
    const statusNote = status === 'flagged' ? (note ?? '') : '';
    set({
      progress,
      article: get().article?.id === article.id ? { ...get().article!, status, statusNote } : get().article,
    });
    get().patchListItem(article.id, { status });
    return article.id;
  };
  const openNextUndone = async (after: number, done: string) => {
    const next = await call('nextArticle', { afterId: after, undoneOnly: true });
    if (next && next.id !== after) await get().openArticle(next.id);
    else get().notify(`${done}. Every article is done, skipped or flagged`);
  };
  return {
    emptyDoneAsked: null,
    markDoneAndNext: async () => {
      const article = get().article;
      if (!article) return;
      if (get().spans.length === 0 && get().emptyDoneAsked !== article.id) {
        set({ emptyDoneAsked: article.id });
        get().notify(
          `This article has no spans. ${shortcutText('markDone')} again marks it done anyway; ${shortcutText('skipArticle')} skips it.`,
        );
        return;
      }
      const id = await writeStatus('done');
      if (id !== null) await openNextUndone(id, NOTICES.done!);
    },
    skipAndNext: async () => {
      const id = await writeStatus('skipped');
      if (id === null) return;
      get().notify(NOTICES.skipped!);
      await openNextUndone(id, NOTICES.skipped!);
    },
    flagAndNext: async (note) => {
      const id = await writeStatus('flagged', note);
      if (id === null) return;
      get().setOverlay('none');
      get().notify(NOTICES.flagged!);
      await openNextUndone(id, NOTICES.flagged!);
    },
    reopenArticle: async () => {
      const article = get().article;
      if (!article || article.status === 'todo' || article.status === 'in_progress') return;
      if ((await writeStatus('in_progress')) !== null) get().notify(NOTICES.in_progress!);
    },
    goArticle: async (dir) => {
      const article = get().article;
      const next = await call('nextArticle', { afterId: article?.id ?? null, direction: dir });
      if (next) await get().openArticle(next.id);
    },
  };
};
