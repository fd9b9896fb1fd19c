// The spans of the open article (this annotator's layer), in text order, in sync with the
// editor: click to select and jump. Virtualised: an article may carry thousands of spans.
// Suggestions follow in a section of their own, never counted with the spans.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { shortcutText } from '../../../../shared/keymap';
import { afterPaint } from '../../lib/perf';
import { useStore } from '../../store';
import { selectLabelsById } from '../../store/session';
import './panel.css';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';
import { SuggestionsPanel } from '../across/SuggestionsPanel';

const MAX_TEXT = 80;
const ROW_PX = 30;

export function SpansPanel() {
  return (
    <>
      <SpanList />
      <SuggestionsPanel />
    </>
  );
}

function SpanList() {
  // Deferred: an edit paints in the text first; this list of every span follows in a render
  // of its own that React may interrupt.
  const spans = useDeferredValue(useStore((s) => s.spans));
  const text = useStore((s) => s.article?.text ?? '');
  const labelsList = useStore((s) => s.labels);
  const labels = useMemo(() => selectLabelsById(labelsList), [labelsList]);
  const selectedSpanId = useStore((s) => s.selectedSpanId);
  const selectSpan = useStore((s) => s.selectSpan);
  const openOccurrences = useStore((s) => s.openOccurrences);
  const scrollRef = useRef<HTMLOListElement>(null);
  const virtualizer = useVirtualizer({
    count: spans.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const selectedIndex = selectedSpanId ? spans.findIndex((s) => s.id === selectedSpanId) : -1;
  useEffect(() => {
    if (selectedIndex < 0) return;
    const items = virtualizer.getVirtualItems();
    const first = items[0]?.index ?? 0;
    const last = items.at(-1)?.index ?? 0;
    // Scrolling forces a layout: do it after the edit has been painted, and only when needed.
    if (selectedIndex <= first || selectedIndex >= last) {
      afterPaint(() => virtualizer.scrollToIndex(selectedIndex, { align: 'auto' }));
    }
  }, [selectedIndex, virtualizer]);

  return (
    <section className="panel-section spans-panel" aria-label="Spans">
      <h2>
        Spans <span className="count">{spans.length}</span>
      </h2>
      {spans.length === 0 ? <p className="hint">No spans yet: select text and press 1–4.</p> : null}
      <ol className="span-list" data-testid="span-list" ref={scrollRef} hidden={spans.length === 0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const span = spans[v.index]!;
            const label = labels.get(span.labelId);
            const t = text.slice(span.start, Math.min(span.end, span.start + MAX_TEXT + 20)).replace(/\s+/g, ' ');
            return (
              <li
                key={span.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_PX,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                <button
                  type="button"
                  className={`span-item ${span.id === selectedSpanId ? 'selected' : ''}`}
                  onClick={() => selectSpan(span.id)}
                  title={visiblePlain(text.slice(span.start, Math.min(span.end, span.start + 500)))}
                  data-testid="span-item"
                  data-label={label?.name}
                >
                  <span className="span-label" style={{ background: label?.color }}>
                    {label?.name ?? '?'}
                  </span>
                  <span className="span-text">
                    <ShownText text={t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT)}…` : t} />
                  </span>
                  <span className="span-pos">
                    {span.start}–{span.end}
                  </span>
                </button>
                <button
                  type="button"
                  className="span-occurrences"
                  onClick={(e) => {
                    e.currentTarget.blur();
                    openOccurrences(span);
                  }}
                  title={`Label every occurrence of this text (${shortcutText('labelOccurrences')} on the selected span)`}
                  aria-label="Label every occurrence"
                  data-testid="span-occurrences"
                >
                  All…
                </button>
              </li>
            );
          })}
        </div>
      </ol>
    </section>
  );
}
