// The label palette: every label's colour, name and hotkey, always visible; the selected
// span's label is highlighted. Clicking a label applies it, like its hotkey.
import { shortcutText } from '../../../../shared/keymap';
import { useStore } from '../../store';
import { selectSelectedSpan } from '../../store/selection';

export function Palette() {
  const labels = useStore((s) => s.labels);
  const applyLabel = useStore((s) => s.applyLabel);
  const activeLabelId = useStore((s) => selectSelectedSpan(s)?.labelId ?? null);
  const snap = useStore((s) => s.snap);
  const toggleSnap = useStore((s) => s.toggleSnap);
  return (
    <div className="palette" role="toolbar" aria-label="Labels">
      {labels.map((label) => (
        <button
          key={label.id}
          type="button"
          className={`label-btn ${label.id === activeLabelId ? 'active' : ''}`}
          style={{ '--label': label.color } as React.CSSProperties}
          title={`${label.description}${label.hotkey ? ` (key ${label.hotkey})` : ''}`}
          data-testid={`label-${label.name}`}
          // Keep the text selection: a mouse-down on a button would otherwise clear it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => applyLabel(label.id)}
        >
          <span className="swatch" aria-hidden="true" />
          <span className="label-name">{label.name}</span>
          {label.hotkey ? <kbd>{label.hotkey}</kbd> : null}
        </button>
      ))}
      <span className="palette-spacer" />
      <button
        type="button"
        className={`snap-btn ${snap ? '' : 'off'}`}
        title={`Toggle word snapping (${shortcutText('toggleSnap')})`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={toggleSnap}
        data-testid="snap-toggle"
        aria-pressed={snap}
      >
        {snap ? 'Snap: words' : 'Snap: characters'} <kbd>{shortcutText('toggleSnap')}</kbd>
      </button>
    </div>
  );
}
