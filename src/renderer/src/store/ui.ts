import type { Slice } from './types';

export type Overlay =
  'none' | 'settings' | 'shortcuts' | 'find' | 'agreement' | 'backups' | 'flag' | 'occurrences' | 'search';

export interface UiSlice {
  sidePanelOpen: boolean;
  overlay: Overlay;
  /** A transient message in the status bar (e.g. "Article marked done"). */
  notice: string | null;
  /** Bumped by every Ctrl+F so that an open find bar takes the focus again. */
  findRequest: number;
  openFind(): void;
  toggleSidePanel(): void;
  setOverlay(overlay: Overlay): void;
  notify(message: string | null): void;
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

export const createUiSlice: Slice<UiSlice> = (set) => ({
  sidePanelOpen: true,
  overlay: 'none',
  notice: null,
  findRequest: 0,
  openFind: () => set((s) => ({ overlay: 'find', findRequest: s.findRequest + 1 })),
  toggleSidePanel: () => set((s) => ({ sidePanelOpen: !s.sidePanelOpen })),
  setOverlay: (overlay) => set({ overlay }),
  notify: (notice) => {
    clearTimeout(noticeTimer);
    set({ notice });
    if (notice) noticeTimer = setTimeout(() => set({ notice: null }), 4000);
  },
});
