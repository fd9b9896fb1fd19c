import type { StateCreator } from 'zustand';
import type { AgreementSlice } from './agreement';
import type { ArticlesSlice } from './articles';
import type { ArticleSlice } from './article';
import type { EditsSlice } from './edits';
import type { HistorySlice } from './history';
import type { JobsSlice } from './jobs';
import type { NavigationSlice } from './navigation';
import type { ReviewSlice } from './review';
import type { PacksSlice } from './packs';
import type { SaveSlice } from './save';
import type { SearchSlice } from './search';
import type { SelectionSlice } from './selection';
import type { SessionSlice } from './session';
import type { UiSlice } from './ui';
import type { BackupsSlice } from './backups';
import type { SpanBatchesSlice } from './spanBatches';
import type { OccurrencesSlice } from './occurrences';
import type { SuggestionsSlice } from './suggestions';
import type { OpeningSlice } from './opening';

export type Store = SessionSlice &
  OpeningSlice &
  ArticlesSlice &
  ArticleSlice &
  SelectionSlice &
  EditsSlice &
  NavigationSlice &
  HistorySlice &
  SaveSlice &
  UiSlice &
  JobsSlice &
  AgreementSlice &
  ReviewSlice &
  PacksSlice &
  BackupsSlice &
  SpanBatchesSlice &
  OccurrencesSlice &
  SearchSlice &
  SuggestionsSlice;
export type Slice<T> = StateCreator<Store, [], [], T>;
