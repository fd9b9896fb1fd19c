// Messages between the workspace (main thread) and the worker that migrates a project before
// it opens: how far the migrations have come, then done or failed.
import type { ApiErrorData } from '../../../shared/result';
import type { MigrationProgress } from '../db/migrations';

/** What the worker is started with (beside the job worker's and the reader's: one script serves all). */
export interface MigrateInput {
  migrate: { projectFile: string };
}

export type MigrateMessage =
  | { type: 'progress'; progress: MigrationProgress }
  | { type: 'done'; migrated: number[] }
  | { type: 'failed'; error: ApiErrorData };
