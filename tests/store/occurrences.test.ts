// The occurrences slice against the demo set in a real project file: a label brings the offer
// with the backend's counts (once the span is on the screen and stored), the preview reads the
// scope and case asked for, applying writes one batch that one undo takes back, and going on
// (another edit, another article) makes the offer fade.
import { describe, expect, it } from 'vitest';
import { storeOnProject } from './harness';

const NAME = 'Kim Jong Un';

async function labelled() {
  const h = await storeOnProject();
  await h.store.getState().boot();
  await h.settle();
  const s = h.store.getState();
  const actor = s.labels.find((l) => l.name === 'ACTOR')!;
  const start = s.article!.text.indexOf(NAME);
  s.setSelection({ anchor: start, focus: start + NAME.length });
  s.applyLabel(actor.id);
  // The offer waits for the span to be painted and its write to land.
  expect(h.store.getState().occurrenceOffer).toBeNull();
  await h.settle();
  return { h, actor, start };
}

describe('label every occurrence in the store', () => {
  it('offers the other places after a label, with their counts in the article and the set', async () => {
    const { h, actor, start } = await labelled();
    const { offerText } = await import('../../src/renderer/src/store/occurrences');
    const offer = h.store.getState().occurrenceOffer;
    expect(offer).toMatchObject({ text: NAME, labelId: actor.id, start, inArticle: 1, inSet: 8 });
    expect(offerText(offer!)).toBe('Label 1 more in this article · 8 in the set');
    expect(offer!.inSetMore).toBe(false);
    // A count stopped at the preview's cap says so.
    expect(offerText({ inArticle: 0, inSet: 1000, inSetMore: true })).toBe('Label 1000+ more in the set');
  });

  it('previews in the scope and case asked for, and applies them as one batch that one undo takes back', async () => {
    const { h } = await labelled();
    const articleId = h.store.getState().article!.id;
    h.store.getState().openOccurrences();
    await h.settle();
    let p = h.store.getState().occurrencePreview!;
    expect(h.store.getState().overlay).toBe('occurrences');
    expect(h.store.getState().occurrenceOffer).toBeNull();
    expect(p.scope).toBe('article');
    expect(p.found?.occurrences.map((o) => [o.articleId, o.text])).toEqual([[articleId, NAME]]);
    h.store.getState().setOccurrenceScope('set');
    await h.settle();
    p = h.store.getState().occurrencePreview!;
    expect(p.found?.occurrences).toHaveLength(8);
    expect(p.found?.occurrences[0]?.articleId).toBe(articleId);
    h.store.getState().toggleOccurrenceCase();
    await h.settle();
    expect(h.store.getState().occurrencePreview).toMatchObject({ caseSensitive: false, scope: 'set' });

    await h.store.getState().applyOccurrences();
    await h.settle();
    const s = h.store.getState();
    expect(s.occurrencePreview).toBeNull();
    expect(s.overlay).toBe('none');
    expect(s.spans).toHaveLength(2);
    expect(s.undoStack.at(-1)).toMatchObject({ kind: 'batch', what: `labelled 8 occurrences of '${NAME}' as ACTOR` });
    const project = h.workspace.project!;
    const total = () =>
      project.handlers
        .listArticles({ status: 'all', at: 0, limit: 10 })
        .items.reduce((n, a) => n + project.handlers.listSpans({ articleId: a.id }).length, 0);
    expect(total()).toBe(9);
    await s.undo();
    await h.settle();
    expect(total()).toBe(1);
    expect(h.store.getState().spans).toHaveLength(1);
  });

  it('Enter while the list is still being read labels it as soon as it arrives; a new scope drops that Enter', async () => {
    const { h } = await labelled();
    h.store.getState().openOccurrences();
    h.store.getState().setOccurrenceScope('set');
    // The read is on its way: nothing is listed yet, so Enter is kept for it.
    expect(h.store.getState().occurrencePreview?.found).toBeNull();
    void h.store.getState().applyOccurrences();
    expect(h.store.getState().occurrencePreview?.applyQueued).toBe(true);
    // Changing the case reads another list: the Enter was meant for the one on the screen.
    h.store.getState().toggleOccurrenceCase();
    expect(h.store.getState().occurrencePreview?.applyQueued).toBe(false);
    await h.settle();
    expect(h.store.getState().occurrencePreview?.found?.occurrences).toHaveLength(8);
    expect(h.store.getState().spans).toHaveLength(1);

    h.store.getState().toggleOccurrenceCase();
    void h.store.getState().applyOccurrences();
    await h.settle();
    const s = h.store.getState();
    expect(s.occurrencePreview).toBeNull();
    expect(s.spans).toHaveLength(2);
    expect(s.undoStack.at(-1)).toMatchObject({ kind: 'batch', what: `labelled 8 occurrences of '${NAME}' as ACTOR` });
  });

  it('the offer fades when the person goes on: another edit, another article', async () => {
    const { h } = await labelled();
    expect(h.store.getState().occurrenceOffer).not.toBeNull();
    h.store.getState().deleteSelectedSpan();
    expect(h.store.getState().occurrenceOffer).toBeNull();
    // A label again, then the next article.
    const s = h.store.getState();
    const start = s.article!.text.indexOf('Putin');
    s.setSelection({ anchor: start, focus: start + 5 });
    s.applyLabel(s.labels[0]!.id);
    await h.settle();
    expect(h.store.getState().occurrenceOffer).toMatchObject({ text: 'Putin' });
    await h.store.getState().goArticle(1);
    expect(h.store.getState().occurrenceOffer).toBeNull();
  });

  it('without a span to look for, the preview does not open and says why', async () => {
    const h = await storeOnProject();
    await h.store.getState().boot();
    await h.settle();
    h.store.getState().openOccurrences();
    expect(h.store.getState().occurrencePreview).toBeNull();
    expect(h.store.getState().notice).toBe('Select a span first: its text is what is looked for');
  });
});
