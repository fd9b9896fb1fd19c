// Options for an export: format, layer, which articles, offset unit, and an optional
// deterministic train/dev/test split. Main then asks where to write (save dialog).
import { useState, type FormEvent } from 'react';
import { EXPORT_FORMAT_NAMES as FORMAT_NAMES, EXPORT_FORMATS, type ExportFormat } from '../../../../shared/jobs';
import { useStore } from '../../store';
import { selectReviewMode } from '../../store/review';
import { Sheet } from '../shell/Sheet';
import { FormatField } from './FormatField';

export function ExportSheet({ currentAnnotator }: { currentAnnotator?: string | undefined }) {
  const startExport = useStore((s) => s.startExport);
  const close = useStore((s) => s.closeJobSheets);
  const layers = useStore((s) => s.exportLayers);
  const error = useStore((s) => s.jobsError);
  const reviewing = useStore(selectReviewMode);
  const [format, setFormat] = useState<ExportFormat>('spans');
  const [layer, setLayer] = useState(reviewing ? 'gold' : (currentAnnotator ?? 'all'));
  const [only, setOnly] = useState<'all' | 'done'>('done');
  const [offsets, setOffsets] = useState<'codepoint' | 'utf16'>('codepoint');
  const [split, setSplit] = useState(false);
  const [ratios, setRatios] = useState('0.8, 0.1, 0.1');
  const [seed, setSeed] = useState('0');

  const parsedRatios = ratios.split(',').map((r) => Number(r.trim()));
  const ratiosOk =
    parsedRatios.length >= 2 &&
    parsedRatios.length <= 3 &&
    parsedRatios.every((r) => Number.isFinite(r) && r >= 0) &&
    Math.abs(parsedRatios.reduce((a, b) => a + b, 0) - 1) < 1e-6;
  const seedOk = /^-?\d+$/.test(seed.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (split && (!ratiosOk || !seedOk)) return;
    void startExport({
      format,
      layer,
      only,
      offsets,
      ...(split ? { split: parsedRatios, seed: Number(seed) } : {}),
    });
  };
  const names = [...new Set([...(currentAnnotator ? [currentAnnotator] : []), ...layers])];

  return (
    <Sheet title="Export" label="Export" testId="export-sheet" className="jobs-sheet" onClose={close} onSubmit={submit}>
      <div className="jobs-form">
        <FormatField value={format} formats={EXPORT_FORMATS} names={FORMAT_NAMES} onChange={setFormat} />
        <label>
          Layer
          <select value={layer} onChange={(e) => setLayer(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
                {n === currentAnnotator ? ' (you)' : ''}
              </option>
            ))}
            <option value="all">All layers (a line per article per layer)</option>
            <option value="gold">Gold (adjudicated spans, with their sources and decision)</option>
          </select>
        </label>
        <label>
          Articles
          <select value={only} onChange={(e) => setOnly(e.target.value as 'all' | 'done')}>
            <option value="done">{layer === 'gold' ? 'Adjudicated only' : 'Done only'}</option>
            <option value="all">All</option>
          </select>
        </label>
        <label>
          Offsets
          <select value={offsets} onChange={(e) => setOffsets(e.target.value as 'codepoint' | 'utf16')}>
            <option value="codepoint">Code points (Python: text[start:end])</option>
            <option value="utf16">UTF-16 (JavaScript string indices)</option>
          </select>
        </label>
        <label className="jobs-check">
          <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
          Split into train/dev/test (near-duplicate articles stay together)
        </label>
        {split ? (
          <div className="jobs-split">
            <label>
              Ratios
              <input value={ratios} onChange={(e) => setRatios(e.target.value)} aria-invalid={!ratiosOk} />
            </label>
            <label>
              Seed
              <input
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
                aria-invalid={!seedOk}
                inputMode="numeric"
              />
            </label>
            {!ratiosOk ? <p className="form-error">Two or three ratios adding up to 1, e.g. 0.8, 0.1, 0.1.</p> : null}
          </div>
        ) : null}
      </div>
      {format === 'bio' || format === 'conll' ? (
        <p className="jobs-help">
          {format === 'bio' ? 'BIO' : 'CoNLL'} cannot carry overlapping or nested spans: the fewest possible are
          dropped, and the loss report says which.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer className="jobs-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={split && (!ratiosOk || !seedOk)} data-testid="export-start">
          {split ? 'Choose folder…' : 'Choose file…'}
        </button>
      </footer>
    </Sheet>
  );
}
