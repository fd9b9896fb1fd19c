// The suggestions slice against a real project: what it shows is what the backend offers less
// what this window has accepted, dismissed or labelled; accepting all is one history entry that
// one undo takes back (undoSpanBatch) and one redo brings back; a dismissal stays.
import { describe, expect, it } from 'vitest';
import { storeOnProject, type StoreHarness } from './harness';

async function labelledWire() {
  const h = await storeOnProject();
  await h.store.getState().boot();
  const s = h.store.getState();
  const text = s.article!.text;
  const at = text.indexOf('Kim Jong Un');
  s.setSelection({ anchor: at, focus: at + 'Kim Jong Un'.length });
  s.applyLabel(s.labels.find((l) => l.name === 'ACTOR')!.id);
  await h.settle();
  await h.store.getState().openArticle(2); // 001, the copy
  await h.store.getState().loadSuggestions();
  return h;
}

async function visible(h: StoreHarness) {
  const { selectVisibleSuggestions } = await import('../../src/renderer/src/store/suggestions');
  return selectVisibleSuggestions(h.store.getState());
}

/** Live spans of an article in the project file. */
function stored(h: StoreHarness, articleId: number): number {
  return (
    h.workspace
      .project!.db.prepare('SELECT COUNT(*) AS n FROM spans WHERE article_id = ? AND deleted = 0')
      .get(articleId) as { n: number }
  ).n;
}

describe('suggestions in the store', () => {
  it('accept all is one undo and one redo; the suggestions come back with the undo', async () => {
    const h = await labelledWire();
    const offered = await visible(h);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((g) => g.label === 'ACTOR' && g.text === 'Kim Jong Un')).toBe(true);
    expect(h.store.getState().spans).toEqual([]);

    await h.store.getState().acceptAllSuggestions();
    await h.settle();
    expect(h.store.getState().spans).toHaveLength(offered.length);
    expect(stored(h, 2)).toBe(offered.length);
    expect(await visible(h)).toEqual([]);
    const entry = h.store.getState().undoStack.at(-1);
    expect(entry?.kind).toBe('batch');
    // One entry for the whole acceptance, holding every span it wrote, all in article 2.
    if (entry?.kind === 'batch') expect(new Set(entry.spans.map((s) => s.articleId))).toEqual(new Set([2]));
    if (entry?.kind === 'batch') expect(entry.spans).toHaveLength(offered.length);
    expect(h.store.getState().progress).toMatchObject({ inProgress: 2 });

    await h.store.getState().undo();
    await h.settle();
    expect(h.store.getState().spans).toEqual([]);
    expect(stored(h, 2)).toBe(0);
    // The status bar names the batch and the article it was in.
    expect(h.store.getState().notice).toMatch(new RegExp(`^Undid: accepted ${offered.length} suggestions in `));
    await h.store.getState().loadSuggestions();
    expect((await visible(h)).map((g) => g.id)).toEqual(offered.map((g) => g.id));

    await h.store.getState().redo();
    await h.settle();
    expect(h.store.getState().spans).toHaveLength(offered.length);
    expect(stored(h, 2)).toBe(offered.length);
  });

  it('a span of the same label hides its suggestion at once; a dismissal is hidden at once and stays', async () => {
    const h = await labelledWire();
    const [first, second] = await visible(h);
    expect(second).toBeDefined();
    const s = h.store.getState();
    s.setSelection({ anchor: first!.start, focus: first!.end });
    s.applyLabel(first!.labelId);
    // Before any list is read again.
    expect((await visible(h)).map((g) => g.id)).not.toContain(first!.id);

    const dismissing = h.store.getState().dismissSuggestion(second!.id);
    expect((await visible(h)).map((g) => g.id)).not.toContain(second!.id);
    await dismissing;
    await h.settle();
    await h.store.getState().openArticle(1);
    await h.store.getState().openArticle(2);
    await h.store.getState().loadSuggestions();
    expect((await visible(h)).map((g) => g.id)).not.toContain(second!.id);
    expect(stored(h, 2)).toBe(1); // the span labelled by hand; a dismissal writes none
  });

  it('an edit covering none of them leaves the shown list as it was, the same array (nothing drawn again)', async () => {
    const h = await labelledWire();
    const before = await visible(h);
    const first = before[0]!;
    const s = h.store.getState();
    // Another label over the first suggestion's words covers no suggestion (they are all ACTOR).
    s.setSelection({ anchor: first.start, focus: first.end });
    s.applyLabel(s.labels.find((l) => l.id !== first.labelId)!.id);
    expect(h.store.getState().spans).toHaveLength(1);
    expect(await visible(h)).toBe(before);
    // Its own label covers it: a new list without it.
    h.store.getState().setSelection({ anchor: first.start, focus: first.end });
    h.store.getState().applyLabel(first.labelId);
    const after = await visible(h);
    expect(after).not.toBe(before);
    expect(after).toEqual(before.slice(1));
  });

  it('] walks the suggestions from the caret; Enter on one accepts it and focuses the next', async () => {
    const h = await labelledWire();
    const { selectFocusedSuggestion } = await import('../../src/renderer/src/store/suggestions');
    const offered = await visible(h);
    h.store.getState().focusSuggestion(1);
    expect(selectFocusedSuggestion(h.store.getState())?.id).toBe(offered[0]!.id);
    h.store.getState().focusSuggestion(-1);
    expect(selectFocusedSuggestion(h.store.getState())?.id).toBe(offered.at(-1)!.id);
    h.store.getState().focusSuggestion(1);
    await h.store.getState().acceptSuggestion(offered[0]!.id, { focusNext: true });
    expect(selectFocusedSuggestion(h.store.getState())?.id).toBe(offered[1]?.id);
    // Moving the caret leaves the suggestion.
    h.store.getState().moveCaret(1, 'char', false);
    expect(selectFocusedSuggestion(h.store.getState())).toBeUndefined();
  });
});
