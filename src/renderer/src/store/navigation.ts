// Moving between articles: next/previous in list order, and "done, next undone" (Ctrl+Enter).
import { call } from '../api';
import type { Slice } from './types';

export interface NavigationSlice {
  markDoneAndNext(): Promise<void>;
  goArticle(dir: 1 | -1): Promise<void>;
}

export const createNavigationSlice: Slice<NavigationSlice> = (set, get) => ({
  markDoneAndNext: async () => {
    const article = get().article;
    if (!article || get().editingLocked()) return;
    const { progress } = await get().enqueueWrite(() => call('setStatus', { articleId: article.id, status: 'done' }));
    set({
      progress,
      article: get().article?.id === article.id ? { ...get().article!, status: 'done' } : get().article,
    });
    get().patchListItem(article.id, { status: 'done' });
    const next = await call('nextArticle', { afterId: article.id, undoneOnly: true });
    if (next) await get().openArticle(next.id);
    else get().notify('Every article is done');
  },
  goArticle: async (dir) => {
    const article = get().article;
    const next = await call('nextArticle', { afterId: article?.id ?? null, direction: dir });
    if (next) await get().openArticle(next.id);
  },
});
