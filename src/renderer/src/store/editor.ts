// The open article, its spans (this annotator's layer), the text selection and the selected
// span. Edits apply optimistically (painted in the same frame), then go through the write
// queue; a failed write reloads the spans from the project file.
import type { Article, Span } from '../../../shared/model';
import { nextWordBoundary, prevWordBoundary, snapToWords, stepChar, trimRange } from '../../../shared/text';
import { call } from '../api';
import { spansAt } from '../lib/marks';
import { markStart } from '../lib/perf';
import { editArticle, type Edit, type SpanFields } from './history';
import { selectImporting } from './jobs';
import { writesSettled } from './save';
import type { Slice } from './types';

export interface TextSelection {
  anchor: number;
  focus: number;
}

export interface EditorSlice {
  article: Article | null;
  spans: Span[];
  selection: TextSelection | null;
  selectedSpanId: string | null;
  snap: boolean;
  articleError: string | null;
  resetEditor(): void;
  openArticle(id: number): Promise<void>;
  /** Re-reads the open article and its spans (after an import), keeping the selection. */
  reloadArticle(): Promise<void>;
  setSelection(selection: TextSelection | null): void;
  /** Arrow-key movement: collapse to a caret, or extend the selection's focus. */
  moveCaret(dir: 1 | -1, unit: 'char' | 'word', extend: boolean): void;
  /** Places the caret at an offset; a click inside spans selects the innermost, again cycles outwards. */
  clickAt(offset: number): void;
  selectSpan(id: string | null): void;
  selectAdjacentSpan(dir: 1 | -1): void;
  /** Label hotkey: new span from the selection, or relabel the selected span. */
  applyLabel(labelId: number): void;
  deleteSelectedSpan(): void;
  nudgeSelectedSpan(edge: 'start' | 'end', dir: 1 | -1): void;
  toggleSnap(): void;
  markDoneAndNext(): Promise<void>;
  goArticle(dir: 1 | -1): Promise<void>;
  /** Applies an edit (from undo/redo), opening its article first when needed. */
  replay(edit: Edit): Promise<void>;
  /**
   * True (and says so in the status bar) while an import holds the project's write lock: the
   * editor then takes no edits, rather than holding them in memory or failing them later.
   */
  editingLocked(): boolean;
}

function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1);
}

export function sortSpans(spans: Span[]): Span[] {
  return spans.sort(compareSpans);
}

/** A copy of sorted `spans` with `span` inserted in order: O(n), no re-sort on every edit. */
export function insertSorted(spans: readonly Span[], span: Span): Span[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSpans(spans[mid]!, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return [...spans.slice(0, lo), span, ...spans.slice(lo)];
}

/** A v4 UUID. crypto.randomUUID needs a secure context; getRandomValues works everywhere. */
export function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const createEditorSlice: Slice<EditorSlice> = (set, get) => {
  /** Local state after an edit: spans, list row, status. */
  const applyLocal = (edit: Edit) => {
    const { spans, article } = get();
    if (!article || editArticle(edit) !== article.id) return;
    let next: Span[];
    switch (edit.kind) {
      case 'create':
        next = insertSorted(
          spans.filter((s) => s.id !== edit.span.id),
          edit.span,
        );
        break;
      case 'delete':
        next = spans.filter((s) => s.id !== edit.span.id);
        break;
      case 'update': {
        const current = spans.find((s) => s.id === edit.id);
        next = current
          ? insertSorted(
              spans.filter((s) => s.id !== edit.id),
              { ...current, ...edit.after },
            )
          : spans;
        break;
      }
    }
    const status = article.status === 'todo' ? 'in_progress' : article.status;
    set({
      spans: next,
      article: status === article.status ? article : { ...article, status },
      selectedSpanId: edit.kind === 'delete' ? null : edit.kind === 'create' ? edit.span.id : edit.id,
      // The caret continues after a new span, so labeling moves through the text.
      selection: edit.kind === 'create' ? { anchor: edit.span.end, focus: edit.span.end } : null,
    });
    get().patchListItem(article.id, { spanCount: next.length, status });
    if (status !== article.status) void get().refreshProgress();
  };

  const write = (edit: Edit, first: boolean) => {
    const run = (): Promise<unknown> => {
      switch (edit.kind) {
        case 'create':
          return first
            ? call('createSpan', {
                id: edit.span.id,
                articleId: edit.span.articleId,
                labelId: edit.span.labelId,
                start: edit.span.start,
                end: edit.span.end,
              })
            : call('restoreSpan', { id: edit.span.id });
        case 'delete':
          return call('deleteSpan', { id: edit.span.id });
        case 'update':
          return call('updateSpan', { id: edit.id, ...edit.after });
      }
    };
    get()
      .enqueueWrite(run)
      .catch(async () => {
        // The project file is the truth: resync the open article from it (unless another
        // project has been opened meanwhile: boot() then reloads everything).
        const article = get().article;
        if (!article) return;
        try {
          const spans = await call('listSpans', { articleId: article.id });
          if (get().article === article || get().article?.id === article.id) set({ spans: sortSpans(spans) });
        } catch {
          // The status bar already shows the failed write.
        }
      });
  };

  /** Counts local edits, so that a reload that raced one can tell and read again. */
  let edits = 0;

  const commit = (edit: Edit) => {
    if (get().editingLocked()) return;
    edits++;
    markStart('edit');
    applyLocal(edit);
    get().record(edit);
    write(edit, true);
  };

  const selectedSpan = (): Span | undefined => {
    const { spans, selectedSpanId } = get();
    return selectedSpanId ? spans.find((s) => s.id === selectedSpanId) : undefined;
  };

  const update = (span: Span, after: Partial<SpanFields>) => {
    const before: SpanFields = { labelId: span.labelId, start: span.start, end: span.end };
    const next: SpanFields = { ...before, ...after };
    if (next.labelId === before.labelId && next.start === before.start && next.end === before.end) return;
    commit({ kind: 'update', id: span.id, articleId: span.articleId, before, after: next });
  };

  let lastClick: { offset: number; index: number } | null = null;

  return {
    article: null,
    spans: [],
    selection: null,
    selectedSpanId: null,
    snap: true,
    articleError: null,
    resetEditor: () => set({ article: null, spans: [], selection: null, selectedSpanId: null, articleError: null }),
    openArticle: async (id) => {
      markStart('open');
      // Read what is stored only after this window's own writes have landed.
      await writesSettled();
      try {
        const [article, spans] = await Promise.all([call('getArticle', { id }), call('listSpans', { articleId: id })]);
        // 'render': from the data in hand to the painted article (the transport aside).
        markStart('render');
        lastClick = null;
        set({
          article,
          spans: sortSpans(spans),
          selection: { anchor: 0, focus: 0 },
          selectedSpanId: null,
          articleError: null,
        });
      } catch (err) {
        set({ articleError: err instanceof Error ? err.message : String(err) });
      }
    },
    reloadArticle: async () => {
      const current = get().article;
      if (!current) return;
      const seen = edits;
      await writesSettled();
      const [article, spans] = await Promise.all([
        call('getArticle', { id: current.id }),
        call('listSpans', { articleId: current.id }),
      ]);
      if (get().article?.id !== current.id) return;
      // An edit made while this read was under way is not in it: read again.
      if (edits !== seen) return get().reloadArticle();
      const selectedSpanId = spans.some((s) => s.id === get().selectedSpanId) ? get().selectedSpanId : null;
      set({ article, spans: sortSpans(spans), selectedSpanId });
    },
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
    applyLabel: (labelId) => {
      const { article, selection, snap, spans, session } = get();
      if (!article || !session?.annotator) return;
      const span = selectedSpan();
      if (span && (!selection || selection.anchor === selection.focus)) {
        update(span, { labelId });
        return;
      }
      if (!selection || selection.anchor === selection.focus) {
        get().notify('Select some text first, then press a label key');
        return;
      }
      const range = (snap ? snapToWords : trimRange)(article.text, { start: selection.anchor, end: selection.focus });
      if (range.end <= range.start) {
        get().notify('The selection holds only white space');
        return;
      }
      const same = spans.find((s) => s.start === range.start && s.end === range.end && s.labelId === labelId);
      if (same) {
        set({ selectedSpanId: same.id, selection: null });
        get().notify('That span already exists');
        return;
      }
      const ts = new Date().toISOString();
      commit({
        kind: 'create',
        span: {
          id: randomId(),
          articleId: article.id,
          annotatorId: session.annotator.id,
          labelId,
          start: range.start,
          end: range.end,
          origin: 'manual',
          createdAt: ts,
          updatedAt: ts,
        },
      });
    },
    deleteSelectedSpan: () => {
      const span = selectedSpan();
      if (span) commit({ kind: 'delete', span });
    },
    nudgeSelectedSpan: (edge, dir) => {
      const span = selectedSpan();
      const { article, snap } = get();
      if (!span || !article) return;
      const text = article.text;
      const step = (i: number) =>
        snap ? (dir === 1 ? nextWordBoundary(text, i) : prevWordBoundary(text, i)) : stepChar(text, i, dir);
      let { start, end } = span;
      if (edge === 'start') start = step(start);
      else end = step(end);
      if (snap) ({ start, end } = snapToWords(text, { start, end }));
      if (end <= start) return get().notify('A span cannot be empty: delete it instead');
      update(span, { start, end });
    },
    toggleSnap: () => {
      const snap = !get().snap;
      set({ snap });
      get().notify(snap ? 'Spans snap to whole words' : 'Character precision: spans may start or end inside words');
    },
    markDoneAndNext: async () => {
      const article = get().article;
      if (!article || get().editingLocked()) return;
      const { progress } = await get().enqueueWrite(() => call('setStatus', { articleId: article.id, status: 'done' }));
      set({
        progress,
        article: get().article?.id === article.id ? { ...get().article!, status: 'done' } : get().article,
      });
      get().patchListItem(article.id, { status: 'done' });
      const next = await call('nextArticle', { afterId: article.id, undoneOnly: true });
      if (next) await get().openArticle(next.id);
      else get().notify('Every article is done');
    },
    goArticle: async (dir) => {
      const article = get().article;
      const next = await call('nextArticle', { afterId: article?.id ?? null, direction: dir });
      if (next) await get().openArticle(next.id);
    },
    editingLocked: () => {
      if (!selectImporting(get())) return false;
      get().notify('An import is writing to the project: editing resumes when it finishes');
      return true;
    },
    replay: async (edit) => {
      if (get().article?.id !== editArticle(edit)) await get().openArticle(editArticle(edit));
      applyLocal(edit);
      write(edit, false);
    },
  };
};
