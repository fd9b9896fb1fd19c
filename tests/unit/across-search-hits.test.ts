// Labelling what a search found: every hit of the query across the set, previewed with
// context and written in one batch that one undo takes back, skipping hits the same label
// already covers; a malformed query is refused with the parser's message and writes nothing.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/main/backend/project';
import { appErrorCode, tempProject } from './helpers';
import { AppError } from '../../src/shared/result';

function label(p: Project, name: string): number {
  return p.handlers.listLabels({}).find((l) => l.name === name)!.id;
}

/** Every span of the current person in the demo set. */
function allSpans(p: Project) {
  return [1, 2, 3, 4, 5].flatMap((articleId) => p.handlers.listSpans({ articleId }));
}

describe('labelling a search’s hits', () => {
  it('previews every hit the search marks, across the set, with context', () => {
    const p = tempProject();
    const actor = label(p, 'ACTOR');
    const query = '"Kim Jong Un"';
    const search = p.handlers.search({ query, limit: 500, offset: 0 });
    const preview = p.handlers.findSearchHits({ query, labelId: actor });
    // The same places the search panel marks: every hit of every matching article.
    expect(preview.hits.map((h) => [h.articleId, h.start, h.end])).toEqual(
      [...search.results]
        .sort((a, b) => a.articleId - b.articleId)
        .flatMap((r) => r.hits.map((h) => [r.articleId, h.start, h.end])),
    );
    expect(preview.hits.length).toBeGreaterThan(5);
    expect(preview.covered).toBe(0);
    for (const h of preview.hits) {
      const text = p.handlers.getArticle({ id: h.articleId }).text;
      expect(text.slice(h.start, h.end)).toBe(h.text);
      // The phrase as the index reads it: "Kim Jong-un" in 004 is a hit too.
      expect(h.text.replace('-', ' ').toLowerCase()).toBe('kim jong un');
      expect(h.before.length + h.after.length).toBeGreaterThan(20);
      expect(h.title).toBe(p.handlers.getArticle({ id: h.articleId }).title);
    }
    expect(preview.hits.some((h) => h.text === 'Kim Jong-un')).toBe(true);
    p.close();
  });

  it('labels them in one batch, leaves covered hits alone, and one undo takes them all back', () => {
    const p = tempProject();
    const actor = label(p, 'ACTOR');
    const claim = label(p, 'CLAIM');
    const query = 'Putin';
    const first = p.handlers.findSearchHits({ query, labelId: actor }).hits[0]!;
    // An ACTOR span already there is left alone; a span of another label over a hit hides nothing.
    p.handlers.createSpan({ articleId: first.articleId, labelId: actor, start: first.start, end: first.end });
    const second = p.handlers.findSearchHits({ query, labelId: actor }).hits[0]!;
    p.handlers.createSpan({ articleId: second.articleId, labelId: claim, start: second.start, end: second.end });
    const before = allSpans(p).length;

    const preview = p.handlers.findSearchHits({ query, labelId: actor });
    expect(preview.covered).toBe(1);
    expect(preview.hits.some((h) => h.articleId === first.articleId && h.start === first.start)).toBe(false);
    expect(preview.hits[0]).toMatchObject({ articleId: second.articleId, start: second.start });

    const done = p.handlers.labelSearchHits({ query, labelId: actor });
    expect(done.batch).toBeGreaterThan(0);
    expect(done.spans.map((s) => [s.articleId, s.start, s.end])).toEqual(
      preview.hits.map((h) => [h.articleId, h.start, h.end]),
    );
    expect(done.spans.every((s) => s.labelId === actor && s.origin === 'search')).toBe(true);
    expect(allSpans(p).length).toBe(before + preview.hits.length);
    // Nothing left to label: a second run writes nothing.
    const again = p.handlers.labelSearchHits({ query, labelId: actor });
    expect(again.batch).toBe(0);
    expect(again.covered).toBe(preview.hits.length + 1);

    expect(p.handlers.undoSpanBatch({ batch: done.batch }).length).toBe(preview.hits.length);
    expect(allSpans(p).length).toBe(before);
    expect(p.handlers.redoSpanBatch({ batch: done.batch }).length).toBe(preview.hits.length);
    expect(allSpans(p).length).toBe(before + preview.hits.length);
    p.close();
  });

  it('a malformed query or an unknown label is refused with what is wrong, and nothing is written', () => {
    const p = tempProject();
    const actor = label(p, 'ACTOR');
    try {
      p.handlers.labelSearchHits({ query: '"Kim Jong', labelId: actor });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_INPUT');
      expect((err as AppError).message).toBe('search: the quote at character 1 is not closed');
    }
    expect(appErrorCode(() => p.handlers.findSearchHits({ query: 'ab*c', labelId: actor }))).toBe('BAD_INPUT');
    expect(appErrorCode(() => p.handlers.labelSearchHits({ query: 'Putin', labelId: 999 }))).toBe('NOT_FOUND');
    expect(allSpans(p)).toEqual([]);
    p.close();
  });

  it('an empty query is refused', () => {
    const p = tempProject();
    expect(appErrorCode(() => p.handlers.findSearchHits({ query: '', labelId: label(p, 'ACTOR') }))).toBe('BAD_INPUT');
    p.close();
  });
});
