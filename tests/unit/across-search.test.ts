// Full-text search over the set (articles_fts, kept in step by triggers): phrases, prefixes,
// case and diacritics folded, hits at exact verbatim offsets, articles arriving by import
// indexed at once, and a malformed query refused with a clear message, never SQLite's.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuery, search } from '../../src/main/backend/across/search';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { AppError } from '../../src/shared/result';
import { OffsetMap } from '../../src/shared/offsets';
import { emptyProject, imp, jsonl, write } from './fixtures/io';
import { tempDir, tempProject } from './helpers';

function hitTexts(db: Parameters<typeof search>[0], query: string): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const r of search(db, query).results) {
    const text = (db.prepare('SELECT text FROM articles WHERE id = ?').get(r.articleId) as { text: string }).text;
    out[r.articleId] = r.hits.map((h) => text.slice(h.start, h.end));
    expect(r.hitCount).toBe(r.hits.length);
  }
  return out;
}

function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_INPUT');
    return (err as Error).message;
  }
  throw new Error('expected BAD_INPUT');
}

describe('search over the demo set', () => {
  it('a phrase finds its words in order, next to each other, whatever the punctuation between them', () => {
    const p = tempProject();
    const hits = hitTexts(p.db, '"Kim Jong Un"');
    // 004 writes "Kim Jong-un": the same words to the index.
    expect(Object.keys(hits).map(Number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hits[5]).toContain('Kim Jong-un');
    for (const list of Object.values(hits))
      for (const t of list) expect(t.replace('-', ' ').toLowerCase()).toBe('kim jong un');
    expect(search(p.db, '"Un Jong Kim"').total).toBe(0);
    // Two terms: both must appear.
    expect(Object.keys(hitTexts(p.db, '"Kim Jong Un" Erdogan'))).toEqual(expect.arrayContaining(['1', '2']));
    expect(search(p.db, '"Kim Jong Un" Erdogan').total).toBe(2);
    p.close();
  });

  it('a prefix finds every word that starts so, and the hit covers the whole word', () => {
    const p = tempProject();
    const hits = hitTexts(p.db, 'negotiat*');
    const words = new Set(
      Object.values(hits)
        .flat()
        .map((t) => t.toLowerCase()),
    );
    expect([...words].sort()).toEqual(['negotiations']);
    expect(search(p.db, 'negotiat').total).toBe(0);
    expect(search(p.db, '"arms negotiat"*').total).toBeGreaterThan(0);
    p.close();
  });

  it('results carry the title, a snippet with the hit marked inside it, and rank best first', () => {
    const p = tempProject();
    const r = search(p.db, 'Vladivostok');
    expect(r.total).toBe(r.results.length);
    for (const x of r.results) {
      expect(x.title.length).toBeGreaterThan(0);
      const h = x.snippet.hits[0]!;
      expect(x.snippet.text.slice(h.start, h.end)).toBe('Vladivostok');
    }
    p.close();
  });
});

describe('ranking and pages', () => {
  it('the best articles come first by bm25, ties by id, and pages are slices of one order', () => {
    const p = emptyProject();
    const dir = tempDir();
    // Denser in the word ranks higher; texts of the same words tie and keep id order.
    const texts = [
      'A long report that names the port once among many other words about grain and ships and weather.',
      'Port, port and port again.',
      'The port.',
      'The port!',
      'Nothing here.',
      'A port, and a second port, in a short note.',
    ];
    texts.forEach((t, i) => write(dir, `${i}.txt`, t));
    imp(p.db, [dir], { as: 'model' });
    const ids = (p.db.prepare('SELECT id, text FROM articles ORDER BY id').all() as { id: number; text: string }[]).map(
      (r) => r.id,
    );
    const expected = (
      p.db
        .prepare('SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), rowid')
        .all('"port"') as { id: number }[]
    ).map((r) => r.id);
    expect(expected).toHaveLength(5);
    const all = search(p.db, 'port');
    expect(all.total).toBe(5);
    expect(all.results.map((r) => r.articleId)).toEqual(expected);
    expect(all.results[0]!.articleId).toBe(ids[1]);
    expect(all.results.at(-1)!.articleId).toBe(ids[0]);
    const tied = all.results.map((r) => r.articleId).filter((id) => id === ids[2] || id === ids[3]);
    expect(tied).toEqual([ids[2], ids[3]]);
    const pages = [0, 2, 4].flatMap((offset) => search(p.db, 'port', { limit: 2, offset }).results);
    expect(pages.map((r) => r.articleId)).toEqual(expected);
    expect(pages.map((r) => r.hitCount)).toEqual(all.results.map((r) => r.hitCount));
    p.close();
  });
});

describe('diacritics, case and offsets', () => {
  it('"erdogan" finds "Erdoğan" and "ZURICH" finds "Zürich", at the verbatim offsets (code points past an emoji)', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'a.txt', '🇺🇦 Recep Tayyip Erdoğan spoke in Zürich.\r\nErdogan  again.');
    imp(p.db, [dir], { as: 'model' });
    const r = search(p.db, 'erdogan');
    expect(r.total).toBe(1);
    const text = (p.db.prepare('SELECT text FROM articles').get() as { text: string }).text;
    expect(r.results[0]!.hits.map((h) => text.slice(h.start, h.end))).toEqual(['Erdoğan', 'Erdogan']);
    const map = new OffsetMap(text);
    const first = r.results[0]!.hits[0]!;
    // The flag is two code points and four UTF-16 units.
    expect([map.toCodePoint(first.start), map.toCodePoint(first.end)]).toEqual([16, 23]);
    expect(first.start).toBe(18);
    expect(search(p.db, 'ZURICH').results[0]!.hits.map((h) => text.slice(h.start, h.end))).toEqual(['Zürich']);
    expect(search(p.db, '"tayyip erdogan spoke"').total).toBe(1);
    p.close();
  });
});

describe('kept in step with the articles table', () => {
  it('an import is searchable at once; importing again adds nothing; an edit or a removal is reflected', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'a.jsonl', jsonl([{ text: 'Sanctions on antitank missiles were announced.', meta: { title: 'One' } }]));
    imp(p.db, [dir], { as: 'model' });
    expect(search(p.db, 'antitank').total).toBe(1);
    imp(p.db, [dir], { as: 'model' });
    expect(search(p.db, 'antitank').total).toBe(1);
    write(dir, 'b.jsonl', jsonl([{ text: 'More antitank news from Kyiv.', meta: { title: 'Two' } }]));
    imp(p.db, [path.join(dir, 'b.jsonl')], { as: 'model' });
    expect(search(p.db, 'antitank').total).toBe(2);
    writeTransaction(p.db, (w) => w.prepare("UPDATE articles SET title = 'Kharkiv' WHERE text LIKE 'More%'").run());
    expect(search(p.db, 'kharkiv').results.map((r) => r.titleMatch)).toEqual([true]);
    expect(search(p.db, 'two').total).toBe(0);
    writeTransaction(p.db, (w) => w.prepare("DELETE FROM articles WHERE text LIKE 'More%'").run());
    expect(search(p.db, 'antitank').total).toBe(1);
    expect(() =>
      p.db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    p.close();
  });
});

describe('malformed queries', () => {
  it('are refused with a message that says what and where, never an SQLite error', () => {
    const p = tempProject();
    expect(badInput(() => search(p.db, '"Kim Jong'))).toBe('search: the quote at character 1 is not closed');
    expect(badInput(() => search(p.db, 'ab*c'))).toMatch(/"ab\*c": a \* may only end a word/);
    expect(badInput(() => search(p.db, '   '))).toBe('search: the query is empty');
    expect(badInput(() => search(p.db, '""'))).toMatch(/empty phrase/);
    expect(badInput(() => search(p.db, '*'))).toMatch(/no letters or digits/);
    expect(badInput(() => search(p.db, '"Kim"Jong'))).toMatch(/put a space after the phrase/);
    p.close();
  });

  it('FTS5 syntax in the input is only ever words: operators, columns, parentheses, carets', () => {
    const p = tempProject();
    for (const q of [
      'Kim AND',
      'NOT Putin',
      'OR',
      'NEAR(Kim Putin)',
      'title:Kim',
      '^Kim',
      '(Kim',
      'Kim)',
      '{text}: x',
      "Kim's",
      'a+b',
      '-Putin',
    ]) {
      try {
        const r = search(p.db, q);
        expect(r.total, q).toBeGreaterThanOrEqual(0);
      } catch (err) {
        expect(err, q).toBeInstanceOf(AppError);
        expect((err as AppError).code, q).toBe('BAD_INPUT');
      }
    }
    // "NOT" is a word like any other: no article says "not putin".
    expect(parseQuery('NOT Putin')).toEqual([
      { words: ['not'], prefix: false },
      { words: ['putin'], prefix: false },
    ]);
    expect(search(p.db, 'title:Kim').total).toBe(0);
    expect(parseQuery('anti-tank')).toEqual([{ words: ['anti', 'tank'], prefix: false }]);
    p.close();
  });
});
