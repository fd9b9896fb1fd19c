// The conflicts behind a matrix cell: each cluster where the two annotators differ, with the
// text around it and both versions. Opening one takes the reviewer to it.
import type { PairConflict, PairConflicts, PairVersion } from '../../../../../shared/review';
import { visiblePlain } from '../../../lib/invisibles';
import { ShownText } from '../../text/ShownText';

function Version({ who, v }: { who: string; v: PairVersion | null }) {
  return (
    <span className="pair-version">
      <strong>{who}</strong>: {v ? `${v.label} “${v.text}”` : 'no span'}
    </span>
  );
}

function Context({ c }: { c: PairConflict }) {
  const s = c.start - c.contextStart;
  const e = c.end - c.contextStart;
  return (
    <q className="pair-context">
      {c.context.slice(0, s)}
      <mark>{c.context.slice(s, e)}</mark>
      {c.context.slice(e)}
    </q>
  );
}

export interface ConflictListProps {
  conflicts: PairConflicts;
  onOpen?: ((c: PairConflict) => void) | undefined;
}

export function ConflictList({ conflicts, onOpen }: ConflictListProps) {
  const { a, b, label } = conflicts;
  const n = conflicts.conflicts.length;
  return (
    <section className="pair-conflicts" data-testid="pair-conflicts" aria-label={`Conflicts between ${a} and ${b}`}>
      <h3>
        {a} × {b}
        {label ? ` on ${label}` : ''}: {n}
        {conflicts.more ? '+' : ''} conflict{n === 1 ? '' : 's'} over {conflicts.articles} article
        {conflicts.articles === 1 ? '' : 's'} both marked done
      </h3>
      {n === 0 ? <p>They agree everywhere.</p> : null}
      <ol>
        {conflicts.conflicts.map((c) => (
          <li key={`${c.articleId}:${c.clusterId}`} data-testid="pair-conflict">
            <button
              type="button"
              disabled={!onOpen}
              onClick={() => onOpen?.(c)}
              title={`${visiblePlain(c.title)}: open in review mode`}
            >
              <span className="pair-title">
                <ShownText text={c.title} />
              </span>
              <span className="pair-kinds">{c.kinds.join(' + ')}</span>
            </button>
            <Context c={c} />
            <Version who={a} v={c.a} />
            <Version who={b} v={c.b} />
          </li>
        ))}
      </ol>
      {conflicts.more ? <p>Only the first {n} are listed: spanwise disagreements writes them all.</p> : null}
    </section>
  );
}
