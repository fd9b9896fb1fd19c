// Import/export jobs in the renderer: the job cards (progress, cancel, summary), the import
// and export option sheets, and the drop-to-import overlay. A store of its own (zustand), so
// that <JobsLayer/> can be mounted anywhere; it listens to { type: 'job' | 'importRequest' |
// 'exportRequest' } events from main.
import { create } from 'zustand';
import type { AppEvent, Input } from '../../../shared/contract';
import type { JobState } from '../../../shared/jobs';
import { call } from '../api';

export type ImportRequest = Input<'startImport'>;
export type ExportRequest = Input<'startExport'>;

export interface JobsStore {
  /** Jobs by id, newest last. */
  jobs: JobState[];
  /** Paths waiting for the import options (from a drop or File → Import…). */
  importPaths: string[] | null;
  exportOpen: boolean;
  /** Files are being dragged over the window. */
  dragging: boolean;
  /** Annotator names (for the export sheet's layer choice). */
  layers: string[];
  error: string | null;

  handleEvent(event: AppEvent): void;
  openImport(paths: string[]): void;
  openExport(): Promise<void>;
  closeSheets(): void;
  setDragging(dragging: boolean): void;
  startImport(request: ImportRequest): Promise<void>;
  startExport(request: ExportRequest): Promise<void>;
  cancel(id: string): Promise<void>;
  dismiss(id: string): void;
}

function upsert(jobs: JobState[], job: JobState): JobState[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i === -1) return [...jobs, job];
  const next = jobs.slice();
  next[i] = job;
  return next;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useJobs = create<JobsStore>()((set, get) => ({
  jobs: [],
  importPaths: null,
  exportOpen: false,
  dragging: false,
  layers: [],
  error: null,

  handleEvent(event) {
    if (event.type === 'job') set((s) => ({ jobs: upsert(s.jobs, event.job) }));
    else if (event.type === 'importRequest') get().openImport(event.paths);
    else if (event.type === 'exportRequest') void get().openExport();
  },

  openImport(paths) {
    set({ importPaths: paths, exportOpen: false, dragging: false, error: null });
  },

  async openExport() {
    set({ exportOpen: true, importPaths: null, error: null });
    try {
      const annotators = await call('listAnnotators');
      set({ layers: annotators.map((a) => a.name) });
    } catch (err) {
      set({ error: message(err) });
    }
  },

  closeSheets() {
    set({ importPaths: null, exportOpen: false, error: null });
  },

  setDragging(dragging) {
    if (get().dragging !== dragging) set({ dragging });
  },

  async startImport(request) {
    try {
      const job = await call('startImport', request);
      set((s) => ({ jobs: upsert(s.jobs, job), importPaths: null, error: null }));
    } catch (err) {
      set({ error: message(err) });
    }
  },

  async startExport(request) {
    try {
      const job = await call('startExport', request);
      set((s) => ({ jobs: upsert(s.jobs, job), exportOpen: false, error: null }));
    } catch (err) {
      set({ error: message(err) });
    }
  },

  async cancel(id) {
    try {
      const job = await call('cancelJob', { id });
      set((s) => ({ jobs: upsert(s.jobs, job) }));
    } catch (err) {
      set({ error: message(err) });
    }
  },

  dismiss(id) {
    set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
  },
}));

/** True while a job of this kind is waiting or running. */
export function isActive(job: JobState): boolean {
  return job.phase === 'waiting' || job.phase === 'running';
}
