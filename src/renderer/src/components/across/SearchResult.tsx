// One article found by the search: its title, a line of context with the hits marked, and how
// many hits it holds. Titles and snippets are stored text: invisible characters show as boxes.
import type { SearchResult as Result, TextRange } from '../../../../shared/across';
import { ShownText } from '../text/ShownText';

/** The snippet cut into plain runs and hits. */
function pieces(text: string, hits: readonly TextRange[]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const h of hits) {
    if (h.start < at) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), hit: false });
    out.push({ text: text.slice(h.start, h.end), hit: true });
    at = h.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

export interface SearchResultProps {
  result: Result;
  /** The cursor's hit in this article (its index), or null when the cursor is elsewhere. */
  current: number | null;
  onOpen(): void;
}

export function SearchResult({ result, current, onOpen }: SearchResultProps) {
  const n = result.hitCount;
  return (
    <li
      className={`search-result ${current !== null ? 'cursor' : ''}`}
      role="option"
      aria-selected={current !== null}
      onClick={onOpen}
      data-testid="search-result"
      data-article={result.articleId}
    >
      <div className="search-result-head">
        <span className="search-result-title" data-testid="search-result-title">
          <ShownText text={result.title} />
        </span>
        <span className="search-result-count" data-testid="search-result-count">
          {current !== null && n > 1 ? `${current + 1} of ${n} hits` : n === 1 ? '1 hit' : `${n} hits`}
          {result.titleMatch ? ' · title' : ''}
        </span>
      </div>
      <div className="search-snippet" data-testid="search-snippet">
        {pieces(result.snippet.text, result.snippet.hits).map((p, i) =>
          p.hit ? (
            <mark key={i}>
              <ShownText text={p.text} />
            </mark>
          ) : (
            <ShownText key={i} text={p.text} />
          ),
        )}
      </div>
    </li>
  );
}
