// The spans of the open article (this annotator's layer), in text order, in sync with the
// editor: click to select and jump.
import { useMemo } from 'react';
import { useStore } from '../../store';
import { selectLabelsById } from '../../store/session';

const MAX_TEXT = 60;

export function SpansPanel() {
  const spans = useStore((s) => s.spans);
  const text = useStore((s) => s.article?.text ?? '');
  const labelsList = useStore((s) => s.labels);
  const labels = useMemo(() => selectLabelsById(labelsList), [labelsList]);
  const selectedSpanId = useStore((s) => s.selectedSpanId);
  const selectSpan = useStore((s) => s.selectSpan);
  return (
    <section className="panel-section spans-panel" aria-label="Spans">
      <h2>
        Spans <span className="count">{spans.length}</span>
      </h2>
      {spans.length === 0 ? (
        <p className="hint">No spans yet: select text and press 1–4.</p>
      ) : (
        <ol className="span-list" data-testid="span-list">
          {spans.map((span) => {
            const label = labels.get(span.labelId);
            const t = text.slice(span.start, span.end).replace(/\s+/g, ' ');
            return (
              <li key={span.id}>
                <button
                  type="button"
                  className={`span-item ${span.id === selectedSpanId ? 'selected' : ''}`}
                  onClick={() => selectSpan(span.id)}
                  data-testid="span-item"
                  data-label={label?.name}
                >
                  <span className="span-label" style={{ background: label?.color }}>
                    {label?.name ?? '?'}
                  </span>
                  <span className="span-text">{t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT)}…` : t}</span>
                  <span className="span-pos">
                    {span.start}–{span.end}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
