import { SHORTCUTS } from '../../shortcuts';
import { useStore } from '../../store';

/** The `?` cheat sheet: every key, grouped. Closes with Esc or a click outside. */
export function ShortcutsSheet() {
  const close = useStore((s) => s.setOverlay);
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <div className="overlay" onClick={() => close('none')} role="presentation">
      <div
        className="sheet"
        role="dialog"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
        data-testid="shortcuts"
      >
        <header className="sheet-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" onClick={() => close('none')} aria-label="Close">
            Esc
          </button>
        </header>
        <div className="shortcut-groups">
          {groups.map((g) => (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                  <div key={s.keys} className="shortcut">
                    <dt>
                      <kbd>{s.keys}</kbd>
                    </dt>
                    <dd>{s.action}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
