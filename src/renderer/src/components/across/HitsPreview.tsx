// "Label all N hits as…": what would be written, before anything is: how many hits, how many
// the label already covers (left alone), and each hit in its article with a few words around.
import type { Label } from '../../../../shared/model';
import type { SearchHits } from '../../../../shared/across';
import { ShownText } from '../text/ShownText';

/** Rows shown in the preview; the count above it is always the whole. */
const SHOWN = 500;

export interface HitsPreviewProps {
  label: Label;
  hits: SearchHits;
  onApply(): void;
  onCancel(): void;
}

export function HitsPreview({ label, hits, onApply, onCancel }: HitsPreviewProps) {
  const n = hits.hits.length;
  const articles = new Set(hits.hits.map((h) => h.articleId)).size;
  return (
    <section className="hits-preview" aria-label="Label every hit" data-testid="hits-preview">
      <p className="hits-preview-count" data-testid="hits-preview-count">
        {n === 0
          ? `Every hit already has the label ${label.name}.`
          : `Label ${n} ${n === 1 ? 'hit' : 'hits'} in ${articles} ${articles === 1 ? 'article' : 'articles'} as ${label.name}`}
        {hits.covered ? ` (${hits.covered} already labelled ${label.name}, left alone)` : ''}
      </p>
      <ol className="hits-preview-list">
        {hits.hits.slice(0, SHOWN).map((h) => (
          <li key={`${h.articleId}-${h.start}`} data-testid="hits-preview-row">
            <span className="hits-preview-title">
              <ShownText text={h.title} />
            </span>
            <span className="hits-preview-context">
              <ShownText text={h.before} />
              <mark style={{ borderBottomColor: label.color }}>
                <ShownText text={h.text} />
              </mark>
              <ShownText text={h.after} />
            </span>
          </li>
        ))}
      </ol>
      {n > SHOWN ? <p className="hint">…and {n - SHOWN} more.</p> : null}
      <div className="hits-preview-actions">
        <button type="button" className="primary" onClick={onApply} disabled={n === 0} data-testid="hits-preview-apply">
          Label {n} as {label.name} (Enter)
        </button>
        <button type="button" onClick={onCancel} data-testid="hits-preview-cancel">
          Back (Esc)
        </button>
      </div>
    </section>
  );
}
