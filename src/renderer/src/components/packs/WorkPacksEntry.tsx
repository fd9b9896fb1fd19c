// The settings panel's way into work packs (the Chromium window has no File menu).
import { useStore } from '../../store';

export function WorkPacksEntry() {
  const open = useStore((s) => s.openPacksSheet);
  return (
    <section>
      <h3>Work packs</h3>
      <p className="hint">
        Share articles with annotators, send your work to the reviewer, merge the packs that come back, and watch an
        inbox folder for them (Ctrl+Shift+P).
      </p>
      <button type="button" onClick={() => open('panel')} data-testid="settings-work-packs">
        Work packs…
      </button>
    </section>
  );
}
