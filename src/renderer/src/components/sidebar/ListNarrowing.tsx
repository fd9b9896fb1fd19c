// The list's filters beyond status and title: articles that have (or have not) the current
// person's spans of a label, and a full-text query over titles and texts, read as the search
// reads it (words, "phrases", prefix*). A query the search cannot read says why, under it.
import { useStore } from '../../store';

/** The select's value for a label filter: `has:3`, `no:3`, or '' for none. */
const valueOf = (f: { labelId: number; has: boolean } | null) => (f ? `${f.has ? 'has' : 'no'}:${f.labelId}` : '');

export function ListNarrowing() {
  const labels = useStore((s) => s.labels);
  const labelFilter = useStore((s) => s.labelFilter);
  const setLabelFilter = useStore((s) => s.setLabelFilter);
  const textQuery = useStore((s) => s.textQuery);
  const setTextQuery = useStore((s) => s.setTextQuery);
  const error = useStore((s) => s.listError);
  return (
    <>
      <select
        className="list-label-filter"
        aria-label="Filter by label"
        value={valueOf(labelFilter)}
        onChange={(e) => {
          const m = /^(has|no):(\d+)$/.exec(e.target.value);
          void setLabelFilter(m ? { has: m[1] === 'has', labelId: Number(m[2]) } : null);
        }}
        data-testid="label-filter"
      >
        <option value="">Any labels</option>
        <optgroup label="Has spans of">
          {labels.map((l) => (
            <option key={l.id} value={`has:${l.id}`}>
              Has {l.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Has no spans of">
          {labels.map((l) => (
            <option key={l.id} value={`no:${l.id}`}>
              No {l.name}
            </option>
          ))}
        </optgroup>
      </select>
      <input
        type="search"
        className="list-search"
        placeholder='Search text: words, "a phrase", prefix*'
        aria-label="Search article texts"
        value={textQuery}
        onChange={(e) => void setTextQuery(e.target.value)}
        onKeyDown={(e) => {
          // Esc empties the query, then leaves it; keys typed here never reach the editor.
          if (e.key === 'Escape' && textQuery) {
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
            void setTextQuery('');
          }
        }}
        data-testid="list-text-search"
      />
      {error ? (
        <p className="list-error" role="alert" data-testid="list-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
