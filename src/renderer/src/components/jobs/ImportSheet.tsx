// Options for an import: format (auto-detected by default), the layer that pre-annotations go
// into when the file names none, and whether to mark the articles done.
import { useState, type FormEvent } from 'react';
import { IMPORT_FORMAT_NAMES as FORMAT_NAMES, IMPORT_FORMATS, type ImportFormat } from '../../../../shared/jobs';
import { useStore } from '../../store';
import { Sheet } from '../shell/Sheet';
import { FormatField } from './FormatField';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

export function ImportSheet({ paths, currentAnnotator }: { paths: string[]; currentAnnotator?: string | undefined }) {
  const startImport = useStore((s) => s.startImport);
  const close = useStore((s) => s.closeJobSheets);
  const error = useStore((s) => s.jobsError);
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [layer, setLayer] = useState(currentAnnotator ?? '');
  const [override, setOverride] = useState(false);
  const [done, setDone] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = layer.trim();
    // The layer is where spans go that the file attributes to nobody; only when asked does it
    // also replace the annotators a file names (Label Studio, Prodigy, Spanwise layers).
    const target = name ? (override ? { as: name } : { defaultLayer: name }) : {};
    void startImport({ paths, format, ...target, ...(done ? { status: 'done' as const } : {}) });
  };

  return (
    <Sheet
      title={`Import ${paths.length === 1 ? visiblePlain(baseName(paths[0]!)) : `${paths.length} items`}`}
      label="Import"
      testId="import-sheet"
      className="jobs-sheet"
      onClose={close}
      onSubmit={submit}
    >
      {paths.length > 1 ? (
        <ul className="jobs-paths">
          {paths.map((p) => (
            <li key={p}>
              <ShownText text={p} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="jobs-path">
          <ShownText text={paths[0] ?? ''} />
        </p>
      )}
      <div className="jobs-form">
        <FormatField value={format} formats={IMPORT_FORMATS} names={FORMAT_NAMES} onChange={setFormat} />
        <label>
          Layer for pre-annotations
          <input
            value={layer}
            onChange={(e) => setLayer(e.target.value)}
            placeholder="annotator name"
            aria-describedby="jobs-layer-help"
          />
        </label>
        <p id="jobs-layer-help" className="jobs-help">
          Used when the file names no annotator (doccano, plain JSONL, CoNLL). Label Studio and Prodigy files keep their
          own annotators, and Spanwise exports their layers, unless you choose below.
        </p>
        <label className="jobs-check">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          Put every span in this layer, even where the file names its annotator
        </label>
        <label className="jobs-check">
          <input type="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} />
          Mark the imported articles done for that layer
        </label>
      </div>
      <p className="jobs-help">
        One transaction: if any line is malformed nothing is imported and the error names the file and line. Articles
        already in the project (same text) are not added twice.
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer className="jobs-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="import-start">
          Import
        </button>
      </footer>
    </Sheet>
  );
}
