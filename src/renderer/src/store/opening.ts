import type { OpeningState } from '../../../shared/opening';
import type { Slice } from './types';

export interface OpeningSlice {
  /** A project an older Spanwise wrote, being updated before it opens: how far it has come. */
  opening: OpeningState | null;
  /** What the backend told (an event, or the answer to getOpening). */
  receiveOpening(state: OpeningState | null): void;
}

export const createOpeningSlice: Slice<OpeningSlice> = (set, get) => ({
  opening: null,
  receiveOpening(state) {
    // A report that arrives after the project it was about has loaded is over.
    if (state && state.projectPath === get().session?.projectPath) return;
    set({ opening: state });
  },
});
