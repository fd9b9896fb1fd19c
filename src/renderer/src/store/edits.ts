// Span edits: a label key makes or relabels a span, Delete removes it, nudging moves a boundary.
// Each edit is applied to the screen at once (painted in the same frame), recorded for undo and
// written through the save queue; a write that fails leaves no trace in the undo history and
// the article's spans are re-read from the project file.
import type { Label, Span } from '../../../shared/model';
import { nextWordBoundary, prevWordBoundary, snapToWords, stepChar, trimRange } from '../../../shared/text';
import { ApiError, call } from '../api';
import { markStart } from '../lib/perf';
import { insertSorted, randomId } from '../lib/spanOrder';
import { editArticle, editRange, type Edit, type SpanFields } from './history';
import { selectImporting, selectWritingJob, writingNoun } from './jobs';
import { caretAt, selectSelectedSpan } from './selection';
import type { Slice } from './types';

export interface EditsSlice {
  /**
   * Label hotkey: new span from the selection, or relabel the selected span. `precise` (Alt held)
   * takes the selection as it is, without snapping to words, for this span only.
   */
  applyLabel(labelId: number, options?: { precise?: boolean }): void;
  deleteSelectedSpan(): void;
  nudgeSelectedSpan(edge: 'start' | 'end', dir: 1 | -1): void;
  /**
   * Applies `edit` (an undo or redo of the history entry `entry`), opening its article first,
   * then shows where: the caret at the change, the change flashed and named in the status bar.
   */
  replay(edit: Edit, entry: Edit, verb: 'Undid' | 'Redid'): Promise<void>;
  /** The text an undo or redo just changed, flashed once (`seq` tells one flash from the next). */
  flash: { start: number; end: number; seq: number } | null;
  /**
   * True (and says so in the status bar) while an import holds the project's write lock: the
   * editor then takes no edits, rather than holding them in memory or failing them later.
   */
  editingLocked(): boolean;
}

/** The backend call that stores an edit; `first` is false for an undone delete's restore. */
function store(edit: Edit, first: boolean): Promise<unknown> {
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
}

let flashes = 0;

/** The text an undo or redo changed, to flash once. */
export function flashOf(range: { start: number; end: number }): { start: number; end: number; seq: number } {
  return { start: range.start, end: range.end, seq: ++flashes };
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An edit in words, for the status bar: "SANCTION 'sanctions'", "deleting ACTOR 'Kim'", … */
export function describeEdit(edit: Edit, text: string, labels: readonly Label[]): string {
  const name = (id: number) => labels.find((l) => l.id === id)?.name ?? 'a span';
  const quote = (r: { start: number; end: number }) => `'${clip(text.slice(r.start, r.end), 40)}'`;
  switch (edit.kind) {
    case 'create':
      return `${name(edit.span.labelId)} ${quote(edit.span)}`;
    case 'delete':
      return `deleting ${name(edit.span.labelId)} ${quote(edit.span)}`;
    case 'update':
      if (
        edit.before.labelId !== edit.after.labelId &&
        edit.before.start === edit.after.start &&
        edit.before.end === edit.after.end
      )
        return `relabeling ${quote(edit.after)} ${name(edit.before.labelId)} → ${name(edit.after.labelId)}`;
      return `resizing ${name(edit.after.labelId)} ${quote(edit.before)} → ${quote(edit.after)}`;
  }
}

export const createEditsSlice: Slice<EditsSlice> = (set, get) => {
  /** Local state after an edit: spans, list row, status. Returns whether the status moved on. */
  const applyLocal = (edit: Edit): boolean => {
    const { spans, article } = get();
    if (!article || editArticle(edit) !== article.id) return false;
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
    const range = editRange(edit);
    const id = edit.kind === 'delete' ? null : edit.kind === 'create' ? edit.span.id : edit.id;
    set({
      spans: next,
      editCount: get().editCount + 1,
      article: status === article.status ? article : { ...article, status },
      selectedSpanId: id,
      // A span being resized stays selected for the next nudge; anything else returns the keys to the text.
      spanPicked: id !== null && get().spanPicked && get().selectedSpanId === id,
      // The caret stays at the edited span: after its end (labeling moves on through the text),
      // or where a deleted span started.
      selection: caretAt(edit.kind === 'delete' ? range.start : range.end),
      // Any edit means the person has gone on: an earlier offer fades in the same update.
      occurrenceOffer: null,
    });
    get().patchListItem(article.id, { spanCount: next.length, status });
    return status !== article.status;
  };

  /**
   * Writes an edit through the save queue. Once it has landed, progress is read again when the
   * edit moved the article on (reading it before would count the old status); when it fails,
   * its history entry goes (a failed edit leaves nothing to undo) and the spans are re-read.
   */
  const write = (edit: Edit, first: boolean, entry: Edit, statusMoved: boolean) => {
    get()
      .enqueueWrite(() => store(edit, first))
      .then(
        () => (statusMoved ? get().refreshProgress() : undefined),
        (err: unknown) => {
          get().forget(entry);
          // After another project was opened the window reloads everything anyway (boot); any
          // other failure leaves the screen showing what the file holds.
          if (err instanceof ApiError && err.code === 'CONFLICT') return;
          return get().resyncSpans();
        },
      )
      .catch(() => undefined); // a progress read that failed: the next edit reads it again
  };

  const commit = (edit: Edit) => {
    if (get().editingLocked()) return;
    markStart('edit');
    const moved = applyLocal(edit);
    get().record(edit);
    write(edit, true, edit, moved);
    offerAfter(edit);
  };

  /**
   * A span just labelled (made, or given another label) is offered for its text's other places;
   * any other edit means the person has gone on, and an earlier offer fades.
   */
  const offerAfter = (edit: Edit) => {
    const relabelled =
      edit.kind === 'update' &&
      edit.before.labelId !== edit.after.labelId &&
      edit.before.start === edit.after.start &&
      edit.before.end === edit.after.end;
    const span =
      edit.kind === 'create' ? edit.span : relabelled ? get().spans.find((s) => s.id === edit.id) : undefined;
    if (span) get().offerOccurrences(span);
    else get().dismissOccurrenceOffer();
  };

  const update = (span: Span, after: Partial<SpanFields>) => {
    const before: SpanFields = { labelId: span.labelId, start: span.start, end: span.end };
    const next: SpanFields = { ...before, ...after };
    if (next.labelId === before.labelId && next.start === before.start && next.end === before.end) return;
    commit({ kind: 'update', id: span.id, articleId: span.articleId, before, after: next });
  };

  return {
    applyLabel: (labelId, options) => {
      const { article, selection, snap, spans, session } = get();
      if (!article || !session?.annotator) return;
      const span = selectSelectedSpan(get());
      if (span && (!selection || selection.anchor === selection.focus)) {
        update(span, { labelId });
        return;
      }
      if (!selection || selection.anchor === selection.focus) {
        get().notify('Select some text first, then press a label key');
        return;
      }
      const range = (snap && !options?.precise ? snapToWords : trimRange)(article.text, {
        start: selection.anchor,
        end: selection.focus,
      });
      if (range.end <= range.start) {
        get().notify('The selection holds only white space');
        return;
      }
      const same = spans.find((s) => s.start === range.start && s.end === range.end && s.labelId === labelId);
      if (same) {
        set({ selectedSpanId: same.id, spanPicked: false, selection: caretAt(same.end) });
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
      const span = selectSelectedSpan(get());
      if (span) commit({ kind: 'delete', span });
    },
    nudgeSelectedSpan: (edge, dir) => {
      const span = selectSelectedSpan(get());
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
    editingLocked: () => {
      if (!selectImporting(get())) return false;
      get().notify(
        `${writingNoun(selectWritingJob(get()))} is writing to the project: editing resumes when it finishes`,
      );
      return true;
    },
    flash: null,
    replay: async (edit, entry, verb) => {
      get().dismissOccurrenceOffer();
      if (get().article?.id !== editArticle(edit)) await get().openArticle(editArticle(edit));
      const moved = applyLocal(edit);
      write(edit, false, entry, moved);
      const article = get().article;
      if (!article || article.id !== editArticle(edit)) return;
      set({ flash: flashOf(editRange(edit)) });
      get().notify(`${verb} ${describeEdit(entry, article.text, get().labels)} in ${clip(article.title, 48)}`);
    },
  };
};
