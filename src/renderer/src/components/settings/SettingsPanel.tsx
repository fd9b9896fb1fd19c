// Labels and settings: add, rename, recolour and re-key labels (spans follow by id, so a
// rename never orphans them); switch the annotator on a shared laptop.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import { Sheet } from '../shell/Sheet';
import { WorkPacksEntry } from '../packs/WorkPacksEntry';
import { LabelRow } from './LabelRow';

export function SettingsPanel() {
  const labels = useStore((s) => s.labels);
  const createLabel = useStore((s) => s.createLabel);
  const setOverlay = useStore((s) => s.setOverlay);
  const session = useStore((s) => s.session);
  const setAnnotator = useStore((s) => s.setAnnotator);
  const [name, setName] = useState('');
  const [annotator, setAnnotatorName] = useState(session?.annotator?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [annotatorError, setAnnotatorError] = useState<string | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setError(null);
      await createLabel({ name: name.trim().toUpperCase() });
      setName('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <Sheet
      title="Labels and settings"
      label="Labels and settings"
      testId="settings"
      className="settings"
      onClose={() => setOverlay('none')}
    >
      <section>
        <h3>Labels</h3>
        <div className="label-rows">
          <div className="label-row head" aria-hidden="true">
            <span>Colour</span>
            <span>Name</span>
            <span>Key</span>
            <span>Description</span>
          </div>
          {labels.map((label) => (
            <LabelRow key={`${label.id}:${label.name}:${label.hotkey}:${label.color}`} label={label} />
          ))}
        </div>
        <form className="add-label" onSubmit={(e) => void add(e)}>
          <input
            aria-label="New label name"
            placeholder="New label, e.g. EVENT"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={40}
          />
          <button type="submit" disabled={!name.trim()}>
            Add label
          </button>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      </section>
      <section>
        <h3>Annotator</h3>
        <form
          className="add-label"
          onSubmit={(e) => {
            e.preventDefault();
            if (!annotator.trim()) return;
            setAnnotatorError(null);
            setAnnotator(annotator.trim()).then(
              () => setOverlay('none'),
              (err: unknown) => setAnnotatorError(err instanceof Error ? err.message : String(err)),
            );
          }}
        >
          <input
            aria-label="Annotator name"
            value={annotator}
            onChange={(e) => setAnnotatorName(e.target.value)}
            maxLength={80}
          />
          <button type="submit" disabled={!annotator.trim() || annotator.trim() === session?.annotator?.name}>
            Switch annotator
          </button>
        </form>
        {annotatorError ? (
          <p className="form-error" role="alert">
            {annotatorError}
          </p>
        ) : null}
        <p className="hint">Each annotator has their own spans and statuses in this project file.</p>
      </section>
      <WorkPacksEntry />
    </Sheet>
  );
}
