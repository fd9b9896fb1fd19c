import { ARTICLE_STATUSES } from '../../../../shared/model';
import { STATUS_TEXT } from '../../lib/statusText';
import { useStore } from '../../store';
import type { StatusFilter } from '../../store/articles';
import { ArticleList } from './ArticleList';
import { ListNarrowing } from './ListNarrowing';
import './sidebar.css';

const FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: 'All' },
  ...ARTICLE_STATUSES.map((value) => ({ value, label: STATUS_TEXT[value] })),
];

export function Sidebar() {
  const progress = useStore((s) => s.progress);
  const filter = useStore((s) => s.filter);
  const setFilter = useStore((s) => s.setFilter);
  const titleQuery = useStore((s) => s.titleQuery);
  const setTitleQuery = useStore((s) => s.setTitleQuery);
  const pct = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <aside className="sidebar" aria-label="Article set">
      <div className="sidebar-head">
        <div className="progress-label">
          <span>
            {progress ? `${progress.done} of ${progress.total} done` : '—'}
            {progress && progress.inProgress ? ` · ${progress.inProgress} in progress` : ''}
            {progress && progress.skipped ? ` · ${progress.skipped} skipped` : ''}
            {progress && progress.flagged ? ` · ${progress.flagged} flagged` : ''}
          </span>
          <span>{pct}%</span>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          data-testid="set-progress"
        >
          <div className="progress-done" style={{ width: `${pct}%` }} />
          <div
            className="progress-wip"
            style={{ width: `${progress && progress.total ? (progress.inProgress / progress.total) * 100 : 0}%` }}
          />
        </div>
        <div className="filters" role="radiogroup" aria-label="Filter by status">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              role="radio"
              aria-checked={filter === f.value}
              className={filter === f.value ? 'active' : ''}
              onClick={() => void setFilter(f.value)}
              data-testid={`filter-${f.value}`}
            >
              {f.label}
            </button>
          ))}
        </div>
        <input
          type="search"
          className="list-search"
          placeholder="Search titles"
          aria-label="Search article titles"
          value={titleQuery}
          onChange={(e) => void setTitleQuery(e.target.value)}
          onKeyDown={(e) => {
            // Esc empties the search, then leaves it; keys typed here never reach the editor.
            if (e.key === 'Escape' && titleQuery) {
              e.stopPropagation();
              e.nativeEvent.stopImmediatePropagation();
              void setTitleQuery('');
            }
          }}
          data-testid="list-search"
        />
        <ListNarrowing />
      </div>
      <ArticleList />
    </aside>
  );
}
