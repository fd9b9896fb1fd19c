import { cheatSheet, shortcutText } from '../../../../shared/keymap';
import { useStore } from '../../store';
import { Sheet } from './Sheet';

/** The cheat sheet's rows, with the project's own label keys in place of the generic label row. */
function useRows() {
  const labels = useStore((s) => s.labels);
  return cheatSheet().flatMap((row) => {
    if (row.id !== 'label') return [row];
    const keyed = labels.filter((l) => l.hotkey !== null);
    if (keyed.length === 0) {
      return [
        {
          ...row,
          keys: '–',
          action: `No label has a key: give them keys in Labels and settings (${shortcutText('openSettings')})`,
        },
      ];
    }
    return keyed.map((l) => ({
      ...row,
      keys: l.hotkey!.toUpperCase(),
      action: `${l.name}: apply it to the selection (or relabel the selected span)`,
    }));
  });
}

/** The `?` cheat sheet: every key, grouped. Closes with Esc or a click outside. */
export function ShortcutsSheet() {
  const close = useStore((s) => s.setOverlay);
  const rows = useRows();
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
                  <div key={`${s.id}:${s.keys}`} className="shortcut" data-testid={`shortcut-${s.id}`}>
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
