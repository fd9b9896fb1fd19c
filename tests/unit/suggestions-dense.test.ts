// Suggestions on a densely labelled article: the person labelled most of its words somewhere,
// so nearly every word is offered. One article's list is found through its word index and
// must equal what the whole set's listing finds for it the other way (each text searched for
// in full); the window asks for the ones nearest where the person is, with the total.
import { describe, expect, it } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { nearest } from '../../src/main/backend/across/suggestions';
import type { Project } from '../../src/main/backend/project';
import { appErrorCode, tempProject } from './helpers';

const WORDS = ['Kim', 'Jong', 'Jong-un', "Kim's", 'Kimberly', 'talks', 'Putin', 'U.S.', 'anti-tank', 'the', 'Erdoğan'];

/** A text of words from a small vocabulary, with joiners, possessives and punctuation between. */
function denseText(words: number, seed: number): string {
  let x = seed;
  const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(WORDS[rand(WORDS.length)]!);
    const gap = rand(12);
    out.push(gap === 0 ? ', ' : gap === 1 ? '. ' : gap === 2 ? '\n' : gap === 3 ? ' "' : gap === 4 ? '" ' : ' ');
  }
  return out.join('');
}

function dense(): { p: Project; id: number; other: number } {
  const p = tempProject({ demo: false });
  const [id, other] = writeTransaction<[number, number]>(p.db, (w) => [
    addArticle(w, { title: 'Dense', source: 'test', text: denseText(1_500, 7) }).id,
    addArticle(w, { title: 'Labelled', source: 'test', text: denseText(400, 11) }).id,
  ]);
  const labels = p.handlers.listLabels({});
  const text = p.handlers.getArticle({ id: other }).text;
  // Label every fifth word of the other article, and a phrase, with labels in turn.
  const re = /[^\s",.]+(?: [^\s",.]+)?/g;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (n++ % 5 !== 0) continue;
    p.handlers.createSpan({
      articleId: other,
      labelId: labels[n % labels.length]!.id,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  // Some of the dense article labelled too: those places (and places inside them) are covered.
  const body = p.handlers.getArticle({ id }).text;
  for (let at = body.indexOf('Kim Jong'); at >= 0 && at < 2_000; at = body.indexOf('Kim Jong', at + 1)) {
    p.handlers.createSpan({ articleId: id, labelId: labels[0]!.id, start: at, end: at + 8 });
  }
  return { p, id, other };
}

describe('suggestions on a densely labelled article', () => {
  it("one article's list equals the whole set's listing of it, place for place", () => {
    const { p, id } = dense();
    const one = p.handlers.listSuggestions({ articleId: id });
    const all = p.handlers.listSuggestions({}).suggestions.filter((s) => s.articleId === id);
    expect(one.suggestions.length).toBeGreaterThan(300);
    expect(one.suggestions).toEqual(all);
    expect(one.total).toBe(one.suggestions.length);
    const body = p.handlers.getArticle({ id }).text;
    for (const s of one.suggestions) expect(body.slice(s.start, s.end)).toBe(s.text);
    // Nothing inside "Kim Jong" is offered with the label that covers it there.
    const label = p.handlers.listLabels({})[0]!.id;
    const spans = p.handlers.listSpans({ articleId: id });
    for (const s of one.suggestions.filter((g) => g.labelId === label)) {
      expect(spans.some((sp) => sp.start <= s.start && sp.end >= s.end)).toBe(false);
    }
    p.close();
  });

  it('a limited list holds those nearest the given place, in reading order, and says how many in all', () => {
    const { p, id } = dense();
    const full = p.handlers.listSuggestions({ articleId: id }).suggestions;
    const near = full[Math.floor(full.length / 2)]!.start;
    const some = p.handlers.listSuggestions({ articleId: id, limit: 25, near });
    expect(some.total).toBe(full.length);
    expect(some.suggestions).toHaveLength(25);
    const from = full.findIndex((g) => g.id === some.suggestions[0]!.id);
    expect(some.suggestions).toEqual(full.slice(from, from + 25));
    // The window is around the place: as many before it as after it, give or take one.
    const before = some.suggestions.filter((g) => g.start < near).length;
    expect(Math.abs(before - (25 - before))).toBeLessThanOrEqual(2);
    // Near the start or the end it runs to the edge.
    expect(p.handlers.listSuggestions({ articleId: id, limit: 10, near: 0 }).suggestions).toEqual(full.slice(0, 10));
    expect(p.handlers.listSuggestions({ articleId: id, limit: 10, near: 10 ** 9 }).suggestions).toEqual(
      full.slice(-10),
    );
    p.close();
  });

  it('accepts a suggestion far into the article by id, and refuses an id for a place not offered', () => {
    const { p, id } = dense();
    const full = p.handlers.listSuggestions({ articleId: id }).suggestions;
    const far = full.at(-3)!;
    const batch = p.handlers.acceptSuggestions({ ids: [far.id] });
    expect(batch.spans.map((s) => [s.start, s.end, s.labelId])).toEqual([[far.start, far.end, far.labelId]]);
    // Inside a word ("im" of "Kim"): never offered.
    const kim = p.handlers.getArticle({ id }).text.lastIndexOf('Kim ');
    const inside = `${id}-${kim + 1}-${kim + 3}-${far.labelId}`;
    expect(appErrorCode(() => p.handlers.acceptSuggestions({ ids: [inside] }))).toBe('NOT_FOUND');
    // Accepted, it is the person's span: neither it nor a place inside it with its label is offered.
    const after = p.handlers.listSuggestions({ articleId: id }).suggestions;
    expect(after.map((g) => g.id)).not.toContain(far.id);
    expect(after).toEqual(full.filter((g) => !(g.labelId === far.labelId && g.start >= far.start && g.end <= far.end)));
    p.close();
  });
});

describe('nearest', () => {
  const at = (...starts: number[]) => starts.map((start) => ({ start }));
  it('takes the places closest to an offset, ties going to the earlier one', () => {
    expect(nearest(at(0, 10, 20, 30, 40), 2, 21)).toEqual(at(20, 30));
    expect(nearest(at(0, 10, 20, 30, 40), 2, 25)).toEqual(at(20, 30));
    expect(nearest(at(0, 10, 20, 30, 40), 3, 0)).toEqual(at(0, 10, 20));
    expect(nearest(at(0, 10, 20, 30, 40), 3, 99)).toEqual(at(20, 30, 40));
    expect(nearest(at(0, 10), 5, 3)).toEqual(at(0, 10));
  });
});
