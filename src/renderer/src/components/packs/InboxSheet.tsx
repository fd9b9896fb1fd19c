// The inbox folder: where annotators' work packs arrive (a Syncthing or Dropbox folder, a
// network drive). While the project is open, every new pack there is merged once.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import { Sheet } from '../shell/Sheet';
import '../jobs/jobs.css';

export function InboxSheet() {
  const current = useStore((s) => s.inboxFolder);
  const draft = useStore((s) => s.inboxDraft);
  const save = useStore((s) => s.setInboxFolder);
  const close = useStore((s) => s.closePacksSheet);
  const error = useStore((s) => s.packsError);
  const [folder, setFolder] = useState(draft ?? current ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!folder.trim()) return;
    void save(folder.trim()).then((ok) => ok && close());
  };

  return (
    <Sheet
      title="Inbox folder"
      label="Inbox folder"
      testId="inbox-sheet"
      className="jobs-sheet"
      onClose={close}
      onSubmit={submit}
    >
      <p className="jobs-help">
        Work packs that arrive in this folder are merged into this project while it is open, each pack once. Share the
        folder with the annotators through Syncthing, Dropbox or a network drive.
      </p>
      <p className="jobs-path" data-testid="inbox-current">
        {current ? `Now watching: ${current}` : 'No inbox folder yet.'}
      </p>
      <div className="jobs-form">
        <label>
          Folder
          <input
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="/home/you/Sync/spanwise-inbox"
            data-testid="inbox-folder"
            aria-invalid={Boolean(error)}
          />
        </label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer className="jobs-actions">
        {current ? (
          <button type="button" onClick={() => void save(null).then((ok) => ok && close())} data-testid="inbox-stop">
            Stop watching
          </button>
        ) : null}
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!folder.trim()} data-testid="inbox-save">
          Watch this folder
        </button>
      </footer>
    </Sheet>
  );
}
