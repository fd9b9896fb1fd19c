// The sentence index built in the background: the job's worker brings the stored index up to
// date ("N of M articles"), and the host starts it when a project needs it (opened with many
// articles not yet indexed, or a large import since) and says whether it still runs.
import { WRITING_JOBS, type JobProgress } from '../../../shared/jobs';
import { refreshIndex } from '../across/index-store';
import { lockSignal } from '../db/lock-signal';
import { helperFeed, type HelperScript } from '../across/sketch-feed';
import type { Connection } from '../db/open';
import type { ArticleHooks } from './article-progress';
import type { JobRunner } from './runner';

export function runSentenceIndex(
  db: Connection,
  hooks: ArticleHooks,
  helper?: HelperScript,
  lockSignal?: Int32Array,
): string {
  const stats = refreshIndex(db, {
    lockSignal,
    sketchFeed: helper ? helperFeed(helper) : undefined,
    shouldCancel: hooks.shouldCancel,
    onProgress: (done, total) => {
      const progress: JobProgress = { done, total, unit: 'articles', message: `${done} of ${total} articles` };
      hooks.onProgress?.(progress);
    },
  });
  const parts = [`${stats.added} articles indexed`];
  if (stats.removed) parts.push(`${stats.removed} taken out`);
  return `Sentence index: ${parts.join(', ')}.`;
}

function current(runner: JobRunner, projectFile: string) {
  return runner
    .list()
    .find(
      (j) =>
        j.kind === 'sentence-index' &&
        j.projectFile === projectFile &&
        (j.phase === 'waiting' || j.phase === 'running'),
    );
}

/**
 * Whether the project's sentence index is being built now, or another job holds the project's
 * write lock (an import): indexing on the spot would then wait for it with the window waiting.
 */
export function indexBuilding(runner: JobRunner, projectFile: string): boolean {
  return (
    current(runner, projectFile) !== undefined ||
    runner.list().some((j) => j.projectFile === projectFile && j.phase === 'running' && WRITING_JOBS.includes(j.kind))
  );
}

/** Starts the project's background index build unless one is under way. */
export function startIndexBuild(runner: JobRunner, projectFile: string): boolean {
  if (!current(runner, projectFile)) {
    const job = runner.create('sentence-index', 'Finding syndicated copies', projectFile);
    const signal = lockSignal(projectFile).buffer as SharedArrayBuffer;
    runner.start(job.id, { kind: 'sentence-index', projectFile, lockSignal: signal });
  }
  return true;
}
