// One editable label: colour, name, hotkey, description. Changes are saved when a field is
// left (or Enter); a clash (name or hotkey already taken, or a key the editor uses itself) is
// shown here and nothing changes.
import { useState } from 'react';
import { labelHotkeyProblem } from '../../../../shared/keymap';
import type { Label } from '../../../../shared/model';
import { useStore } from '../../store';

type Field = 'name' | 'color' | 'hotkey' | 'description';

export function LabelRow({ label }: { label: Label }) {
  const updateLabel = useStore((s) => s.updateLabel);
  const [draft, setDraft] = useState({
    name: label.name,
    color: label.color,
    hotkey: label.hotkey ?? '',
    description: label.description,
  });
  const [error, setError] = useState<string | null>(null);

  const save = async (field: Field, value: string) => {
    const current = field === 'hotkey' ? (label.hotkey ?? '') : label[field];
    if (value === current) return;
    // Said here at once, in the words the backend would use: a key the editor needs is refused.
    const problem = field === 'hotkey' && value ? labelHotkeyProblem(value) : null;
    if (problem) {
      setError(problem);
      setDraft((d) => ({ ...d, hotkey: current }));
      return;
    }
    try {
      setError(null);
      await updateLabel({ id: label.id, [field]: field === 'hotkey' ? value || null : value });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setDraft((d) => ({ ...d, [field]: current }));
    }
  };
  const bind = (field: Field) => ({
    value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
    onBlur: () => void save(field, draft[field]),
    onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
      if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement)) (e.target as HTMLElement).blur();
    },
  });

  return (
    <div className="label-row" data-testid={`label-row-${label.name}`}>
      <input
        type="color"
        aria-label={`Colour of ${label.name}`}
        {...bind('color')}
        onChange={(e) => {
          setDraft((d) => ({ ...d, color: e.target.value }));
          void save('color', e.target.value);
        }}
      />
      <input className="label-name-input" aria-label={`Name of ${label.name}`} maxLength={40} {...bind('name')} />
      <input
        className="hotkey-input"
        aria-label={`Hotkey of ${label.name}`}
        maxLength={1}
        placeholder="–"
        {...bind('hotkey')}
        onChange={(e) => setDraft((d) => ({ ...d, hotkey: e.target.value.toLowerCase() }))}
      />
      <textarea aria-label={`Description of ${label.name}`} rows={2} maxLength={2000} {...bind('description')} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
