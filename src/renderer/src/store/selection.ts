// Where the caret and the text selection are (offsets into the article, never DOM ranges), the
// selected span, and the snapping mode the selection keys act in.
import { nextWordBoundary, prevWordBoundary, stepChar } from '../../../shared/text';
import { spansAt } from '../lib/marks';
import type { Slice } from './types';

export interface TextSelection {
  anchor: number;
  focus: number;
}

export interface SelectionSlice {
  selection: TextSelection | null;
  selectedSpanId: string | null;
  snap: boolean;
  setSelection(selection: TextSelection | null): void;
  /** Arrow-key movement: collapse to a caret, or extend the selection's focus. */
  moveCaret(dir: 1 | -1, unit: 'char' | 'word', extend: boolean): void;
  /** Places the caret at an offset; a click inside spans selects the innermost, again cycles outwards. */
  clickAt(offset: number): void;
  /** A new article: the next click starts from the innermost span again. */
  forgetClicks(): void;
  selectSpan(id: string | null): void;
  selectAdjacentSpan(dir: 1 | -1): void;
  toggleSnap(): void;
}

export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => {
  let lastClick: { offset: number; index: number } | null = null;
  return {
    selection: null,
    selectedSpanId: null,
    snap: true,
    setSelection: (selection) => set({ selection, selectedSpanId: null }),
    moveCaret: (dir, unit, extend) => {
      const { article, selection } = get();
      if (!article) return;
      const text = article.text;
      const sel = selection ?? { anchor: 0, focus: 0 };
      let focus: number;
      if (!extend && sel.anchor !== sel.focus && unit === 'char') {
        // Collapsing a selection goes to its edge, as in text editors.
        focus = dir === 1 ? Math.max(sel.anchor, sel.focus) : Math.min(sel.anchor, sel.focus);
      } else if (unit === 'word') {
        focus = dir === 1 ? nextWordBoundary(text, sel.focus) : prevWordBoundary(text, sel.focus);
      } else {
        focus = stepChar(text, sel.focus, dir);
      }
      set({ selection: { anchor: extend ? sel.anchor : focus, focus }, selectedSpanId: null });
    },
    clickAt: (offset) => {
      const under = spansAt(get().spans, offset);
      if (under.length === 0) {
        lastClick = null;
        set({ selection: { anchor: offset, focus: offset }, selectedSpanId: null });
        return;
      }
      const index = lastClick && lastClick.offset === offset ? (lastClick.index + 1) % under.length : 0;
      lastClick = { offset, index };
      set({ selectedSpanId: under[index]!.id, selection: null });
    },
    forgetClicks: () => {
      lastClick = null;
    },
    selectSpan: (id) => {
      lastClick = null;
      set({ selectedSpanId: id, selection: id ? null : get().selection });
    },
    selectAdjacentSpan: (dir) => {
      const { spans, selectedSpanId, selection } = get();
      if (spans.length === 0) return;
      const current = spans.findIndex((s) => s.id === selectedSpanId);
      let index: number;
      if (current >= 0) index = (current + dir + spans.length) % spans.length;
      else {
        const caret = selection?.focus ?? 0;
        const after = spans.findIndex((s) => s.start >= caret);
        index = dir === 1 ? (after < 0 ? 0 : after) : (after <= 0 ? spans.length : after) - 1;
      }
      set({ selectedSpanId: spans[index]!.id, selection: null });
    },
    toggleSnap: () => {
      const snap = !get().snap;
      set({ snap });
      get().notify(snap ? 'Spans snap to whole words' : 'Character precision: spans may start or end inside words');
    },
  };
};

/** The selected span, if any (a linear scan: spans are per article). */
export const selectSelectedSpan = <T extends { id: string }>(s: { selectedSpanId: string | null; spans: T[] }) =>
  s.selectedSpanId ? s.spans.find((span) => span.id === s.selectedSpanId) : undefined;
