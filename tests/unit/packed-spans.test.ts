import { describe, expect, it } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { createSpan } from '../../src/main/backend/spans';
import { dispatch } from '../../src/main/backend/dispatch';
import type { ArticleRead, Span } from '../../src/shared/model';
import { packSpans, unpackSpans, type PackedSpans } from '../../src/shared/packed-spans';
import { ArticleTexts } from '../../src/renderer/src/lib/articleTexts';
import { tempProject } from './helpers';

const byStart = (spans: readonly Span[]) => [...spans].sort((a, b) => a.start - b.start);

function span(over: Partial<Span> & Pick<Span, 'id' | 'start' | 'end'>): Span {
  return {
    articleId: 7,
    annotatorId: 2,
    labelId: 1,
    origin: 'manual',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...over,
  };
}

/** Through JSON text, as the bridge carries it. */
const overTheBridge = (p: PackedSpans): PackedSpans => JSON.parse(JSON.stringify(p)) as PackedSpans;

describe('packed spans', () => {
  it('give back every field of every span, in start order', () => {
    const spans = [
      span({ id: '0190d1c2-aaaa-7bbb-8ccc-0123456789ab', start: 40, end: 52, labelId: 3 }),
      span({ id: '0190d1c2-aaaa-7bbb-8ccc-0123456789ac', start: 0, end: 100, origin: 'import:doccano' }),
      span({
        id: '0190d1c2-aaaa-7bbb-8ccc-0123456789ad',
        start: 40,
        end: 44,
        annotatorId: 9,
        updatedAt: '2026-03-02T08:30:00.000Z',
      }),
      span({ id: '0190d1c2-aaaa-7bbb-8ccc-0123456789ae', start: 3, end: 4, createdAt: '2026-01-01' }),
    ];
    const packed = packSpans(7, spans);
    expect(unpackSpans(overTheBridge(packed))).toEqual(byStart(spans));
    // Each distinct string once; ids without dashes, one after another.
    expect(packed.strings.filter((s) => s === '2026-03-01T10:00:00.000Z')).toHaveLength(1);
    expect(packed.ids).toBe(
      byStart(spans)
        .map((s) => s.id.replaceAll('-', ''))
        .join(''),
    );
  });

  it('keep ids that are not lower-case uuids as they are', () => {
    const spans = [
      span({ id: 'legacy-1', start: 5, end: 9 }),
      span({ id: '0190D1C2-AAAA-7BBB-8CCC-0123456789AB', start: 1, end: 2 }),
    ];
    const packed = packSpans(7, spans);
    expect(packed.ids).toEqual(['0190D1C2-AAAA-7BBB-8CCC-0123456789AB', 'legacy-1']);
    expect(unpackSpans(overTheBridge(packed))).toEqual(byStart(spans));
  });

  it('round-trip none, and refuse a span of another article or a torn packing', () => {
    expect(unpackSpans(overTheBridge(packSpans(7, [])))).toEqual([]);
    expect(() => packSpans(8, [span({ id: 'x', start: 0, end: 1 })])).toThrow(/belongs to article 7, not 8/);
    const packed = packSpans(7, [span({ id: '0190d1c2-aaaa-7bbb-8ccc-0123456789ab', start: 0, end: 1 })]);
    expect(() => unpackSpans({ ...packed, ids: (packed.ids as string).slice(1) })).toThrow(/disagree/);
  });

  it('round-trip 20,000 spans of many kinds and under a quarter of the size of the spans as JSON', () => {
    const spans: Span[] = [];
    for (let i = 0; i < 20_000; i++) {
      const hex = i.toString(16).padStart(12, '0');
      spans.push(
        span({
          id: `0190d1c2-aaaa-7bbb-8ccc-${hex}`,
          start: i * 50,
          end: i * 50 + 1 + (i % 7) * 30,
          labelId: 1 + (i % 4),
          ...(i % 3 === 0 ? { createdAt: `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}.000Z` } : {}),
        }),
      );
    }
    const packed = packSpans(7, spans);
    expect(unpackSpans(overTheBridge(packed))).toEqual(spans);
    expect(JSON.stringify(packed).length * 4).toBeLessThan(JSON.stringify(spans).length);
  });
});

describe('readArticle and readSpans', () => {
  it('carry the text once and the spans exactly, astral offsets included', () => {
    const p = tempProject({ demo: false });
    // UTF-16 offsets: the emoji and the astral CJK take two units each.
    const text = 'A 👩‍🔬 scientist from 𠀋𠀌 said: "the 🦀 crab" left.\nSecond 🇺🇦 paragraph.';
    const articleId = writeTransaction(p.db, (w) => addArticle(w, { title: 'Astral', source: 's', text })).id;
    const me = p.requireAnnotator();
    const labels = p.handlers.listLabels({});
    const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    const made = [
      createSpan(p.db, me, { articleId, labelId: labels[0]!.id, ...at('👩‍🔬 scientist') }),
      createSpan(p.db, me, { articleId, labelId: labels[2]!.id, ...at('𠀋𠀌') }),
      createSpan(p.db, me, { articleId, labelId: labels[3]!.id, ...at('"the 🦀 crab" left') }),
      createSpan(p.db, me, { articleId, labelId: labels[1]!.id, ...at('🦀') }),
      createSpan(p.db, me, { articleId, labelId: labels[2]!.id, ...at('🇺🇦 paragraph'), origin: 'import:test' }),
    ];
    const result = dispatch(p.handlers, 'readArticle', { id: articleId });
    if (!result.ok) throw new Error(result.error.message);
    const read = JSON.parse(JSON.stringify(result.value)) as ArticleRead;
    expect({ ...read.article, text: read.text }).toEqual(p.handlers.getArticle({ id: articleId }));
    const spans = unpackSpans(read.spans);
    expect(spans).toEqual(byStart(p.handlers.listSpans({ articleId })));
    expect(spans).toEqual(expect.arrayContaining(made));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      '👩‍🔬 scientist',
      '𠀋𠀌',
      '"the 🦀 crab" left',
      '🦀',
      '🇺🇦 paragraph',
    ]);
    expect(unpackSpans(p.handlers.readSpans({ articleId }))).toEqual(spans);
    // The text crosses once: it is in the answer one time only.
    expect(JSON.stringify(result.value).split('scientist from').length - 1).toBe(1);
  });

  it('leave the text out only when the caller names it by its hash', () => {
    const p = tempProject({ demo: false });
    const text = 'One 🦀 text.';
    const articleId = writeTransaction(p.db, (w) => addArticle(w, { title: 'T', source: 's', text })).id;
    const first = p.handlers.readArticle({ id: articleId });
    expect(first.text).toBe(text);
    expect(first.article).not.toHaveProperty('text');
    const again = p.handlers.readArticle({ id: articleId, textHash: first.textHash });
    expect(again).toEqual({ ...first, text: null });
    expect(p.handlers.readArticle({ id: articleId, textHash: 'another' }).text).toBe(text);
    // The window puts the two together again, from the answer or from what it holds.
    const texts = new ArticleTexts();
    expect(texts.hashOf(articleId)).toBeUndefined();
    expect(texts.article(first)).toEqual(p.handlers.getArticle({ id: articleId }));
    expect(texts.hashOf(articleId)).toBe(first.textHash);
    expect(texts.article(again)).toEqual(p.handlers.getArticle({ id: articleId }));
    texts.clear();
    expect(() => texts.article(again)).toThrow(/not sent and is not held/);
  });

  it('name a missing article', () => {
    const p = tempProject({ demo: false });
    const result = dispatch(p.handlers, 'readArticle', { id: 99 });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'article 99 does not exist' } });
  });
});
