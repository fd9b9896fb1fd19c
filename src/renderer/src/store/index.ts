// One zustand store built from a slice per concern (zustand's slices pattern).
import { create } from 'zustand';
import { createArticlesSlice } from './articles';
import { createEditorSlice } from './editor';
import { createHistorySlice } from './history';
import { createJobsSlice } from './jobs';
import { createSaveSlice } from './save';
import { createSessionSlice } from './session';
import type { Store } from './types';
import { createUiSlice } from './ui';

export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
  ...createArticlesSlice(...a),
  ...createEditorSlice(...a),
  ...createHistorySlice(...a),
  ...createSaveSlice(...a),
  ...createUiSlice(...a),
  ...createJobsSlice(...a),
}));

export type { Store };
