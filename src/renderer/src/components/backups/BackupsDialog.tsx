// File → Restore backup…: the project's backups, newest first, each with its time and what it
// holds; Restore replaces the project with it (the current file is kept among the backups).
import { useStore } from '../../store';
import { Sheet } from '../shell/Sheet';
import './backups.css';

export function BackupsDialog() {
  const backups = useStore((s) => s.backups);
  const error = useStore((s) => s.backupsError);
  const restoring = useStore((s) => s.restoring);
  const restore = useStore((s) => s.restoreBackup);
  const close = useStore((s) => s.setOverlay);
  return (
    <Sheet title="Restore a backup" label="Restore a backup" testId="backups" onClose={() => close('none')}>
      <p className="backups-note">
        Backups are made when the project opens and every 10 minutes of editing, the newest 10 kept beside the project
        file. Restoring one keeps the current file among them, so a restore can be undone.
      </p>
      {error ? (
        <p className="backups-error" role="alert">
          {error}
        </p>
      ) : null}
      {backups === null ? (
        <p>Reading the backups…</p>
      ) : backups.length === 0 ? (
        <p>This project has no backups yet.</p>
      ) : (
        <ul className="backups-list" aria-label="Backups">
          {backups.map((b) => (
            <li key={b.path} data-testid="backup">
              <span className="backup-time">{new Date(b.time).toLocaleString()}</span>
              <span className="backup-counts">
                {b.counts
                  ? `${plural(b.counts.articles, 'article')}, ${plural(b.counts.spans, 'span')}`
                  : 'cannot be read'}
              </span>
              <button
                type="button"
                disabled={restoring !== null || b.counts === null}
                onClick={() => void restore(b.path)}
                aria-label={`Restore the backup of ${new Date(b.time).toLocaleString()}`}
              >
                {restoring === b.path ? 'Restoring…' : 'Restore'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Sheet>
  );
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;
}
