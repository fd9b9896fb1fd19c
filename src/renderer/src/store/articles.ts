// The article list: a virtualised window over possibly 100,000 articles, loaded in pages.
import type { ArticleListItem, ArticleStatus, Progress } from '../../../shared/model';
import { call } from '../api';
import type { Slice } from './types';

export type StatusFilter = ArticleStatus | 'all';
export const PAGE_SIZE = 200;

export interface ArticlesSlice {
  filter: StatusFilter;
  /** The list shows only articles whose title contains this ('' for all). */
  titleQuery: string;
  listTotal: number;
  /** Loaded rows by their index in the filtered list. */
  rows: Record<number, ArticleListItem>;
  progress: Progress | null;
  /** Bumped on every reload so that components drop stale page requests. */
  listVersion: number;
  setFilter(filter: StatusFilter): Promise<void>;
  setTitleQuery(query: string): Promise<void>;
  reloadList(): Promise<void>;
  ensureRows(from: number, to: number): void;
  patchListItem(id: number, patch: Partial<ArticleListItem>): void;
  refreshProgress(): Promise<void>;
  /** Called once an annotator is known: list, progress and the first undone article. */
  startAnnotating(): Promise<void>;
}

const loadingPages = new Set<string>();

export const createArticlesSlice: Slice<ArticlesSlice> = (set, get) => ({
  filter: 'all',
  titleQuery: '',
  listTotal: 0,
  rows: {},
  progress: null,
  listVersion: 0,
  setFilter: async (filter) => {
    set({ filter });
    await get().reloadList();
  },
  setTitleQuery: async (titleQuery) => {
    set({ titleQuery });
    await get().reloadList();
  },
  reloadList: async () => {
    const version = get().listVersion + 1;
    set({ listVersion: version });
    const { filter, titleQuery } = get();
    const { total, items } = await call('listArticles', { status: filter, titleQuery, offset: 0, limit: PAGE_SIZE });
    if (get().listVersion !== version) return;
    const rows: Record<number, ArticleListItem> = {};
    items.forEach((item, i) => (rows[i] = item));
    set({ listTotal: total, rows });
  },
  ensureRows: (from, to) => {
    const { rows, listVersion, filter, titleQuery } = get();
    for (let page = Math.floor(from / PAGE_SIZE); page * PAGE_SIZE <= to; page++) {
      const first = page * PAGE_SIZE;
      if (rows[first]) continue;
      const key = `${listVersion}:${page}`;
      if (loadingPages.has(key)) continue;
      loadingPages.add(key);
      void call('listArticles', { status: filter, titleQuery, offset: first, limit: PAGE_SIZE })
        .then(({ items }) => {
          if (get().listVersion !== listVersion) return;
          const next = { ...get().rows };
          items.forEach((item, i) => (next[first + i] = item));
          set({ rows: next });
        })
        .finally(() => loadingPages.delete(key));
    }
  },
  patchListItem: (id, patch) => {
    const rows = get().rows;
    for (const key of Object.keys(rows)) {
      const index = Number(key);
      const row = rows[index]!;
      if (row.id === id) {
        set({ rows: { ...rows, [index]: { ...row, ...patch } } });
        return;
      }
    }
  },
  refreshProgress: async () => {
    set({ progress: await call('getProgress') });
  },
  startAnnotating: async () => {
    await Promise.all([get().reloadList(), get().refreshProgress()]);
    const first =
      (await call('nextArticle', { afterId: null, undoneOnly: true })) ??
      (await call('nextArticle', { afterId: null }));
    if (first) await get().openArticle(first.id);
  },
});
