// One job: title, progress bar and Cancel while it runs; the summary (offset unit, loss
// report), the error, or "cancelled: nothing was changed" once it ends. A success folds to its
// title line a few seconds later, so that cards do not stay over the text; a failure, a warning
// or a card the user has touched stays open.
import { useEffect, useState } from 'react';
import type { JobState } from '../../../../shared/jobs';
import { useStore } from '../../store';
import { isActive } from '../../store/jobs';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';

function percent(job: JobState): number | null {
  const { done, total } = job.progress;
  if (job.phase === 'done') return 100;
  return total > 0 ? Math.min(100, Math.round((100 * done) / total)) : null;
}

/** Reports up to this many lines are shown whole (an import's summary and its warnings). */
const FOLD_AFTER = 8;

/**
 * A finished job's report. A long one (the agreement report, a large merge) is folded to its
 * first line, so that cards do not cover the text or a sheet; the rest opens on a click.
 */
function Report({ text }: { text: string }) {
  const [first = '', ...rest] = text.split('\n');
  if (rest.length < FOLD_AFTER) {
    return (
      <pre className="job-report" data-testid="job-report">
        {text}
      </pre>
    );
  }
  return (
    <details className="job-report-fold" data-testid="job-report">
      <summary className="job-report-line" title={first}>
        {first}
      </summary>
      <pre className="job-report">{rest.join('\n')}</pre>
    </details>
  );
}

/** How long a successful job's card stays open before it folds to its title line. */
export const COLLAPSE_AFTER_MS = 4000;

/** Folds the card once the job has succeeded, unless the user has touched it. */
function useCollapse(job: JobState, warning: boolean) {
  const [collapsed, setCollapsed] = useState(false);
  const [held, setHeld] = useState(false);
  const succeeded = job.phase === 'done' && !warning;
  useEffect(() => {
    if (!succeeded || held) return;
    const timer = setTimeout(() => setCollapsed(true), COLLAPSE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [succeeded, held]);
  return {
    collapsed,
    hold: () => setHeld(true),
    toggle: () => {
      setHeld(true);
      setCollapsed((c) => !c);
    },
  };
}

export function JobCard({ job }: { job: JobState }) {
  const cancel = useStore((s) => s.cancelJob);
  const dismiss = useStore((s) => s.dismissJob);
  const active = isActive(job);
  const pct = percent(job);
  const loss = job.exportSummary?.loss;
  const { collapsed, hold, toggle } = useCollapse(job, Boolean(loss && loss.dropped > 0));
  if (collapsed) {
    return (
      <section
        className="job-card done collapsed"
        data-testid="job-card"
        data-phase={job.phase}
        data-collapsed="true"
        aria-label={visiblePlain(job.title)}
      >
        <header>
          <button
            type="button"
            className="job-expand"
            onClick={toggle}
            data-testid="job-expand"
            title="Show the summary"
          >
            ✓ <ShownText text={job.title} />
          </button>
          <button type="button" onClick={() => dismiss(job.id)} aria-label="Dismiss" data-testid="job-dismiss">
            ×
          </button>
        </header>
      </section>
    );
  }
  return (
    <section
      className={`job-card ${job.phase}`}
      data-testid="job-card"
      data-phase={job.phase}
      data-collapsed="false"
      aria-label={visiblePlain(job.title)}
      onPointerDown={hold}
    >
      <header>
        <strong>
          <ShownText text={job.title} />
        </strong>
        {active ? (
          <button type="button" onClick={() => void cancel(job.id)} data-testid="job-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => dismiss(job.id)} aria-label="Dismiss" data-testid="job-dismiss">
            ×
          </button>
        )}
      </header>
      {active ? (
        <>
          <div
            className={`job-bar ${pct === null ? 'indeterminate' : ''}`}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
            data-testid="job-progress"
          >
            <div style={{ width: `${pct ?? 30}%` }} />
          </div>
          <p className="job-message">{job.progress.message}</p>
        </>
      ) : null}
      {job.phase === 'done' && loss && loss.dropped > 0 ? (
        <p className="job-warning" role="status">
          {loss.dropped} of {loss.total} spans could not be carried by {job.exportSummary!.format}: see the loss report.
        </p>
      ) : null}
      {job.phase === 'done' && job.report ? <Report text={job.report} /> : null}
      {job.phase === 'failed' ? (
        <pre className="job-report error" role="alert" data-testid="job-error">
          {job.error?.message ?? 'failed'}
          {job.kind === 'import' ? '\nNothing was imported.' : job.kind === 'merge' ? '\nNothing was merged.' : ''}
        </pre>
      ) : null}
      {job.phase === 'cancelled' ? <p className="job-message">Cancelled: nothing was changed.</p> : null}
    </section>
  );
}
