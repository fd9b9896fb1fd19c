// A bulk span write in the window's history, against the demo set in a real project file:
// "Kim Jong Un" labelled by hand in the first article, then every other occurrence in the set
// as one batch; one undo takes the batch back in every article (the open one's spans, the list
// rows, the progress), one redo brings it back, an undo from an article the batch did not touch
// opens the article where it started, and a batch the backend refuses leaves the history.
import { describe, expect, it } from 'vitest';
import type { SpanBatch } from '../../src/shared/across';
import type { Span } from '../../src/shared/model';
import { storeOnProject, type StoreHarness } from './harness';

const NAME = 'Kim Jong Un';

async function labelledByHand() {
  const h = await storeOnProject();
  await h.store.getState().boot();
  await h.settle();
  const s = h.store.getState();
  const article = s.article!;
  expect(article.title).toBe('Kim Jong Un plans rare trip to meet Putin in Russia');
  const actor = s.labels.find((l) => l.name === 'ACTOR')!;
  const start = article.text.indexOf(NAME);
  s.setSelection({ anchor: start, focus: start + NAME.length });
  s.applyLabel(actor.id);
  await h.settle();
  const { recordBatch } = await import('../../src/renderer/src/store/batchHistory');
  return { h, article, actor, start, recordBatch };
}

/** Every other "Kim Jong Un" in the set labelled as one batch, by the backend, from the one at `start`. */
function labelEveryName(h: StoreHarness, articleId: number, start: number, labelId: number): SpanBatch {
  return h.workspace.project!.handlers.labelOccurrences({
    articleId,
    start,
    end: start + NAME.length,
    labelId,
    scope: 'set',
    caseSensitive: true,
  });
}

/** The annotator's live spans per article id, as the project file holds them. */
function stored(h: StoreHarness): Map<number, Span[]> {
  const project = h.workspace.project!;
  const ids = project.handlers.listArticles({ status: 'all', at: 0, limit: 100 }).items.map((a) => a.id);
  return new Map(ids.map((id) => [id, project.handlers.listSpans({ articleId: id })]));
}

const counts = (m: Map<number, Span[]>) => [...m.values()].map((spans) => spans.length);

describe('a span batch in the window’s history', () => {
  it('is shown at once, undone in every article in one step and redone', async () => {
    const { h, article, actor, start, recordBatch } = await labelledByHand();
    expect(counts(stored(h))).toEqual([1, 0, 0, 0, 0]);
    const batch = labelEveryName(h, article.id, start, actor.id);
    // 000 has it twice (one labelled by hand), 001 twice, 002 three times, 003 twice; 004 writes "Kim Jong-un".
    expect(batch.spans).toHaveLength(8);
    recordBatch(batch, `labelled 8 occurrences of '${NAME}' as ACTOR`);
    await h.settle();
    let s = h.store.getState();
    expect(s.notice).toBe(`Labelled 8 occurrences of '${NAME}' as ACTOR`);
    expect(s.spans.map((x) => article.text.slice(x.start, x.end))).toEqual([NAME, NAME]);
    expect([0, 1, 2, 3, 4].map((i) => s.listRows.at(i)?.spanCount)).toEqual([2, 2, 3, 2, 0]);
    expect([0, 1, 2, 3, 4].map((i) => s.listRows.at(i)?.status)).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'todo',
    ]);
    expect(s.progress).toMatchObject({ inProgress: 4, todo: 1 });
    expect(s.undoStack.map((e) => e.kind)).toEqual(['create', 'batch']);

    await s.undo();
    await h.settle();
    s = h.store.getState();
    expect(counts(stored(h))).toEqual([1, 0, 0, 0, 0]);
    expect(s.article?.id).toBe(article.id);
    expect(s.spans).toHaveLength(1);
    expect([0, 1, 2, 3, 4].map((i) => s.listRows.at(i)?.spanCount)).toEqual([1, 0, 0, 0, 0]);
    expect(s.notice).toBe(`Undid: labelled 8 occurrences of '${NAME}' as ACTOR (4 articles)`);
    expect(s.undoStack.map((e) => e.kind)).toEqual(['create']);
    expect(s.redoStack.map((e) => e.kind)).toEqual(['batch']);

    await s.redo();
    await h.settle();
    s = h.store.getState();
    expect(counts(stored(h))).toEqual([2, 2, 3, 2, 0]);
    expect(s.spans).toHaveLength(2);
    expect([0, 1, 2, 3, 4].map((i) => s.listRows.at(i)?.spanCount)).toEqual([2, 2, 3, 2, 0]);
    expect(s.notice).toBe(`Redid: labelled 8 occurrences of '${NAME}' as ACTOR (4 articles)`);
    // The hand-made span is still its own step, after the batch.
    await s.undo();
    await s.undo();
    await h.settle();
    expect(counts(stored(h))).toEqual([0, 0, 0, 0, 0]);
  });

  it('undone from an article it did not touch, opens the article where it started, at its first span', async () => {
    const { h, article, actor, start, recordBatch } = await labelledByHand();
    const batch = labelEveryName(h, article.id, start, actor.id);
    recordBatch(batch, `labelled 8 occurrences of '${NAME}' as ACTOR`);
    await h.settle();
    const last = h.store.getState().listRows.at(4)!;
    await h.store.getState().openArticle(last.id);
    await h.store.getState().undo();
    await h.settle();
    const s = h.store.getState();
    const first = batch.spans[0]!;
    expect(first.articleId).toBe(article.id);
    expect(s.article?.id).toBe(article.id);
    expect(s.flash).toMatchObject({ start: first.start, end: first.end });
    expect(s.selection).toEqual({ anchor: first.start, focus: first.start });
    expect(s.spans).toHaveLength(1);
    expect(counts(stored(h))).toEqual([1, 0, 0, 0, 0]);
  });

  it('a batch the backend refuses to undo leaves the history and says why', async () => {
    const { h, recordBatch } = await labelledByHand();
    const s = h.store.getState();
    const made = s.spans[0]!;
    const unknown: SpanBatch = { batch: 999, spans: [made] };
    recordBatch(unknown, 'labelled 1 occurrence');
    await h.store.getState().undo();
    await h.settle();
    const after = h.store.getState();
    expect(after.notice).toMatch(/^Could not undo labelled 1 occurrence: span batch 999 does not exist/);
    expect(after.undoStack.map((e) => e.kind)).toEqual(['create']);
    expect(after.redoStack).toEqual([]);
    // The screen shows what the file holds: the span made by hand.
    expect(after.spans.map((x) => x.id)).toEqual([made.id]);
  });

  it('a batch that wrote nothing is no step', async () => {
    const { h, recordBatch } = await labelledByHand();
    recordBatch({ batch: 0, spans: [] }, 'labelled 0 occurrences');
    expect(h.store.getState().undoStack.map((e) => e.kind)).toEqual(['create']);
  });
});
