import type { StateCreator } from 'zustand';
import type { ArticlesSlice } from './articles';
import type { EditorSlice } from './editor';
import type { HistorySlice } from './history';
import type { JobsSlice } from './jobs';
import type { SaveSlice } from './save';
import type { SessionSlice } from './session';
import type { UiSlice } from './ui';

export type Store = SessionSlice & ArticlesSlice & EditorSlice & HistorySlice & SaveSlice & UiSlice & JobsSlice;
export type Slice<T> = StateCreator<Store, [], [], T>;
