// Where the caret and the text selection are (offsets into the article, never DOM ranges), the
// selected span, and the snapping mode the selection keys act in.
//
// Two modes, so that selecting and resizing never share keys by surprise: the keys act on the
// text (Shift+arrows select from the caret) unless a span was selected on purpose (Tab, a
// click, Enter), when Shift+arrows resize it. A span just made (or edited) stays the one label
// keys relabel and Delete removes, but the keys keep acting on the text. The caret is kept
// through every edit, so the next movement starts at the edited span.
import { nextWordBoundary, prevWordBoundary, stepChar, type Range } from '../../../shared/text';
import { clauseAt, quotationAround, sentenceAt } from '../../../shared/textUnits';
import { spansAt } from '../lib/marks';
import type { Slice } from './types';

export interface TextSelection {
  anchor: number;
  focus: number;
}

export type TextUnit = 'quotation' | 'clause' | 'sentence';

export interface SelectionSlice {
  selection: TextSelection | null;
  selectedSpanId: string | null;
  /** The selected span was chosen on purpose (Tab, click, Enter): Shift+arrows resize it. */
  spanPicked: boolean;
  snap: boolean;
  setSelection(selection: TextSelection | null): void;
  /** Arrow-key movement: collapse to a caret, or extend the selection's focus. */
  moveCaret(dir: 1 | -1, unit: 'char' | 'word', extend: boolean): void;
  /** Moves the caret to an offset (Home, End, sentence and paragraph jumps), or extends to it. */
  moveTo(offset: number, extend: boolean): void;
  /** Selects the quotation, clause or sentence around the caret (or widens the selection to it). */
  selectUnit(unit: TextUnit): void;
  /** Enter: picks the span just made, else the innermost at the caret; again, the enclosing one. */
  pickSpan(): void;
  /** Places the caret at an offset; a click inside spans selects the innermost, again cycles outwards. */
  clickAt(offset: number): void;
  /** A new article: the next click starts from the innermost span again. */
  forgetClicks(): void;
  selectSpan(id: string | null): void;
  selectAdjacentSpan(dir: 1 | -1): void;
  toggleSnap(): void;
}

/** A caret at offset `at`. */
export const caretAt = (at: number): TextSelection => ({ anchor: at, focus: at });

export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => {
  let lastClick: { offset: number; index: number } | null = null;
  /** Where movement starts: a picked span acts as a selection of its text, else the caret. */
  const base = (): TextSelection => {
    const span = get().spanPicked ? selectSelectedSpan(get()) : undefined;
    if (span) return { anchor: span.start, focus: span.end };
    return get().selection ?? caretAt(0);
  };
  /** Selects a span on purpose, keeping the caret at its end for when the keys return to the text. */
  const pick = (id: string | null) => {
    const span = id ? get().spans.find((s) => s.id === id) : undefined;
    set({
      selectedSpanId: span ? span.id : null,
      spanPicked: Boolean(span),
      selection: span ? caretAt(span.end) : get().selection,
    });
  };
  return {
    selection: null,
    selectedSpanId: null,
    spanPicked: false,
    snap: true,
    setSelection: (selection) => set({ selection, selectedSpanId: null, spanPicked: false }),
    moveTo: (offset, extend) => {
      const sel = base();
      set({
        selection: { anchor: extend ? sel.anchor : offset, focus: offset },
        selectedSpanId: null,
        spanPicked: false,
      });
    },
    selectUnit: (unit) => {
      const { article } = get();
      if (!article) return;
      const text = article.text;
      const sel = base();
      const current: Range = { start: Math.min(sel.anchor, sel.focus), end: Math.max(sel.anchor, sel.focus) };
      let found: Range | null;
      if (unit === 'quotation') found = quotationAround(text, current);
      else {
        const at = unit === 'clause' ? clauseAt : sentenceAt;
        const first = at(text, current.start);
        const last = current.end > current.start ? at(text, current.end - 1) : first;
        found = first && last ? { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) } : null;
      }
      if (!found) return get().notify(`The caret is not inside a ${unit}`);
      const start = Math.min(found.start, current.start);
      const end = Math.max(found.end, current.end);
      set({ selection: { anchor: start, focus: end }, selectedSpanId: null, spanPicked: false });
    },
    pickSpan: () => {
      const { selectedSpanId, spanPicked, spans, selection } = get();
      if (selectedSpanId && !spanPicked) return pick(selectedSpanId);
      const at = selection?.focus ?? 0;
      // Spans around the caret, innermost first; a caret just after a span's end counts.
      const around = spansAt(spans, at);
      for (const s of spansAt(spans, at - 1)) if (!around.includes(s) && s.end === at) around.push(s);
      around.sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
      if (around.length === 0) return get().notify('No span at the caret: Tab selects the next one');
      const index = around.findIndex((s) => s.id === selectedSpanId);
      pick(around[(index + 1) % around.length]!.id);
    },
    moveCaret: (dir, unit, extend) => {
      const { article } = get();
      if (!article) return;
      const text = article.text;
      const sel = base();
      let focus: number;
      if (!extend && sel.anchor !== sel.focus && unit === 'char') {
        // Collapsing a selection goes to its edge, as in text editors.
        focus = dir === 1 ? Math.max(sel.anchor, sel.focus) : Math.min(sel.anchor, sel.focus);
      } else if (unit === 'word') {
        focus = dir === 1 ? nextWordBoundary(text, sel.focus) : prevWordBoundary(text, sel.focus);
      } else {
        focus = stepChar(text, sel.focus, dir);
      }
      set({ selection: { anchor: extend ? sel.anchor : focus, focus }, selectedSpanId: null, spanPicked: false });
    },
    clickAt: (offset) => {
      const under = spansAt(get().spans, offset);
      if (under.length === 0) {
        lastClick = null;
        set({ selection: caretAt(offset), selectedSpanId: null, spanPicked: false });
        return;
      }
      const index = lastClick && lastClick.offset === offset ? (lastClick.index + 1) % under.length : 0;
      lastClick = { offset, index };
      pick(under[index]!.id);
    },
    forgetClicks: () => {
      lastClick = null;
    },
    selectSpan: (id) => {
      lastClick = null;
      pick(id);
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
      pick(spans[index]!.id);
    },
    toggleSnap: () => {
      const snap = !get().snap;
      set({ snap });
      get().notify(snap ? 'Spans snap to whole words' : 'Character precision: spans may start or end inside words');
    },
  };
};

/** Whether the keys act on the text or on a span selected on purpose. */
export const selectKeyMode = (s: { selectedSpanId: string | null; spanPicked: boolean }): 'text' | 'span' =>
  s.selectedSpanId && s.spanPicked ? 'span' : 'text';

let lastFound: { spans: readonly unknown[]; id: string; span: unknown } | null = null;

/**
 * The selected span, if any: a linear scan, remembered for the same spans and id, since every
 * store update runs the selectors that ask (20,000 spans on a big article).
 */
export const selectSelectedSpan = <T extends { id: string }>(s: {
  selectedSpanId: string | null;
  spans: T[];
}): T | undefined => {
  const id = s.selectedSpanId;
  if (!id) return undefined;
  if (lastFound && lastFound.spans === s.spans && lastFound.id === id) return lastFound.span as T | undefined;
  const span = s.spans.find((x) => x.id === id);
  lastFound = { spans: s.spans, id, span };
  return span;
};
