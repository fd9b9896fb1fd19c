// The contract's job methods (startImport, startExport, startAgreement, cancelJob, listJobs; the
// work-pack ones are in pack-handlers.ts) over the host that
// the process running them provides, injected where a project is opened: Electron main gives a
// save dialog, the built worker's path and the user's grants; tests and the e2e host use the
// TypeScript worker through tsx. There is no default host, so nothing trusts a caller by accident.
import path from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { JobEvent } from '../../../shared/jobs';
import { AppError } from '../../../shared/result';
import { FORMATS } from '../exporters/formats';
import { resolveLayer } from '../exporters/select';
import { resolveLabels } from '../review/load';
import type { Db } from '../db/open';
import { formatFor } from '../review/disagreements';
import { requireCurrentAnnotator } from '../annotators';
import { projectNameOf } from '../session';
import { PathGrants } from './grants';
import { readablePaths, startWriting } from './paths';
import { JobRunner } from './runner';

export interface JobsHost {
  runner: JobRunner;
  /** A native save dialog (Electron). Resolves to null when the user cancels. */
  pickExportTarget?:
    ((suggestion: { name: string; folder: boolean; title?: string | undefined }) => Promise<string | null>) | undefined;
  /**
   * May the caller (the renderer) name files itself: the export's output, any file to import?
   * Electron: no (exports go where the save dialog says; imports read only `importGrants`);
   * test hosts: yes.
   */
  trustCallerPaths: boolean;
  /** When the caller is not trusted: the files and folders the user chose or dropped. */
  importGrants?: PathGrants | undefined;
  /** Where a project made from an assignment pack goes by default (the user folder). */
  projectsDir?: string | undefined;
  /** A native save dialog for that project, prefilled with the default (Electron). */
  pickProjectFile?: ((suggestion: string) => Promise<string | null>) | undefined;
  /** Opens a project in the app and tells the window (after an assignment pack was opened). */
  switchProject?: ((file: string) => void) | undefined;
  /** How quickly the inbox watcher looks again (tests make it quick). */
  inboxTiming?: { pollMs?: number; settleMs?: number } | undefined;
}

/** Runs TypeScript source workers (tests, e2e host, dev scripts); the built app configures its own. */
export function sourceWorkerUrl(): URL {
  const file = './worker' + '.ts'; // not a literal: bundlers must not try to resolve it
  return new URL(file, import.meta.url);
}

/** A runner for hosts that run from source (tests, the e2e host): events go to `emit`. */
export function sourceJobsHost(emit: (e: JobEvent) => void = () => {}): JobsHost {
  return {
    runner: new JobRunner({ workerUrl: sourceWorkerUrl(), execArgv: ['--import', 'tsx'], emit }),
    trustCallerPaths: true,
  };
}

type JobMethods =
  'startImport' | 'startExport' | 'startAgreement' | 'startDisagreements' | 'startPolicy' | 'cancelJob' | 'listJobs';

/**
 * The job methods over one project, run by `host` (the process's job runner, dialogs and
 * grants). A host that runs no jobs (the CLI opens projects without one) refuses them.
 */
export function jobHandlers(projectFile: string, db: Db, host: JobsHost | undefined): Pick<Handlers, JobMethods> {
  const jobs = (): JobsHost => {
    if (!host)
      throw new AppError('FORBIDDEN', 'jobs (imports, exports, agreement) run in the app; this host runs no jobs');
    return host;
  };
  return {
    startImport: ({ paths, ...options }) => {
      const host = jobs();
      // An untrusted caller reads only what the user granted (FORBIDDEN otherwise, nothing read).
      const files = readablePaths(host, paths);
      const { runner } = host;
      const title = paths.length === 1 ? `Import ${path.basename(paths[0]!)}` : `Import ${paths.length} items`;
      const job = runner.create('import', title, projectFile);
      return runner.start(job.id, {
        kind: 'import',
        projectFile,
        paths: files,
        options,
      });
    },
    startExport: ({ out, ...options }) => {
      resolveLayer(db, options.layer); // unknown layer or gold: refuse before any dialog
      const base = projectNameOf(projectFile);
      // Splits and folder formats (brat) write a folder of files: the dialog asks for one.
      const folder = options.split !== undefined || FORMATS[options.format].folder === true;
      const name = folder ? `${base}-${options.format}` : `${base}-${options.format}.${FORMATS[options.format].ext}`;
      return startWriting(jobs(), projectFile, {
        kind: 'export',
        title: `Export ${options.format} (${options.layer === 'all' ? 'all layers' : options.layer})`,
        out,
        what: 'output file',
        suggestion: { name, folder },
        spec: (target) => ({ kind: 'export', projectFile, out: target, options }),
      });
    },
    startAgreement: ({ labels }) => {
      const { runner } = jobs();
      resolveLabels(db, labels); // an unknown label is refused before the job starts
      const title = labels ? `Agreement (${labels.join(', ')})` : 'Agreement';
      const job = runner.create('agreement', title, projectFile);
      return runner.start(job.id, { kind: 'agreement', projectFile, labels });
    },
    startPolicy: () => {
      const { runner } = jobs();
      const reviewer = requireCurrentAnnotator(db);
      const job = runner.create('policy', `Merge policy (${reviewer.name})`, projectFile);
      return runner.start(job.id, { kind: 'policy', projectFile, reviewer: reviewer.id });
    },
    startDisagreements: ({ out }) => {
      if (out !== undefined) formatFor(out); // .jsonl or .csv, refused before any job starts
      const base = projectNameOf(projectFile);
      return startWriting(jobs(), projectFile, {
        kind: 'disagreements',
        title: 'Disagreements report',
        out,
        what: 'report file',
        suggestion: {
          name: `${base}-disagreements.jsonl`,
          folder: false,
          title: 'Export disagreements (.jsonl or .csv)',
        },
        check: formatFor,
        spec: (target) => ({ kind: 'disagreements', projectFile, out: target }),
      });
    },
    cancelJob: ({ id }) => jobs().runner.cancel(id),
    listJobs: () => host?.runner.list() ?? [],
  };
}
