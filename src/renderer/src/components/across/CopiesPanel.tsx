// The open article's near-duplicates (its cluster): each copy's title, how many of this
// article's sentences recur in it, and whether the person has labelled it (their spans there
// are what copy suggestions come from). ↑ / ↓ and Enter open one; Esc returns to the text.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { shortcutText } from '../../../../shared/keymap';
import { listKeyTarget } from '../../lib/listKeys';
import { useStore } from '../../store';
import { ShownText } from '../text/ShownText';
import './across.css';

export function CopiesPanel() {
  const list = useStore((s) => (s.suggestionList?.articleId === s.article?.id ? s.suggestionList : null));
  const openArticle = useStore((s) => s.openArticle);
  const focusRequest = useStore((s) => s.copiesFocusRequest);
  const notify = useStore((s) => s.notify);
  const [cursor, setCursor] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const copies = list?.cluster ?? [];

  useEffect(() => {
    if (focusRequest === 0) return;
    if (copies.length === 0) return notify('This article has no copies in the set');
    ref.current?.focus();
    // Only a new request moves the focus, not a new list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  if (!list || copies.length === 0) return null;
  const at = Math.min(cursor, copies.length - 1);
  const open = (articleId: number) => {
    ref.current?.blur();
    void openArticle(articleId);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      ref.current?.blur();
      return;
    }
    const target = listKeyTarget(e.key, at, copies.length);
    if (target === null) return;
    e.preventDefault();
    e.stopPropagation();
    if (target === 'open') open(copies[at]!.articleId);
    else setCursor(target);
  };
  return (
    <section className="panel-section copies-panel" aria-label="Copies of this article">
      <h2 title={shortcutText('showCopies')}>
        Copies <span className="count">{copies.length}</span>
      </h2>
      <div
        className="copy-list"
        ref={ref}
        tabIndex={0}
        role="listbox"
        aria-label="Copies of this article"
        aria-activedescendant={`copy-row-${at}`}
        onKeyDown={onKeyDown}
        data-testid="copy-list"
      >
        {copies.map((m, i) => {
          const spans = list.copySpans.get(m.articleId) ?? 0;
          return (
            <div
              key={m.articleId}
              id={`copy-row-${i}`}
              role="option"
              aria-selected={i === at}
              className={`copy-item ${i === at ? 'cursor' : ''}`}
              onClick={() => open(m.articleId)}
              data-testid="copy-item"
              data-article={m.articleId}
            >
              <span className="copy-title">
                <ShownText text={m.title} />
              </span>
              <span className="copy-meta">
                {m.sharedSentences} sentence{m.sharedSentences === 1 ? '' : 's'} shared ·{' '}
                <span data-testid="copy-labelled">
                  {spans ? `you labelled it (${spans} span${spans === 1 ? '' : 's'})` : 'not labelled by you'}
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
