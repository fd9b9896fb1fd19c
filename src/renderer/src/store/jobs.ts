// Jobs in the renderer: the job cards (progress, cancel, summary), the import and export
// option sheets, and the drop-to-import overlay; fed by { type: 'job' | 'importRequest' |
// 'exportRequest' } events from main ('packsRequest' and 'inboxRequest' go to store/packs.ts).
import type { AppEvent, Input } from '../../../shared/contract';
import type { JobState } from '../../../shared/jobs';
import { call } from '../api';
import { chooseFiles, isPack, pathsOf } from '../lib/chooseFiles';
import type { Slice } from './types';

export type ImportRequest = Input<'startImport'>;
export type ExportRequest = Input<'startExport'>;

export interface JobsSlice {
  /** Jobs by id, newest last. */
  jobs: JobState[];
  /** Paths waiting for the import options (from a drop or File → Import…). */
  importPaths: string[] | null;
  exportOpen: boolean;
  /** Files are being dragged over the window. */
  dragging: boolean;
  /** Annotator names (for the export sheet's layer choice). */
  exportLayers: string[];
  jobsError: string | null;

  handleJobEvent(event: AppEvent): void;
  openImport(paths: string[]): void;
  /** Dropped or chosen files: packs are opened or merged by their header, the rest imported. */
  receivePaths(paths: string[]): void;
  /** The window's file chooser for an import (Ctrl+I, the empty state's button). */
  chooseImport(): Promise<void>;
  openExport(): Promise<void>;
  closeJobSheets(): void;
  setDragging(dragging: boolean): void;
  startImport(request: ImportRequest): Promise<void>;
  startExport(request: ExportRequest): Promise<void>;
  /** The disagreements report of the review set (main asks where; .jsonl or .csv). */
  exportDisagreements(): Promise<void>;
  cancelJob(id: string): Promise<void>;
  dismissJob(id: string): void;
}

export function upsert(jobs: JobState[], job: JobState): JobState[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i === -1) return [...jobs, job];
  const next = jobs.slice();
  next[i] = job;
  return next;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const createJobsSlice: Slice<JobsSlice> = (set, get) => ({
  jobs: [],
  importPaths: null,
  exportOpen: false,
  dragging: false,
  exportLayers: [],
  jobsError: null,

  handleJobEvent(event) {
    if (event.type === 'job') set((s) => ({ jobs: upsert(s.jobs, event.job) }));
    else if (event.type === 'importRequest') get().openImport(event.paths);
    else if (event.type === 'exportRequest') void get().openExport();
    else if (event.type === 'packsRequest') void get().openPackFiles(event.paths);
    else if (event.type === 'inboxRequest') get().openPacksSheet('inbox', event.folder);
  },

  openImport(paths) {
    set({ importPaths: paths, exportOpen: false, dragging: false, jobsError: null });
  },

  receivePaths(paths) {
    const packs = paths.filter(isPack);
    const others = paths.filter((p) => !isPack(p));
    if (packs.length) void get().openPackFiles(packs);
    if (others.length) get().openImport(others);
  },

  async chooseImport() {
    const files = await chooseFiles({ multiple: true, testId: 'import-file' });
    get().receivePaths(await pathsOf(files));
  },

  async openExport() {
    set({ exportOpen: true, importPaths: null, jobsError: null });
    try {
      const annotators = await call('listAnnotators');
      set({ exportLayers: annotators.map((a) => a.name) });
    } catch (err) {
      set({ jobsError: message(err) });
    }
  },

  closeJobSheets() {
    set({ importPaths: null, exportOpen: false, jobsError: null });
  },

  setDragging(dragging) {
    if (get().dragging !== dragging) set({ dragging });
  },

  async startImport(request) {
    try {
      const job = await call('startImport', request);
      set((s) => ({ jobs: upsert(s.jobs, job), importPaths: null, jobsError: null }));
    } catch (err) {
      set({ jobsError: message(err) });
    }
  },

  async startExport(request) {
    try {
      const job = await call('startExport', request);
      set((s) => ({ jobs: upsert(s.jobs, job), exportOpen: false, jobsError: null }));
    } catch (err) {
      set({ jobsError: message(err) });
    }
  },

  async exportDisagreements() {
    try {
      const job = await call('startDisagreements', {});
      set((s) => ({ jobs: upsert(s.jobs, job), jobsError: null }));
    } catch (err) {
      get().notify(`Disagreements not exported: ${message(err)}`);
    }
  },

  async cancelJob(id) {
    try {
      const job = await call('cancelJob', { id });
      set((s) => ({ jobs: upsert(s.jobs, job) }));
    } catch (err) {
      set({ jobsError: message(err) });
    }
  },

  dismissJob(id) {
    set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
  },
});

/** Jobs that hold the project's write lock for their whole length (one transaction). */
const LOCKING: readonly JobState['kind'][] = ['import', 'merge'];

/** The import or merge that holds (or is about to hold) the open project's write lock, if any. */
export function selectWritingJob(
  s: Pick<JobsSlice, 'jobs'> & { session: { projectPath: string } | null },
): JobState | null {
  return (
    s.jobs.find((j) => LOCKING.includes(j.kind) && isActive(j) && j.projectFile === s.session?.projectPath) ?? null
  );
}

/** True while an import or a merge holds (or is about to hold) the open project's write lock. */
export function selectImporting(s: Pick<JobsSlice, 'jobs'> & { session: { projectPath: string } | null }): boolean {
  return selectWritingJob(s) !== null;
}

/** "An import" or "A merge": what the status bar says is writing. */
export function writingNoun(job: JobState | null): string {
  return job?.kind === 'merge' ? 'A merge' : 'An import';
}

/** True while a job of this kind is waiting or running. */
export function isActive(job: JobState): boolean {
  return job.phase === 'waiting' || job.phase === 'running';
}
