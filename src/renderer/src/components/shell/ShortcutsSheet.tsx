import { cheatSheet } from '../../../../shared/keymap';
import { useStore } from '../../store';
import { Sheet } from './Sheet';

/** The `?` cheat sheet: every key, grouped. Closes with Esc or a click outside. */
export function ShortcutsSheet() {
  const close = useStore((s) => s.setOverlay);
  const rows = cheatSheet();
  const groups = [...new Set(rows.map((s) => s.group))];
  return (
    <Sheet title="Keyboard shortcuts" label="Keyboard shortcuts" testId="shortcuts" onClose={() => close('none')}>
      <div className="shortcut-groups">
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl>
              {rows
                .filter((s) => s.group === g)
                .map((s) => (
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
