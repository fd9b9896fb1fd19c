// Every edit is written the moment it is made, in order, through one queue. The status bar
// reads `saveState`; a failed write is loud and the editor reloads from the project file.
// While an import holds the project's write lock the editor takes no edits (editor.ts), so
// nothing waits here for long: nothing is held in memory that a closed window would lose.
import type { ErrorCode } from '../../../shared/result';
import { ApiError } from '../api';
import type { Slice } from './types';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  /** `code` is the backend's (BUSY: another writer holds the file; CONFLICT: another project opened…). */
  | { kind: 'error'; message: string; code: ErrorCode | 'UNREACHABLE' };

export interface SaveSlice {
  saveState: SaveState;
  pendingWrites: number;
  /** Runs writes one after another; resolves with the write's value, rejects on failure. */
  enqueueWrite<T>(write: () => Promise<T>): Promise<T>;
  clearSaveError(): void;
}

let tail: Promise<unknown> = Promise.resolve();

export const createSaveSlice: Slice<SaveSlice> = (set, get) => ({
  saveState: { kind: 'saved' },
  pendingWrites: 0,
  enqueueWrite: <T>(write: () => Promise<T>): Promise<T> => {
    set((s) => ({
      pendingWrites: s.pendingWrites + 1,
      saveState: s.saveState.kind === 'error' ? s.saveState : { kind: 'saving' },
    }));
    const run = tail.then(write);
    tail = run.catch(() => undefined);
    return run.then(
      (value) => {
        const pending = get().pendingWrites - 1;
        set((s) => ({
          pendingWrites: pending,
          saveState: s.saveState.kind === 'error' ? s.saveState : pending ? { kind: 'saving' } : { kind: 'saved' },
        }));
        return value;
      },
      (err: unknown) => {
        set((s) => ({
          pendingWrites: s.pendingWrites - 1,
          saveState: {
            kind: 'error',
            message: err instanceof Error ? err.message : String(err),
            code: err instanceof ApiError ? err.code : 'UNREACHABLE',
          },
        }));
        throw err;
      },
    );
  },
  clearSaveError: () => set((s) => ({ saveState: s.pendingWrites ? { kind: 'saving' } : { kind: 'saved' } })),
});

/** Resolves when every queued write has settled (used before switching projects and in tests). */
export function writesSettled(): Promise<unknown> {
  return tail;
}
