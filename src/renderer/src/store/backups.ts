// File → Restore backup…: the open project's backups and restoring one. After a restore the
// project is the backup's, so the window loads it again as after File → Open.
import type { BackupInfo } from '../../../shared/model';
import { call } from '../api';
import { writesSettled } from './save';
import type { Slice } from './types';

export interface BackupsSlice {
  /** The backups listed in the dialog, newest first (null: not read yet). */
  backups: BackupInfo[] | null;
  backupsError: string | null;
  /** The backup being restored (its path), while it is. */
  restoring: string | null;
  openBackups(): Promise<void>;
  restoreBackup(path: string): Promise<void>;
}

export const createBackupsSlice: Slice<BackupsSlice> = (set, get) => ({
  backups: null,
  backupsError: null,
  restoring: null,
  openBackups: async () => {
    set({ overlay: 'backups', backups: null, backupsError: null });
    try {
      set({ backups: await call('listBackups') });
    } catch (err) {
      set({ backupsError: err instanceof Error ? err.message : String(err) });
    }
  },
  restoreBackup: async (path) => {
    // The window's own edits land in the file first: they are then in the kept copy.
    await writesSettled();
    set({ restoring: path, backupsError: null });
    try {
      const { kept } = await call('restoreBackup', { path });
      const from = get().backups?.find((b) => b.path === path);
      set({ restoring: null, overlay: 'none' });
      await get().boot();
      get().notify(
        `Restored the backup of ${from ? new Date(from.time).toLocaleString() : path}` +
          (kept ? '; the replaced file is kept among the backups' : ''),
      );
    } catch (err) {
      set({ restoring: null, backupsError: err instanceof Error ? err.message : String(err) });
    }
  },
});
