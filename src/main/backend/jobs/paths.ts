// Which files a job may read and where it writes: what the user chose or dropped (a trusted
// caller, as in tests, may name files itself), and an output named by the caller or answered by
// the host's dialog, on which the job then starts.
import path from 'node:path';
import type { JobState } from '../../../shared/jobs';
import { AppError } from '../../../shared/result';
import { errorData } from '../errors';
import { PathGrants } from './grants';
import type { JobsHost } from './handlers';
import type { JobSpec } from './protocol';
import type { JobRunner } from './runner';

/** The real paths to read: what the user chose or dropped, unless the caller is trusted. */
export function readablePaths(host: JobsHost, paths: readonly string[]): string[] {
  return host.trustCallerPaths
    ? paths.map((p) => path.resolve(p))
    : (host.importGrants ?? new PathGrants()).check(paths);
}

/** A path the caller names for output: only a trusted caller may (others get a dialog). */
export function callerOutput(host: JobsHost, out: string, what: string): string {
  if (!host.trustCallerPaths) throw new AppError('FORBIDDEN', `the ${what} is chosen in the save dialog`);
  return path.resolve(out);
}

/**
 * Starts `job` on its target: at once for a path, or when the dialog answers (cancelled when the
 * dialog is; failed, naming why, when `check` refuses the answer).
 */
export function startWhenChosen(
  runner: JobRunner,
  job: JobState,
  target: string | Promise<string | null>,
  start: (target: string) => JobState,
  check?: (target: string) => unknown,
): JobState {
  if (typeof target === 'string') return start(target);
  target.then(
    (t) => {
      if (!t) return runner.finish(job.id, 'cancelled');
      try {
        check?.(t);
      } catch (err) {
        return runner.finish(job.id, 'failed', errorData(err, job.kind));
      }
      return start(t);
    },
    (err: unknown) => runner.finish(job.id, 'failed', { code: 'INTERNAL', message: String(err) }),
  );
  return job;
}

export interface WriteJob {
  kind: JobState['kind'];
  title: string;
  /** The output the caller names (trusted callers only); else the host's dialog asks. */
  out: string | undefined;
  /** What the output is called in messages ("report file"). */
  what: string;
  /** Said when neither `out` nor a dialog can name the output. */
  missing?: string;
  suggestion: { name: string; folder: boolean; title?: string };
  check?: (target: string) => unknown;
  spec: (target: string) => JobSpec;
}

/** A job that writes where the user says: the caller's `out`, or the host's dialog's answer. */
export function startWriting(host: JobsHost, projectFile: string, o: WriteJob): JobState {
  const target = o.out !== undefined ? callerOutput(host, o.out, o.what) : undefined;
  if (target === undefined && !host.pickExportTarget) {
    throw new AppError('BAD_INPUT', o.missing ?? 'no output file given (out)');
  }
  const job = host.runner.create(o.kind, o.title, projectFile);
  return startWhenChosen(
    host.runner,
    job,
    target ?? host.pickExportTarget!(o.suggestion),
    (t) => host.runner.start(job.id, o.spec(t)),
    o.check,
  );
}
