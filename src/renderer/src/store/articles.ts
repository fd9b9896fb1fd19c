// The article list: a virtualised window over possibly 100,000 articles, loaded in pages. A
// page is read on from a loaded neighbour (the row before it, or after it) when there is one,
// so scrolling costs the same at the end as at the start; a page with no loaded neighbour (the
// End key, the scrollbar dragged) is found by its index without reading the pages before it.
import type { Input } from '../../../shared/contract';
import type { ArticleListItem, ArticleStatus, Progress } from '../../../shared/model';
import { ApiError, call } from '../api';
import { ListRows } from './listRows';
import type { Slice } from './types';

export type StatusFilter = ArticleStatus | 'all';
export const PAGE_SIZE = 200;

/** Articles with (has) or without (!has) the current person's spans of a label. */
export interface LabelFilter {
  labelId: number;
  has: boolean;
}

export interface ArticlesSlice {
  filter: StatusFilter;
  /** The list shows only articles whose title contains this ('' for all). */
  titleQuery: string;
  /** …whose title or text matches this full-text query ('' for all). */
  textQuery: string;
  labelFilter: LabelFilter | null;
  /** Why the list cannot be shown as asked (a text query the search cannot read), or null. */
  listError: string | null;
  listTotal: number;
  /** Loaded rows, by index and by article id (see listRows.ts). */
  listRows: ListRows;
  /** Bumped whenever a row is loaded or patched: what components subscribe to. */
  listRowsVersion: number;
  progress: Progress | null;
  /** Bumped on every reload so that components drop stale page requests. */
  listVersion: number;
  setFilter(filter: StatusFilter): Promise<void>;
  setTitleQuery(query: string): Promise<void>;
  setTextQuery(query: string): Promise<void>;
  setLabelFilter(filter: LabelFilter | null): Promise<void>;
  reloadList(): Promise<void>;
  ensureRows(from: number, to: number): void;
  patchListItem(id: number, patch: Partial<ArticleListItem>): void;
  refreshProgress(): Promise<void>;
  /**
   * The list, the progress and the first undone article. `firstUndone`: that article, asked for
   * already (at boot, beside the session); undefined when it was not, or could not be, asked.
   */
  startAnnotating(firstUndone?: Promise<{ id: number } | null | undefined>): Promise<void>;
}

const loadingPages = new Set<string>();

type ListInput = Input<'listArticles'>;

/** The list's filters as the backend takes them. */
export function selectListQuery(
  s: ArticlesSlice,
): Pick<ListInput, 'status' | 'titleQuery' | 'textQuery' | 'withLabel' | 'withoutLabel'> {
  const q: ListInput = { status: s.filter, titleQuery: s.titleQuery };
  if (s.textQuery.trim()) q.textQuery = s.textQuery;
  if (s.labelFilter) q[s.labelFilter.has ? 'withLabel' : 'withoutLabel'] = s.labelFilter.labelId;
  return q;
}

/** Any filter beyond the status is on. */
export const selectListNarrowed = (s: ArticlesSlice): boolean =>
  s.titleQuery !== '' || s.textQuery.trim() !== '' || s.labelFilter !== null;

export const createArticlesSlice: Slice<ArticlesSlice> = (set, get) => ({
  filter: 'all',
  titleQuery: '',
  textQuery: '',
  labelFilter: null,
  listError: null,
  listTotal: 0,
  listRows: new ListRows(),
  listRowsVersion: 0,
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
  setTextQuery: async (textQuery) => {
    set({ textQuery });
    await get().reloadList();
  },
  setLabelFilter: async (labelFilter) => {
    set({ labelFilter });
    await get().reloadList();
  },
  reloadList: async () => {
    const version = get().listVersion + 1;
    set({ listVersion: version });
    let page: { total: number; items: ArticleListItem[] };
    try {
      page = await call('listArticles', { ...selectListQuery(get()), at: 0, limit: PAGE_SIZE });
    } catch (err) {
      // A text query being typed may not read yet (a quote still open): say why, list nothing.
      if (!(err instanceof ApiError && err.code === 'BAD_INPUT')) throw err;
      if (get().listVersion !== version) return;
      set({
        listError: err.message,
        listTotal: 0,
        listRows: new ListRows(),
        listRowsVersion: get().listRowsVersion + 1,
      });
      return;
    }
    if (get().listVersion !== version) return;
    const listRows = new ListRows();
    listRows.put(0, page.items);
    set({ listError: null, listTotal: page.total, listRows, listRowsVersion: get().listRowsVersion + 1 });
  },
  ensureRows: (from, to) => {
    const { listRows, listVersion, listTotal } = get();
    const query = selectListQuery(get());
    for (let page = Math.floor(from / PAGE_SIZE); page * PAGE_SIZE <= to; page++) {
      const first = page * PAGE_SIZE;
      if (listRows.at(first)) continue;
      const key = `${listVersion}:${page}`;
      if (loadingPages.has(key)) continue;
      loadingPages.add(key);
      // A loaded neighbour lets the backend read on by key instead of finding the index.
      const after = listRows.at(first - 1)?.id;
      const before =
        after === undefined && first + PAGE_SIZE < listTotal ? listRows.at(first + PAGE_SIZE)?.id : undefined;
      void call('listArticles', { ...query, at: first, limit: PAGE_SIZE, after, before })
        .then(({ items }) => {
          if (get().listVersion !== listVersion) return;
          get().listRows.put(first, items);
          set({ listRowsVersion: get().listRowsVersion + 1 });
        })
        .finally(() => loadingPages.delete(key));
    }
  },
  patchListItem: (id, patch) => {
    if (get().listRows.patch(id, patch)) set({ listRowsVersion: get().listRowsVersion + 1 });
  },
  refreshProgress: async () => {
    set({ progress: await call('getProgress') });
  },
  startAnnotating: async (firstUndone) => {
    // The first article is asked for beside the list, not after it: one round trip less
    // before the window's first paint of an article.
    const openFirst = async () => {
      const early = await firstUndone;
      const undone = early === undefined ? await call('nextArticle', { afterId: null, undoneOnly: true }) : early;
      const first = undone ?? (await call('nextArticle', { afterId: null }));
      if (first) await get().openArticle(first.id);
    };
    await Promise.all([get().reloadList(), get().refreshProgress(), openFirst()]);
  },
});
