// Search over the whole set (Ctrl+Shift+F): the query, its results, the hit the keys are on,
// and labelling every hit at once. Typing searches after a short pause; ↓/↑ walk the hits
// across articles; Enter opens the article with the hit selected, ready for a label key. A
// malformed query shows the backend's message where the results would be.
import type { SearchHits, SearchResults, TextRange } from '../../../shared/across';
import type { Label } from '../../../shared/model';
import { ApiError, call } from '../api';
import { recordBatch } from './batchHistory';
import type { Slice } from './types';

/** Articles read per page of a search: the panel lists them, says how many match in all, and reads
 *  the next page when asked (its button, or ↓ past the last hit). */
export const SEARCH_LIMIT = 100;
/** The pause after a keystroke before the query runs. */
const DEBOUNCE_MS = 150;

/** One stop of ↓/↑: a hit, or an article that matched by its title alone (hit null). */
export interface HitStop {
  articleId: number;
  /** The result's index in the list. */
  result: number;
  /** The hit's index in its article (0 for a title-only match). */
  index: number;
  hit: TextRange | null;
}

export interface SearchSlice {
  searchQuery: string;
  searchResults: SearchResults | null;
  /** The backend's message for a query it cannot read (a quote left open…). */
  searchError: string | null;
  /** Index into selectHitStops. */
  searchCursor: number;
  /** The next page of results is being read. */
  searchLoadingMore: boolean;
  /** Bumped by every Ctrl+Shift+F, so that an open panel takes the focus again. */
  searchRequest: number;
  /** Labelling every hit: the preview shown before anything is written. */
  hitsPreview: { label: Label; hits: SearchHits } | null;
  openSearch(): void;
  closeSearch(): void;
  setSearchQuery(query: string): void;
  /** Reads the next page of results and adds it to the list. */
  loadMoreSearchResults(): Promise<void>;
  /** ↓/↑ over the hits; ↓ on the last one reads the next page first when there is one. */
  moveSearchCursor(dir: 1 | -1): Promise<void>;
  /** Opens the article of the hit at `stop` (default: the cursor's) with the hit selected. */
  openSearchHit(stop?: number): Promise<void>;
  /** Every hit of the query still to label with this label, for the preview. */
  previewLabelHits(labelId: number): Promise<void>;
  cancelLabelHits(): void;
  /** Writes the previewed labels in one batch: one undo takes them back. */
  applyLabelHits(): Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let runs = 0;

const stopsCache = new WeakMap<SearchResults, HitStop[]>();
const NO_STOPS: HitStop[] = [];

/** The hits ↓/↑ walk: every hit of every listed article, in list order. */
export function selectHitStops(s: Pick<SearchSlice, 'searchResults'>): HitStop[] {
  const results = s.searchResults;
  if (!results) return NO_STOPS;
  let stops = stopsCache.get(results);
  if (!stops) {
    stops = results.results.flatMap((r, result): HitStop[] =>
      r.hits.length === 0
        ? [{ articleId: r.articleId, result, index: 0, hit: null }]
        : r.hits.map((hit, index) => ({ articleId: r.articleId, result, index, hit })),
    );
    stopsCache.set(results, stops);
  }
  return stops;
}

/** Hits in the listed articles. */
export const selectListedHits = (s: Pick<SearchSlice, 'searchResults'>): number =>
  s.searchResults?.results.reduce((n, r) => n + r.hitCount, 0) ?? 0;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const createSearchSlice: Slice<SearchSlice> = (set, get) => {
  const run = async (query: string) => {
    const seq = ++runs;
    if (query.trim() === '') {
      set({ searchResults: null, searchError: null, searchCursor: 0 });
      return;
    }
    try {
      const results = await call('search', { query, limit: SEARCH_LIMIT });
      if (seq === runs) set({ searchResults: results, searchError: null, searchCursor: 0, searchLoadingMore: false });
    } catch (err) {
      if (seq !== runs) return;
      if (err instanceof ApiError && err.code === 'BAD_INPUT') set({ searchResults: null, searchError: err.message });
      else set({ searchResults: null, searchError: `The search failed: ${message(err)}` });
    }
  };
  return {
    searchQuery: '',
    searchResults: null,
    searchError: null,
    searchCursor: 0,
    searchLoadingMore: false,
    searchRequest: 0,
    hitsPreview: null,
    openSearch: () => set((s) => ({ overlay: 'search', searchRequest: s.searchRequest + 1, hitsPreview: null })),
    closeSearch: () => {
      set({ overlay: 'none', hitsPreview: null });
      // The keys return to the editor: nothing in the window keeps the focus.
      if (typeof document !== 'undefined' && document.activeElement instanceof HTMLElement)
        document.activeElement.blur();
    },
    setSearchQuery: (query) => {
      set({ searchQuery: query, hitsPreview: null });
      clearTimeout(timer);
      timer = setTimeout(() => void run(query), DEBOUNCE_MS);
    },
    loadMoreSearchResults: async () => {
      const { searchResults: shown, searchLoadingMore } = get();
      if (!shown || searchLoadingMore || shown.results.length >= shown.total) return;
      const seq = runs;
      set({ searchLoadingMore: true });
      try {
        const page = await call('search', { query: shown.query, limit: SEARCH_LIMIT, offset: shown.results.length });
        // A new query since: its own results stand.
        if (seq !== runs || get().searchResults !== shown) return;
        const seen = new Set(shown.results.map((r) => r.articleId));
        set({
          searchResults: {
            query: shown.query,
            total: page.total,
            results: [...shown.results, ...page.results.filter((r) => !seen.has(r.articleId))],
          },
        });
      } catch (err) {
        if (seq === runs) set({ searchError: `The search failed: ${message(err)}` });
      } finally {
        if (seq === runs) set({ searchLoadingMore: false });
      }
    },
    moveSearchCursor: async (dir) => {
      let n = selectHitStops(get()).length;
      if (n === 0) return;
      const at = get().searchCursor;
      const results = get().searchResults;
      if (dir === 1 && at === n - 1 && results && results.results.length < results.total) {
        await get().loadMoreSearchResults();
        n = selectHitStops(get()).length;
        if (get().searchCursor !== at) return;
      }
      set({ searchCursor: (at + dir + n) % n });
    },
    openSearchHit: async (stop) => {
      const target = selectHitStops(get())[stop ?? get().searchCursor];
      if (!target) return;
      get().closeSearch();
      await get().openArticle(target.articleId);
      if (get().article?.id !== target.articleId) return;
      if (target.hit) get().setSelection({ anchor: target.hit.start, focus: target.hit.end });
    },
    previewLabelHits: async (labelId) => {
      const query = get().searchQuery;
      const label = get().labels.find((l) => l.id === labelId);
      if (!label || query.trim() === '') return;
      try {
        const hits = await call('findSearchHits', { query, labelId });
        if (get().searchQuery === query) set({ hitsPreview: { label, hits }, searchError: null });
      } catch (err) {
        set({ hitsPreview: null, searchError: message(err) });
      }
    },
    cancelLabelHits: () => set({ hitsPreview: null }),
    applyLabelHits: async () => {
      const preview = get().hitsPreview;
      if (!preview || get().editingLocked()) return;
      set({ hitsPreview: null });
      if (preview.hits.hits.length === 0) return get().notify('Every hit already has this label');
      const { query, labelId } = preview.hits;
      try {
        const done = await get().enqueueWrite(() => call('labelSearchHits', { query, labelId }));
        const n = done.spans.length;
        // Recorded as one history entry, and named in the status bar ("Labelled 32 hits of …").
        recordBatch(done, `labelled ${n} ${n === 1 ? 'hit' : 'hits'} of ${query} as ${preview.label.name}`);
      } catch {
        // The status bar shows the failed write; nothing was written (one transaction).
      }
    },
  };
};
