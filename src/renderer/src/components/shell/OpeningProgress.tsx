import { openingText } from '../../../../shared/opening';
import { visiblePlain } from '../../lib/invisibles';
import { useStore } from '../../store';

/** While a project an older Spanwise wrote is updated before it opens: what runs, and how far it is. */
export function OpeningProgress() {
  const opening = useStore((s) => s.opening);
  if (!opening) return null;
  const { projectName, index, count, done, total } = opening;
  const text = openingText(opening);
  return (
    <div className="welcome">
      <div className="welcome-card" data-testid="opening" role="status">
        <h1>Opening {visiblePlain(projectName)}</h1>
        <p>An older version of Spanwise wrote this project. It is updated once, before it opens.</p>
        {/* Without a total the bar runs without a value (indeterminate). */}
        <progress className="opening-bar" aria-label={text} max={total || undefined} value={total ? done : undefined} />
        <p data-testid="opening-step">{text}</p>
        {count > 1 && index > 0 ? <p className="opening-count">{`Step ${index} of ${count}`}</p> : null}
      </div>
    </div>
  );
}
