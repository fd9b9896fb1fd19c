// The article list: virtualised (smooth at 100,000 articles), rows loaded in pages as they
// scroll into view. Up/Down move, Enter opens.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { sourceLabel } from '../../../../shared/source-label';
import { listKeyTarget } from '../../lib/listKeys';
import { STATUS_TEXT } from '../../lib/statusText';
import { useStore } from '../../store';
import { selectListNarrowed } from '../../store/articles';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';

const ROW_PX = 58;

export function ArticleList() {
  const total = useStore((s) => s.listTotal);
  const titleOnly = useStore((s) => s.titleQuery !== '' && !s.textQuery.trim() && !s.labelFilter);
  const narrowed = useStore(selectListNarrowed);
  const failed = useStore((s) => s.listError !== null);
  const listRows = useStore((s) => s.listRows);
  // Rows are kept in place (listRows.ts): the version is what changes when one does.
  const rowsVersion = useStore((s) => s.listRowsVersion);
  const ensureRows = useStore((s) => s.ensureRows);
  const currentId = useStore((s) => s.article?.id ?? null);
  const openArticle = useStore((s) => s.openArticle);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, rowsVersion, ensureRows]);

  const onKeyDown = (e: KeyboardEvent) => {
    const target = listKeyTarget(e.key, cursor, total);
    if (target === null) return;
    e.preventDefault();
    e.stopPropagation();
    if (target === 'open') {
      const row = listRows.at(cursor);
      if (row) void openArticle(row.id);
      return;
    }
    setCursor(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  return (
    <div
      className="article-list"
      ref={scrollRef}
      tabIndex={0}
      role="listbox"
      aria-label="Articles"
      aria-activedescendant={`article-row-${cursor}`}
      onKeyDown={onKeyDown}
      data-testid="article-list"
    >
      {total === 0 && !failed ? (
        <p className="hint list-empty">
          {titleOnly
            ? 'No article title contains this text.'
            : narrowed
              ? 'No article matches these filters.'
              : 'No articles match this filter.'}
        </p>
      ) : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const row = listRows.at(v.index);
          return (
            <div
              key={v.key}
              id={`article-row-${v.index}`}
              role="option"
              aria-selected={row?.id === currentId}
              className={`article-row ${row?.id === currentId ? 'current' : ''} ${v.index === cursor ? 'cursor' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_PX,
                transform: `translateY(${v.start}px)`,
              }}
              onClick={() => {
                setCursor(v.index);
                if (row) void openArticle(row.id);
              }}
              data-testid="article-row"
              data-status={row?.status}
              title={row ? visiblePlain(`${row.title}\n${row.source}`) : undefined}
            >
              {row ? (
                <>
                  <span
                    className={`status-dot ${row.status}`}
                    title={STATUS_TEXT[row.status]}
                    aria-label={STATUS_TEXT[row.status]}
                  />
                  <span className="row-main">
                    <span className="row-title">
                      <ShownText text={row.title} />
                    </span>
                    <span className="row-source" data-testid="article-row-source">
                      <ShownText text={sourceLabel(row.source)} />
                    </span>
                  </span>
                  <span className="row-count" title="Spans">
                    {row.spanCount}
                  </span>
                </>
              ) : (
                <span className="row-loading">…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
