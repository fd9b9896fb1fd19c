// Search all articles (Ctrl+Shift+F). Typing searches; ↓/↑ walk the hits across articles;
// Enter opens the article with the hit selected, ready for a label key; Esc closes and gives
// the keys back to the editor. Alt with a label's key (or its button) previews labelling every
// hit with it, and Enter then writes them in one batch that one Ctrl+Z takes back.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { SEARCH_LIMIT, selectHitStops, selectListedHits } from '../../store/search';
import { Sheet } from '../shell/Sheet';
import { HitsPreview } from './HitsPreview';
import { SearchResult } from './SearchResult';
import './across.css';

/** The label key held with Alt: read from the physical key, since Alt changes the character on some layouts. */
function altLabelKey(e: KeyboardEvent): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  return /^(?:Digit|Key)(.)$/.exec(e.code)?.[1]?.toLowerCase() ?? null;
}

export function SearchPanel() {
  const query = useStore((s) => s.searchQuery);
  const results = useStore((s) => s.searchResults);
  const error = useStore((s) => s.searchError);
  const cursor = useStore((s) => s.searchCursor);
  const request = useStore((s) => s.searchRequest);
  const preview = useStore((s) => s.hitsPreview);
  const loadingMore = useStore((s) => s.searchLoadingMore);
  const labels = useStore((s) => s.labels);
  const stops = useStore(selectHitStops);
  const listedHits = useStore(selectListedHits);
  const s = useStore.getState();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [request]);
  // After a label's button is clicked the keys come back to the field: Enter applies, Esc goes back.
  useEffect(() => {
    if (preview) inputRef.current?.focus();
  }, [preview]);
  const current = stops[cursor];
  useEffect(() => {
    if (current) listRef.current?.children[current.result]?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const key = altLabelKey(e);
    const label = key ? labels.find((l) => l.hotkey === key) : undefined;
    if (label) {
      e.preventDefault();
      if (results && results.total > 0) void s.previewLabelHits(label.id);
      return;
    }
    if (preview) {
      if (e.key === 'Enter') {
        e.preventDefault();
        void s.applyLabelHits();
      }
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void s.moveSearchCursor(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void s.openSearchHit();
    }
  };

  const total = results?.total ?? 0;
  const shown = results?.results.length ?? 0;
  return (
    <Sheet
      title="Search all articles"
      label="Search all articles"
      testId="search-panel"
      className="search-panel"
      onClose={() => (preview ? s.cancelLabelHits() : s.closeSearch())}
    >
      <input
        ref={inputRef}
        className="search-input"
        // Not type=search: Esc there would empty the field, and Esc here steps back instead.
        type="text"
        role="searchbox"
        aria-label="Search all articles"
        placeholder='Words, "a phrase", prefix*   ↓/↑ hits · Enter opens · Alt+label key labels every hit'
        value={query}
        onChange={(e) => s.setSearchQuery(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      {error ? (
        <p className="search-error" role="alert" data-testid="search-error">
          {error}
        </p>
      ) : results ? (
        <p className="search-total" data-testid="search-total">
          {total === 0
            ? 'No article matches.'
            : `${total} ${total === 1 ? 'article' : 'articles'}, ${listedHits} ${listedHits === 1 ? 'hit' : 'hits'}` +
              (total > shown ? ` in the first ${shown}` : '')}
        </p>
      ) : null}
      {results && total > 0 && !preview ? (
        <div className="label-hits" data-testid="label-hits">
          <span>Label all hits as…</span>
          {labels.map((l) => (
            <button
              key={l.id}
              type="button"
              onClick={() => void s.previewLabelHits(l.id)}
              title={l.hotkey ? `Alt+${l.hotkey.toUpperCase()}` : undefined}
              data-testid={`label-hits-${l.name}`}
            >
              <span className="label-hits-swatch" style={{ background: l.color }} />
              {l.name}
              {l.hotkey ? <kbd>Alt+{l.hotkey.toUpperCase()}</kbd> : null}
            </button>
          ))}
        </div>
      ) : null}
      {preview ? (
        <HitsPreview
          label={preview.label}
          hits={preview.hits}
          onApply={() => void s.applyLabelHits()}
          onCancel={() => s.cancelLabelHits()}
        />
      ) : results ? (
        <ol className="search-results" role="listbox" aria-label="Articles found" ref={listRef}>
          {results.results.map((r, i) => (
            <SearchResult
              key={r.articleId}
              result={r}
              current={current?.result === i ? current.index : null}
              onOpen={() => void s.openSearchHit(stops.findIndex((stop) => stop.result === i))}
            />
          ))}
          {total > shown ? (
            <li className="search-more">
              <button
                type="button"
                disabled={loadingMore}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void s.loadMoreSearchResults()}
                data-testid="search-more"
              >
                {loadingMore
                  ? 'Reading…'
                  : `Show the next ${Math.min(SEARCH_LIMIT, total - shown)} of ${total - shown} more`}
              </button>{' '}
              <span className="hint">or ↓ past the last hit</span>
            </li>
          ) : null}
        </ol>
      ) : null}
    </Sheet>
  );
}
