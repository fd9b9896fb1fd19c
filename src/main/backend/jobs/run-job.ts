// Runs one job on its own connection to the project file (what the worker thread does; also
// callable in-process). WAL lets the app keep reading while an import holds the write lock.
import type { JobProgress } from '../../../shared/jobs';
import { openDb } from '../db/open';
import { errorData } from '../errors';
import { exportProject, formatExportSummary } from '../exporters';
import { Cancelled } from '../importers/errors';
import { formatImportSummary, importPaths } from '../importers';
import { runAgreement } from './agreement';
import { runDisagreements } from './disagreements';
import { runPolicy } from './policy';
import { runAssign, runMerge, runOpenPack, runWorkPack } from './packs';
import { runSentenceIndex } from './sentence-index';
import type { JobSpec, WorkerMessage } from './protocol';

export async function runJob(
  spec: JobSpec,
  shouldCancel: () => boolean,
  post: (message: WorkerMessage) => void,
  /** The worker's own script, when run in one: a job may start helper threads on it. */
  script?: URL,
): Promise<void> {
  let last = 0;
  const onProgress = (progress: JobProgress) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    post({ type: 'progress', progress });
  };
  const hooks = { onProgress, shouldCancel };
  try {
    if (spec.kind === 'open-pack') {
      post({ type: 'done', ...runOpenPack(spec, hooks) });
      return;
    }
    const { db } = openDb(spec.projectFile);
    try {
      if (spec.kind === 'import') {
        const summary = importPaths(db, spec.paths, spec.options, { onProgress, shouldCancel });
        post({ type: 'done', report: formatImportSummary(summary), importSummary: summary });
      } else if (spec.kind === 'agreement') {
        const { report, text } = runAgreement(db, spec.labels, { onProgress, shouldCancel });
        post({ type: 'done', report: text, agreement: report });
      } else if (spec.kind === 'policy') {
        post({ type: 'done', ...runPolicy(db, spec.reviewer, { onProgress, shouldCancel }) });
      } else if (spec.kind === 'disagreements') {
        post({
          type: 'done',
          report: await runDisagreements(db, spec.projectFile, spec.out, { onProgress, shouldCancel }),
        });
      } else if (spec.kind === 'merge') {
        post({ type: 'done', ...runMerge(db, spec, hooks) });
      } else if (spec.kind === 'assign') {
        post({ type: 'done', ...runAssign(db, spec, hooks) });
      } else if (spec.kind === 'sentence-index') {
        const helper = script ? { url: script, projectFile: spec.projectFile } : undefined;
        const lockSignal = spec.lockSignal ? new Int32Array(spec.lockSignal) : undefined;
        post({ type: 'done', report: runSentenceIndex(db, hooks, helper, lockSignal) });
      } else if (spec.kind === 'pack') {
        post({ type: 'done', ...runWorkPack(db, spec, hooks) });
      } else {
        const summary = await exportProject(db, spec.out, spec.options, { onProgress, shouldCancel });
        post({ type: 'done', report: formatExportSummary(summary), exportSummary: summary });
      }
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof Cancelled) post({ type: 'cancelled' });
    else post({ type: 'failed', error: errorData(err, `${spec.kind} job`, spec.projectFile) });
  }
}
