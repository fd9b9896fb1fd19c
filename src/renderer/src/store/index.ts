// One zustand store built from a slice per concern (zustand's slices pattern).
import { create } from 'zustand';
import { createAgreementSlice } from './agreement';
import { createArticlesSlice } from './articles';
import { createArticleSlice } from './article';
import { createEditsSlice } from './edits';
import { createHistorySlice } from './history';
import { createJobsSlice } from './jobs';
import { createNavigationSlice } from './navigation';
import { createReviewSlice } from './review';
import { createPacksSlice } from './packs';
import { createSaveSlice } from './save';
import { createSearchSlice } from './search';
import { createSelectionSlice } from './selection';
import { createSessionSlice } from './session';
import type { Store } from './types';
import { createUiSlice } from './ui';
import { createBackupsSlice } from './backups';
import { createSpanBatchesSlice } from './spanBatches';
import { createOccurrencesSlice } from './occurrences';
import { createSuggestionsSlice } from './suggestions';
import { createOpeningSlice } from './opening';

export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
  ...createOpeningSlice(...a),
  ...createArticlesSlice(...a),
  ...createArticleSlice(...a),
  ...createSelectionSlice(...a),
  ...createEditsSlice(...a),
  ...createNavigationSlice(...a),
  ...createHistorySlice(...a),
  ...createSaveSlice(...a),
  ...createUiSlice(...a),
  ...createJobsSlice(...a),
  ...createAgreementSlice(...a),
  ...createReviewSlice(...a),
  ...createPacksSlice(...a),
  ...createBackupsSlice(...a),
  ...createSpanBatchesSlice(...a),
  ...createOccurrencesSlice(...a),
  ...createSearchSlice(...a),
  ...createSuggestionsSlice(...a),
}));

export type { Store };
