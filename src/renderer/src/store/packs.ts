// Work packs in the renderer: which packs sheet is open (the work packs panel, assign, inbox),
// the project's inbox folder, and the actions that start pack jobs. Their progress and summaries
// are jobs like any other (store/jobs.ts, components/jobs).
import type { Input } from '../../../shared/contract';
import type { JobState } from '../../../shared/jobs';
import { call } from '../api';
import { upsert } from './jobs';
import type { Slice } from './types';

export type PacksSheet = 'none' | 'panel' | 'assign' | 'inbox';
export type AssignRequest = Input<'startAssign'>;

export interface PacksSlice {
  packsSheet: PacksSheet;
  /** The folder watched for work packs (null: none). */
  inboxFolder: string | null;
  /** A folder chosen in main's dialog (File → Inbox Folder…), waiting to be confirmed. */
  inboxDraft: string | null;
  packsError: string | null;

  openPacksSheet(sheet: PacksSheet, draft?: string): void;
  closePacksSheet(): void;
  dismissPacksError(): void;
  loadInbox(): Promise<void>;
  /** Resolves true when the folder was set (the sheet then closes). */
  setInboxFolder(folder: string | null): Promise<boolean>;
  startAssign(request: AssignRequest): Promise<void>;
  exportMyWork(): Promise<void>;
  /** Dropped or chosen packs: an assignment pack opens its project, work packs are merged. */
  openPackFiles(paths: string[]): Promise<void>;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const createPacksSlice: Slice<PacksSlice> = (set, get) => {
  const started = (jobs: JobState[]) => set((s) => ({ jobs: jobs.reduce(upsert, s.jobs), packsError: null }));
  return {
    packsSheet: 'none',
    inboxFolder: null,
    inboxDraft: null,
    packsError: null,

    openPacksSheet(sheet, draft) {
      if (get().overlay === 'settings') get().setOverlay('none');
      set({ packsSheet: sheet, packsError: null, ...(draft !== undefined ? { inboxDraft: draft } : {}) });
      if (sheet === 'panel' || sheet === 'inbox') void get().loadInbox();
    },

    closePacksSheet() {
      set({ packsSheet: 'none', inboxDraft: null, packsError: null });
    },

    dismissPacksError() {
      set({ packsError: null });
    },

    async loadInbox() {
      try {
        const { folder } = await call('getInbox');
        set({ inboxFolder: folder });
      } catch (err) {
        set({ packsError: message(err) });
      }
    },

    async setInboxFolder(folder) {
      try {
        const saved = await call('setInbox', { folder });
        set({ inboxFolder: saved.folder, inboxDraft: null, packsError: null });
        get().notify(saved.folder ? `Watching ${saved.folder} for work packs` : 'No inbox folder');
        return true;
      } catch (err) {
        set({ packsError: message(err) });
        return false;
      }
    },

    async startAssign(request) {
      try {
        started([await call('startAssign', request)]);
        set({ packsSheet: 'none' });
      } catch (err) {
        set({ packsError: message(err) });
      }
    },

    async exportMyWork() {
      try {
        started([await call('startWorkPack', {})]);
      } catch (err) {
        set({ packsError: message(err) });
      }
    },

    async openPackFiles(paths) {
      try {
        started(await call('openPacks', { paths }));
        set({ packsSheet: 'none' });
      } catch (err) {
        set({ packsError: message(err) });
      }
    },
  };
};
