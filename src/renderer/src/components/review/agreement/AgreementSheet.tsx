// The agreement panel: computed over the whole set in a background job (progress and Cancel
// here), then the pairwise matrix for a metric and label, alpha per label, each annotator
// against gold, and the conflicts behind the cell the reviewer clicks.
import { useStore } from '../../../store';
import { selectAgreementJob, selectAgreementReport } from '../../../store/agreement';
import { isActive } from '../../../store/jobs';
import { METRIC_DEFINITIONS, METRIC_NAMES, METRICS } from '../../../lib/agreementView';
import { Sheet } from '../../shell/Sheet';
import { ConflictList } from './ConflictList';
import { GoldTable } from './GoldTable';
import { Heatmap } from './Heatmap';
import { LabelBars } from './LabelBars';
import './agreement.css';

export function AgreementSheet() {
  const close = useStore((s) => s.setOverlay);
  const job = useStore(selectAgreementJob);
  const report = useStore(selectAgreementReport);
  const metric = useStore((s) => s.agreementMetric);
  const label = useStore((s) => s.agreementLabel);
  const cell = useStore((s) => s.agreementCell);
  const conflicts = useStore((s) => s.cellConflicts);
  const error = useStore((s) => s.agreementError);
  const chooseMetric = useStore((s) => s.chooseMetric);
  const chooseLabel = useStore((s) => s.chooseLabel);
  const selectCell = useStore((s) => s.selectCell);
  const cancelJob = useStore((s) => s.cancelJob);
  const reviewCluster = useStore((s) => s.reviewCluster);

  return (
    <Sheet
      title="Agreement"
      label="Agreement"
      testId="agreement"
      className="agreement-sheet"
      onClose={() => close('none')}
    >
      {error ? (
        <p className="agreement-error" role="alert">
          {error}
        </p>
      ) : null}
      {job && isActive(job) ? (
        <div className="agreement-progress" data-testid="agreement-progress">
          <progress max={job.progress.total || undefined} value={job.progress.done} />
          <span>{job.progress.message || 'Computing agreement…'}</span>
          <button type="button" onClick={() => void cancelJob(job.id)}>
            Cancel
          </button>
        </div>
      ) : null}
      {job?.phase === 'failed' ? (
        <p className="agreement-error" role="alert">
          {job.error?.message ?? 'agreement failed'}
        </p>
      ) : null}
      {job?.phase === 'cancelled' ? <p>Cancelled.</p> : null}
      {report && report.annotators.length < 2 ? (
        <p className="agreement-note" data-testid="agreement-empty">
          Agreement needs two annotators who marked articles done
          {report.annotators.length === 1 ? ` (only ${report.annotators[0]} has)` : ''}: merge their work packs first.
        </p>
      ) : null}
      {report && report.annotators.length >= 2 ? (
        <div className="agreement-body">
          <div className="agreement-controls">
            <fieldset>
              <legend>Metric</legend>
              {METRICS.map((m) => (
                <label key={m}>
                  <input type="radio" name="metric" checked={metric === m} onChange={() => chooseMetric(m)} />
                  {METRIC_NAMES[m]}
                </label>
              ))}
            </fieldset>
            <label>
              Label{' '}
              <select
                value={label ?? ''}
                onChange={(e) => chooseLabel(e.target.value === '' ? null : e.target.value)}
                data-testid="agreement-label"
              >
                {metric === 'kappa' ? null : <option value="">All labels (micro)</option>}
                {report.labels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="agreement-note">
            {METRIC_NAMES[metric]}: {METRIC_DEFINITIONS[metric]}. Offsets and units are code points, as Python counts
            them; each pair is compared over the articles both marked done. Click a cell for its conflicts.
          </p>
          <Heatmap
            report={report}
            metric={metric}
            label={label}
            selected={cell}
            onSelect={(a, b) => void selectCell({ a, b, label })}
          />
          {conflicts ? (
            <ConflictList
              conflicts={conflicts}
              onOpen={(c) => {
                close('none');
                void reviewCluster(c.articleId, c.clusterId);
              }}
            />
          ) : null}
          <LabelBars report={report} />
          <GoldTable report={report} />
        </div>
      ) : null}
    </Sheet>
  );
}
