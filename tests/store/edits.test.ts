// The store's edits against a real project file: what the screen shows is what is stored,
// progress follows the write, history holds only edits that happened, the queue keeps order.
import { describe, expect, it } from 'vitest';
import { storeOnProject } from './harness';

async function booted(annotator?: string) {
  const h = await storeOnProject(annotator ? { annotator } : {});
  await h.store.getState().boot();
  const s = h.store.getState();
  expect(s.article).not.toBeNull();
  return h;
}

/** Stored live spans of the open article, read from the project file. */
function stored(h: Awaited<ReturnType<typeof booted>>) {
  const project = h.workspace.project!;
  return project.db
    .prepare(
      `SELECT id, label_id AS labelId, start_offset AS start, end_offset AS "end" FROM spans
        WHERE article_id = ? AND deleted = 0 ORDER BY start_offset, end_offset`,
    )
    .all(h.store.getState().article!.id) as { id: string; labelId: number; start: number; end: number }[];
}

function labelId(h: Awaited<ReturnType<typeof booted>>, name: string): number {
  return h.store.getState().labels.find((l) => l.name === name)!.id;
}

describe('the editor store on a real project', () => {
  it('the first edit of a todo article moves "in progress" on in the progress it shows', async () => {
    const h = await booted();
    const s = h.store.getState();
    expect(s.article!.status).toBe('todo');
    expect(s.progress).toMatchObject({ inProgress: 0, todo: 5 });
    s.setSelection({ anchor: 0, focus: 3 });
    h.store.getState().applyLabel(labelId(h, 'ACTOR'));
    await h.settle();
    expect(h.store.getState().progress).toMatchObject({ inProgress: 1, todo: 4 });
    expect(h.store.getState().article!.status).toBe('in_progress');
  });

  it('a write that fails leaves nothing to undo, says so, and shows what the file holds', async () => {
    const h = await booted();
    h.store.getState().setSelection({ anchor: 0, focus: 3 });
    h.store.getState().applyLabel(9999); // no such label: the backend refuses the span
    expect(h.store.getState().spans).toHaveLength(1); // painted at once…
    await h.settle();
    const s = h.store.getState();
    expect(s.saveState.kind).toBe('error');
    expect(s.saveState.kind === 'error' ? s.saveState.message : '').toMatch(/label 9999/);
    expect(s.saveState.kind === 'error' ? s.saveState.code : '').toBe('NOT_FOUND');
    expect(s.undoStack).toEqual([]);
    expect(s.spans).toEqual([]); // …and taken back, as the file has none
    expect(stored(h)).toEqual([]);
    await s.undo();
    expect(h.store.getState().notice).toBe('Nothing to undo');
  });

  it('an undo whose write fails leaves nothing to redo', async () => {
    const h = await booted();
    h.store.getState().setSelection({ anchor: 0, focus: 3 });
    h.store.getState().applyLabel(labelId(h, 'ACTOR'));
    await h.settle();
    const [span] = stored(h);
    // Deleted behind the window's back (another window on the same file, say).
    h.workspace.project!.db.prepare('UPDATE spans SET deleted = 1 WHERE id = ?').run(span!.id);
    await h.store.getState().undo();
    await h.settle();
    const s = h.store.getState();
    expect(s.saveState.kind).toBe('error');
    expect(s.undoStack).toEqual([]);
    expect(s.redoStack).toEqual([]);
  });

  it('edits land in order: create, relabel, nudge and delete leave exactly what the screen shows', async () => {
    const h = await booted();
    const s = h.store.getState();
    const text = s.article!.text;
    const first = text.indexOf(' ');
    s.setSelection({ anchor: 0, focus: first });
    s.applyLabel(labelId(h, 'ACTOR'));
    h.store.getState().applyLabel(labelId(h, 'CLAIM')); // relabels the new span (it is selected)
    h.store.getState().nudgeSelectedSpan('end', 1); // one word further
    h.store.getState().setSelection({ anchor: first + 1, focus: first + 2 });
    h.store.getState().applyLabel(labelId(h, 'LOCATION'));
    h.store.getState().deleteSelectedSpan();
    await h.settle();
    const screen = h.store.getState().spans.map(({ id, labelId, start, end }) => ({ id, labelId, start, end }));
    expect(screen).toHaveLength(1);
    expect(screen[0]!.labelId).toBe(labelId(h, 'CLAIM'));
    expect(screen[0]!.end).toBeGreaterThan(first);
    expect(stored(h)).toEqual(screen);
    expect(h.store.getState().saveState.kind).toBe('saved');
  });

  it('undo reaches across articles: it reopens the article the edit was made in and takes the edit back there', async () => {
    const h = await booted();
    const s = h.store.getState();
    const firstArticle = s.article!.id;
    s.setSelection({ anchor: 0, focus: 3 });
    s.applyLabel(labelId(h, 'SANCTION'));
    await h.settle();
    await h.store.getState().goArticle(1);
    expect(h.store.getState().article!.id).not.toBe(firstArticle);
    await h.store.getState().undo();
    await h.settle();
    expect(h.store.getState().article!.id).toBe(firstArticle);
    expect(stored(h)).toEqual([]);
    await h.store.getState().redo();
    await h.settle();
    expect(stored(h)).toHaveLength(1);
  });

  it('Ctrl+Enter marks done, counts it, and opens the next undone article (without spans: asked first)', async () => {
    const h = await booted();
    const first = h.store.getState().article!.id;
    await h.store.getState().markDoneAndNext();
    // The article has no spans: the first press only asks.
    expect(h.store.getState().notice).toMatch(/^This article has no spans/);
    expect(h.store.getState().progress).toMatchObject({ done: 0 });
    expect(h.store.getState().article!.id).toBe(first);
    await h.store.getState().markDoneAndNext();
    const s = h.store.getState();
    expect(s.progress).toMatchObject({ done: 1 });
    expect(s.article!.id).not.toBe(first);
    expect(s.article!.status).toBe('todo');
  });
});
