// Undo/redo of every span edit, across article switches: each entry names its article, and
// undoing an edit on another article opens that article first. A bulk write (every occurrence
// of a text, accepted suggestions) is one entry naming its span batch (spanBatches.ts); a
// dismissal of suggestions is one entry too (suggestions.ts).
import type { Span } from '../../../shared/model';
import { markStart } from '../lib/perf';
import type { Slice } from './types';

export interface SpanFields {
  labelId: number;
  start: number;
  end: number;
}

export type Edit =
  | { kind: 'create'; span: Span }
  | { kind: 'delete'; span: Span }
  | { kind: 'update'; id: string; articleId: number; before: SpanFields; after: SpanFields };

/** Spans written at once by the backend; one undo tombstones them all (undoSpanBatch). */
export interface BatchEntry {
  kind: 'batch';
  batch: number;
  /** What the status bar calls it: "labelled 12 occurrences of 'Kim Jong Un' as ACTOR". */
  what: string;
  /** The spans as written, in the order the backend wrote them. */
  spans: Span[];
}

/** Suggestions dismissed at once (one, or all of an article's); one undo offers them again. */
export interface DismissalEntry {
  kind: 'dismissal';
  articleId: number;
  /** The ids the backend dismissed. */
  ids: string[];
  /** What the status bar calls it: "dismissed 12 suggestions". */
  what: string;
}

export type HistoryEntry = Edit | BatchEntry | DismissalEntry;

export interface HistorySlice {
  undoStack: HistoryEntry[];
  redoStack: HistoryEntry[];
  /** Records an edit that has just been applied. */
  record(entry: HistoryEntry): void;
  /** Drops a history entry whose write failed: it never happened, so there is nothing to undo. */
  forget(entry: HistoryEntry): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clearHistory(): void;
}

const LIMIT = 500;

export function inverse(edit: Edit): Edit {
  switch (edit.kind) {
    case 'create':
      return { kind: 'delete', span: edit.span };
    case 'delete':
      return { kind: 'create', span: edit.span };
    case 'update':
      return { ...edit, before: edit.after, after: edit.before };
  }
}

export function editArticle(edit: Edit): number {
  return edit.kind === 'update' ? edit.articleId : edit.span.articleId;
}

/** The text range the edit leaves its span at (where a deleted span was). */
export function editRange(edit: Edit): { start: number; end: number } {
  return edit.kind === 'update' ? { start: edit.after.start, end: edit.after.end } : edit.span;
}

export const createHistorySlice: Slice<HistorySlice> = (set, get) => ({
  undoStack: [],
  redoStack: [],
  record: (edit) => set((s) => ({ undoStack: [...s.undoStack.slice(-LIMIT + 1), edit], redoStack: [] })),
  forget: (edit) =>
    set((s) => ({
      undoStack: s.undoStack.filter((e) => e !== edit),
      redoStack: s.redoStack.filter((e) => e !== edit),
    })),
  undo: async () => {
    if (get().editingLocked()) return;
    const edit = get().undoStack.at(-1);
    if (!edit) return get().notify('Nothing to undo');
    // 'undo': from the key to the change painted and flashed, an article switch included.
    markStart('undo');
    set((s) => ({ undoStack: s.undoStack.slice(0, -1), redoStack: [...s.redoStack, edit] }));
    if (edit.kind === 'batch') await get().replayBatch(edit, 'Undid');
    else if (edit.kind === 'dismissal') await get().replayDismissal(edit, 'Undid');
    else await get().replay(inverse(edit), edit, 'Undid');
  },
  redo: async () => {
    if (get().editingLocked()) return;
    const edit = get().redoStack.at(-1);
    if (!edit) return get().notify('Nothing to redo');
    markStart('undo');
    set((s) => ({ redoStack: s.redoStack.slice(0, -1), undoStack: [...s.undoStack, edit] }));
    if (edit.kind === 'batch') await get().replayBatch(edit, 'Redid');
    else if (edit.kind === 'dismissal') await get().replayDismissal(edit, 'Redid');
    else await get().replay(edit, edit, 'Redid');
  },
  clearHistory: () => set({ undoStack: [], redoStack: [] }),
});
