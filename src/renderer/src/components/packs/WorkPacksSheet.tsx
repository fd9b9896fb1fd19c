// The work packs panel: every pack action in one place, for hosts without native menus (the
// Chromium window) and for anyone who prefers buttons: assign work, open or import packs, export
// my work, the inbox folder.
import { useRef } from 'react';
import { useStore } from '../../store';
import { pathsOf } from '../../lib/chooseFiles';
import { Sheet } from '../shell/Sheet';
import '../jobs/jobs.css';
import './packs.css';

export function WorkPacksSheet() {
  const close = useStore((s) => s.closePacksSheet);
  const openSheet = useStore((s) => s.openPacksSheet);
  const exportMyWork = useStore((s) => s.exportMyWork);
  const openPackFiles = useStore((s) => s.openPackFiles);
  const inbox = useStore((s) => s.inboxFolder);
  const error = useStore((s) => s.packsError);
  const annotator = useStore((s) => s.session?.annotator?.name);
  const input = useRef<HTMLInputElement | null>(null);

  const chosen = async (files: FileList | null) => {
    const paths = await pathsOf(Array.from(files ?? []));
    if (input.current) input.current.value = '';
    if (paths.length) await openPackFiles(paths);
  };

  return (
    <Sheet
      title="Work packs"
      label="Work packs"
      testId="packs-sheet"
      className="jobs-sheet packs-sheet"
      onClose={close}
    >
      <section>
        <h3>Reviewer</h3>
        <div className="packs-row">
          <button type="button" onClick={() => openSheet('assign')} data-testid="packs-assign">
            Assign work…
          </button>
          <span>One assignment pack per annotator: their articles, the labels and the guidelines.</span>
        </div>
        <div className="packs-row">
          <button type="button" onClick={() => openSheet('inbox')} data-testid="packs-inbox">
            Inbox folder…
          </button>
          <span data-testid="packs-inbox-folder">
            {inbox ? `New work packs in ${inbox} are merged while this project is open.` : 'No inbox folder yet.'}
          </span>
        </div>
      </section>
      <section>
        <h3>Open or import packs</h3>
        <div className="packs-row">
          <button type="button" onClick={() => input.current?.click()} data-testid="packs-choose">
            Choose packs…
          </button>
          <span>
            An assignment pack from your reviewer opens your project for it; work packs from annotators are merged into
            this one. Packs can also be dropped on the window.
          </span>
          <input
            ref={input}
            type="file"
            accept=".swpack"
            multiple
            hidden
            data-testid="packs-file"
            onChange={(e) => void chosen(e.target.files)}
          />
        </div>
      </section>
      <section>
        <h3>Annotator</h3>
        <div className="packs-row">
          <button type="button" onClick={() => void exportMyWork().then(close)} data-testid="packs-export">
            Export my work…
          </button>
          <span>{annotator ? `${annotator}’s spans and statuses as a work pack for the reviewer.` : null}</span>
        </div>
      </section>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </Sheet>
  );
}
