// Ctrl+F: find in the open article. Enter / Shift+Enter walk the matches, each one becomes
// the text selection and the focus returns to the text, so a label key labels it at once;
// Ctrl+F goes back to the bar for the next match. Esc closes.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import './find-bar.css';

/**
 * Case-insensitive matches of `query` in `text`, as UTF-16 ranges of the original text. (Not
 * via toLowerCase(): it changes lengths, e.g. "İ" becomes two units, shifting every offset.)
 */
export function findAll(text: string, query: string): Array<{ start: number; end: number }> {
  if (!query) return [];
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const out: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length >= 10_000) break;
  }
  return out;
}

export function FindBar() {
  const text = useStore((s) => s.article?.text ?? '');
  const setSelection = useStore((s) => s.setSelection);
  const setOverlay = useStore((s) => s.setOverlay);
  const findRequest = useStore((s) => s.findRequest);
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(-1);
  const matches = useMemo(() => findAll(text, query), [text, query]);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [findRequest]);

  const go = (dir: 1 | -1) => {
    if (matches.length === 0) return;
    const next = (index + dir + matches.length) % matches.length;
    setIndex(next);
    const match = matches[next]!;
    setSelection({ anchor: match.start, focus: match.end });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      go(e.shiftKey ? -1 : 1);
      // Back to the text, so that a label key labels the match; Ctrl+F returns here.
      if (matches.length) inputRef.current?.blur();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOverlay('none');
      (e.target as HTMLInputElement).blur();
    }
  };

  return (
    <div className="find-bar" role="search" data-testid="find-bar">
      <input
        ref={inputRef}
        aria-label="Find in article"
        placeholder="Find in article (Enter: next, Shift+Enter: previous)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="find-count" data-testid="find-count">
        {query ? (matches.length ? `${index < 0 ? '–' : index + 1} of ${matches.length}` : 'no matches') : ''}
      </span>
      <button type="button" onClick={() => setOverlay('none')} aria-label="Close find">
        Esc
      </button>
    </div>
  );
}
