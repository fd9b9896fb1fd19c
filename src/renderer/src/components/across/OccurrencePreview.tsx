// The preview of "label every occurrence": the places the span's text occurs (this article or
// the whole set, case-sensitive or not), each with its article and the words around it, the
// places the same label already covers counted as skipped; Enter labels them all as one batch.
import { matches, shortcutText } from '../../../../shared/keymap';
import type { Occurrence } from '../../../../shared/across';
import { useStore } from '../../store';
import { capped, occurrencesText } from '../../store/occurrences';
import { Sheet } from '../shell/Sheet';
import { ShownText } from '../text/ShownText';
import './across.css';

/** Rows drawn at most: the count says how many there are. */
const SHOWN = 500;

/** Alt changes the character typed on some layouts (Option on macOS): read the physical key. */
function physical(e: React.KeyboardEvent) {
  const key = /^Key(.)$/.exec(e.code)?.[1];
  return {
    key: e.altKey && key ? key : e.key,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    altKey: e.altKey,
    shiftKey: e.shiftKey,
  };
}

function Row({ o, showTitle }: { o: Occurrence; showTitle: boolean }) {
  return (
    <li className="occurrence" data-testid="occurrence" data-article={o.articleId}>
      {showTitle ? (
        <span className="occurrence-title">
          <ShownText text={o.title} />
        </span>
      ) : null}
      <span className="occurrence-context">
        <ShownText text={o.before} />
        <mark>
          <ShownText text={o.text} />
        </mark>
        <ShownText text={o.after} />
      </span>
    </li>
  );
}

export function OccurrencePreview() {
  const p = useStore((s) => s.occurrencePreview);
  const label = useStore((s) => s.labels.find((l) => l.id === s.occurrencePreview?.labelId));
  const close = useStore((s) => s.closeOccurrences);
  const setScope = useStore((s) => s.setOccurrenceScope);
  const toggleCase = useStore((s) => s.toggleOccurrenceCase);
  const apply = useStore((s) => s.applyOccurrences);
  if (!p) return null;
  const found = p.found;
  const n = found?.occurrences.length ?? 0;
  const onKey = (e: React.KeyboardEvent) => {
    const k = physical(e);
    if (matches('occurrenceScope', k)) setScope(p.scope === 'set' ? 'article' : 'set');
    else if (matches('occurrenceCase', k)) toggleCase();
    else if (matches('applyOccurrences', k) && !(e.target instanceof HTMLButtonElement && e.target.type === 'button'))
      void apply();
    else return false;
    return true;
  };
  return (
    <Sheet
      title={
        <>
          Label every “<ShownText text={p.text.length > 60 ? `${p.text.slice(0, 59)}…` : p.text} />” as{' '}
          {label?.name ?? '?'}
        </>
      }
      label="Label every occurrence"
      testId="occurrence-preview"
      className="occurrence-sheet"
      onClose={close}
      onKey={onKey}
    >
      <div className="occurrence-controls">
        <div role="group" aria-label="Where">
          <button
            type="button"
            aria-pressed={p.scope === 'article'}
            onClick={() => setScope('article')}
            data-testid="occurrence-scope-article"
          >
            This article
          </button>
          <button
            type="button"
            aria-pressed={p.scope === 'set'}
            onClick={() => setScope('set')}
            data-testid="occurrence-scope-set"
          >
            Whole set
          </button>
          <kbd>{shortcutText('occurrenceScope')}</kbd>
        </div>
        <label>
          <input type="checkbox" checked={p.caseSensitive} onChange={toggleCase} data-testid="occurrence-case" />{' '}
          Case-sensitive <kbd>{shortcutText('occurrenceCase')}</kbd>
        </label>
      </div>
      <p className="occurrence-count" data-testid="occurrence-count" aria-live="polite">
        {p.error
          ? null
          : found
            ? `${occurrencesText(n, capped(found))} to label${found.unread ? ` (${found.unread} more articles hold the words; all are looked at when labelling)` : ''}${found.covered ? ` · ${found.covered} already ${label?.name ?? 'labelled'}, skipped` : ''}`
            : 'Looking…'}
      </p>
      {p.error ? (
        <p className="form-error" role="alert" data-testid="occurrence-error">
          {p.error}
        </p>
      ) : null}
      {found && n > 0 ? (
        <ol className="occurrence-list" data-testid="occurrence-list">
          {found.occurrences.slice(0, SHOWN).map((o) => (
            <Row key={`${o.articleId}:${o.start}`} o={o} showTitle={p.scope === 'set'} />
          ))}
          {n > SHOWN ? <li className="hint">and {n - SHOWN} more</li> : null}
        </ol>
      ) : null}
      <footer className="occurrence-actions">
        <button
          type="button"
          className="primary"
          disabled={(found ? n === 0 : p.applyQueued) || p.applying}
          onClick={() => void apply()}
          data-testid="occurrence-apply"
        >
          {p.applying || p.applyQueued
            ? 'Labelling…'
            : found
              ? `Label ${occurrencesText(n, capped(found))}`
              : 'Label them'}{' '}
          <kbd>Enter</kbd>
        </button>
        <span className="hint">One step: {shortcutText('undo')} takes them all back, in every article.</span>
      </footer>
    </Sheet>
  );
}
