// The open article's suggestions, apart from its spans: label, text, where each comes from,
// accept and dismiss, and the count. Never counted with the spans.
import { shortcutText } from '../../../../shared/keymap';
import { useStore } from '../../store';
import { selectLabelsById } from '../../store/session';
import {
  selectCopies,
  selectFocusedSuggestion,
  selectVisibleSuggestions,
  shownTotal,
  suggestionSources,
} from '../../store/suggestions';
import { ShownText } from '../text/ShownText';
import './across.css';

const MAX_TEXT = 60;
/** Rows drawn at most: an article labelled densely may be offered thousands; the keys walk them all. */
const MAX_ROWS = 200;

export function SuggestionsPanel() {
  const suggestions = useStore(selectVisibleSuggestions);
  const focusedId = useStore((s) => selectFocusedSuggestion(s)?.id ?? null);
  const cluster = useStore(selectCopies);
  const labels = selectLabelsById(useStore((s) => s.labels));
  const accept = useStore((s) => s.acceptSuggestion);
  const dismiss = useStore((s) => s.dismissSuggestion);
  const acceptAll = useStore((s) => s.acceptAllSuggestions);
  const dismissAll = useStore((s) => s.dismissAllSuggestions);
  const building = useStore((s) => s.suggestionList?.index);
  const total = useStore((s) => shownTotal(s, suggestions.length));
  if (suggestions.length === 0) return building ? <IndexBuildingNote {...building} /> : null;
  return (
    <section className="panel-section suggestions-panel" aria-label="Suggestions" data-testid="suggestions-panel">
      {building ? <IndexBuildingNote {...building} /> : null}
      <h2>
        Suggestions{' '}
        <span className="count" data-testid="suggestion-count">
          {suggestions.length.toLocaleString()}
        </span>
        {total > suggestions.length ? (
          <span className="count-total" data-testid="suggestion-total">
            {' '}
            of {total.toLocaleString()}
          </span>
        ) : null}
      </h2>
      <div className="suggestion-actions">
        <button
          type="button"
          onClick={() => void acceptAll()}
          title={shortcutText('acceptAllSuggestions')}
          data-testid="accept-all-suggestions"
        >
          Accept all
        </button>
        <button
          type="button"
          onClick={() => void dismissAll()}
          title={shortcutText('dismissAllSuggestions')}
          data-testid="dismiss-all-suggestions"
        >
          Dismiss all
        </button>
      </div>
      <ol className="suggestion-list" data-testid="suggestion-list">
        {suggestions.slice(0, MAX_ROWS).map((g) => {
          const label = labels.get(g.labelId);
          const flat = g.text.replace(/\s+/g, ' ');
          return (
            <li
              key={g.id}
              className={`suggestion-item ${g.id === focusedId ? 'focused' : ''}`}
              data-testid="suggestion-item"
              data-label={g.label}
            >
              <span className="suggestion-label" style={{ borderColor: label?.color }}>
                {g.label}
              </span>
              <span className="suggestion-body">
                <span className="suggestion-text" title={flat}>
                  <ShownText text={flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT)}…` : flat} />
                </span>
                <span className="suggestion-source">{suggestionSources(g, cluster).join(' · ')}</span>
              </span>
              <button
                type="button"
                className="suggestion-button"
                onClick={() => void accept(g.id)}
                aria-label={`Accept ${g.label} ${flat}`}
                title="Accept"
                data-testid="accept-suggestion"
              >
                ✓
              </button>
              <button
                type="button"
                className="suggestion-button"
                onClick={() => void dismiss(g.id)}
                aria-label={`Dismiss ${g.label} ${flat}`}
                title="Dismiss (not offered again)"
                data-testid="dismiss-suggestion"
              >
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      {suggestions.length > MAX_ROWS ? (
        <p className="suggestion-index-note" data-testid="suggestions-more">
          {(suggestions.length - MAX_ROWS).toLocaleString()} more in the text: {shortcutText('nextSuggestion')} walks
          them all.
        </p>
      ) : null}
      {total > suggestions.length ? (
        <p className="suggestion-index-note" data-testid="suggestions-capped">
          {total.toLocaleString()} in this article: the {suggestions.length.toLocaleString()} nearest where you work are
          shown, and follow you as you label.
        </p>
      ) : null}
    </section>
  );
}

/** Copies are matched once the sentence index is built; until then only the person's own labels are suggested. */
function IndexBuildingNote({ done, total }: { done: number; total: number }) {
  return (
    <p className="suggestion-index-note" data-testid="suggestion-index-building">
      Finding syndicated copies: {done.toLocaleString()} of {total.toLocaleString()} articles indexed. Suggestions from
      copies follow when it is done.
    </p>
  );
}
