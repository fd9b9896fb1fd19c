import { SHORTCUTS } from '../../shortcuts';
import { useStore } from '../../store';
import { Sheet } from './Sheet';

/** The `?` cheat sheet: every key, grouped. Closes with Esc or a click outside. */
export function ShortcutsSheet() {
  const close = useStore((s) => s.setOverlay);
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <Sheet title="Keyboard shortcuts" label="Keyboard shortcuts" testId="shortcuts" onClose={() => close('none')}>
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
    </Sheet>
  );
}
