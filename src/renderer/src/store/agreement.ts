// The agreement panel's state: the job that computes the report (off the main thread, with its
// progress and Cancel in the jobs slice), the metric and label the matrix shows, and the cell
// whose conflicts are listed.
import type { JobState } from '../../../shared/jobs';
import type { AgreementReport, PairConflicts } from '../../../shared/review';
import { call } from '../api';
import type { LabelChoice, Metric } from '../lib/agreementView';
import type { Store, Slice } from './types';

export interface AgreementCell {
  a: string;
  b: string;
  label: LabelChoice;
}

export interface AgreementSlice {
  agreementJobId: string | null;
  agreementMetric: Metric;
  agreementLabel: LabelChoice;
  agreementCell: AgreementCell | null;
  cellConflicts: PairConflicts | null;
  agreementError: string | null;
  /** Opens the panel and computes the report afresh. */
  openAgreement(): Promise<void>;
  chooseMetric(metric: Metric): void;
  chooseLabel(label: LabelChoice): void;
  /** Lists the conflicts behind a matrix cell. */
  selectCell(cell: AgreementCell | null): Promise<void>;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const createAgreementSlice: Slice<AgreementSlice> = (set, get) => ({
  agreementJobId: null,
  agreementMetric: 'f1',
  agreementLabel: null,
  agreementCell: null,
  cellConflicts: null,
  agreementError: null,

  async openAgreement() {
    get().setOverlay('agreement');
    set({ agreementJobId: null, agreementCell: null, cellConflicts: null, agreementError: null });
    try {
      const job = await call('startAgreement', {});
      get().handleJobEvent({ type: 'job', job });
      set({ agreementJobId: job.id });
    } catch (err) {
      set({ agreementError: message(err) });
    }
  },

  chooseMetric(metric) {
    // Kappa has no overall number: it starts on the first label.
    const report = selectAgreementReport(get());
    const label =
      metric === 'kappa' && get().agreementLabel === null ? (report?.labels[0] ?? null) : get().agreementLabel;
    set({ agreementMetric: metric, agreementLabel: label });
  },

  chooseLabel(label) {
    set({ agreementLabel: label });
  },

  async selectCell(cell) {
    set({ agreementCell: cell, cellConflicts: null, agreementError: null });
    if (!cell) return;
    try {
      const conflicts = await call('pairConflicts', {
        a: cell.a,
        b: cell.b,
        ...(cell.label === null ? {} : { label: cell.label }),
      });
      // A later click wins over an earlier answer.
      if (get().agreementCell === cell) set({ cellConflicts: conflicts });
    } catch (err) {
      set({ agreementError: message(err) });
    }
  },
});

/** The agreement job's state, while it runs and after. */
export function selectAgreementJob(s: Store): JobState | null {
  return s.agreementJobId === null ? null : (s.jobs.find((j) => j.id === s.agreementJobId) ?? null);
}

export function selectAgreementReport(s: Store): AgreementReport | null {
  return selectAgreementJob(s)?.agreement ?? null;
}
