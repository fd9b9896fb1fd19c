// articles.ts and seed.ts: the demo set stored byte-for-byte, dedupe by content, the article
// list (paging, status filter, span counts, positions) and next/previous navigation.
import { writeTransaction } from '../../src/main/backend/db/handles';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addArticle, articleText, contentHash, getArticle, nextArticle } from '../../src/main/backend/articles';
import { listArticles } from '../../src/main/backend/article-list';
import type { Project } from '../../src/main/backend/project';
import { seedDemoArticles } from '../../src/main/backend/seed';
import { setStatus } from '../../src/main/backend/status';
import { contract } from '../../src/shared/contract';
import { AppError } from '../../src/shared/result';
import { RESOURCES, tempProject } from './helpers';

interface ManifestEntry {
  file: string;
  title: string;
  source: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(RESOURCES, 'articles', 'manifest.json'), 'utf8')) as {
  articles: ManifestEntry[];
};

const ALL = { status: 'all', at: 0, limit: 500 } as const;

/** A project with `n` small articles ("Article 1 …"), no demo set. */
function withArticles(n: number): { p: Project; ids: number[] } {
  const p = tempProject({ demo: false });
  const ids: number[] = [];
  for (let i = 1; i <= n; i++)
    ids.push(
      writeTransaction(p.db, (w) => addArticle(w, { title: `A${i}`, source: 's', text: `Article ${i} text.` })).id,
    );
  return { p, ids };
}

function expectCode(fn: () => unknown, code: string): void {
  expect(fn).toThrow(AppError);
  try {
    fn();
  } catch (err) {
    expect((err as AppError).code).toBe(code);
  }
}

describe('demo seeding', () => {
  it('stores the five articles of the manifest with their text byte-for-byte', () => {
    const p = tempProject({ demo: true });
    const me = p.requireAnnotator();
    const { total, items } = listArticles(p.db, me, ALL);
    expect(manifest.articles).toHaveLength(5);
    expect(total).toBe(5);
    expect(items.map((a) => [a.title, a.source])).toEqual(manifest.articles.map((m) => [m.title, m.source]));
    for (const [i, entry] of manifest.articles.entries()) {
      const bytes = fs.readFileSync(path.join(RESOURCES, 'articles', entry.file));
      const article = getArticle(p.db, me, items[i]!.id);
      expect(Buffer.from(article.text, 'utf8').equals(bytes), entry.file).toBe(true);
      expect(article.meta).toEqual({ demo: true });
      const hash = p.db.prepare('SELECT content_hash AS h FROM articles WHERE id = ?').get(article.id) as { h: string };
      expect(hash.h).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // The shipped texts contain non-ASCII characters (curly quotes etc.), so the check above means something.
    expect(items.some((a) => /[^\x00-\x7f]/.test(getArticle(p.db, me, a.id).text))).toBe(true);
  });

  it('seeding again adds nothing (dedupe by content)', () => {
    const p = tempProject({ demo: true });
    expect(seedDemoArticles(p.db, RESOURCES)).toBe(0);
    expect(listArticles(p.db, p.requireAnnotator(), ALL).total).toBe(5);
  });

  it('a project created without the demo set has no articles', () => {
    const p = tempProject({ demo: false });
    expect(p.handlers.listArticles(ALL)).toEqual({ total: 0, items: [] });
    expect(p.handlers.nextArticle({ afterId: null, undoneOnly: false, direction: 1 })).toBeNull();
  });
});

describe('addArticle', () => {
  it('stores text verbatim: no newline or Unicode normalisation', () => {
    const p = tempProject({ demo: false });
    const text = 'Cafe\u0301 \u00e9\r\nline two\rthree 👩‍👩‍👧 \u{20000}\n\n';
    const { id, added } = writeTransaction(p.db, (w) =>
      addArticle(w, { title: 't', source: 's', text, meta: { url: 'http://x' } }),
    );
    expect(added).toBe(true);
    expect(articleText(p.db, id)).toBe(text);
    expect(getArticle(p.db, 0, id)).toMatchObject({ text, meta: { url: 'http://x' }, status: 'todo', position: 0 });
  });

  it('the same text twice is one article (first title kept); any byte of difference makes a new one', () => {
    const p = tempProject({ demo: false });
    const first = writeTransaction(p.db, (w) => addArticle(w, { title: 'First', source: 'a', text: 'Same text.\n' }));
    expect(
      writeTransaction(p.db, (w) => addArticle(w, { title: 'Second', source: 'b', text: 'Same text.\n' })),
    ).toEqual({
      id: first.id,
      added: false,
    });
    expect(getArticle(p.db, 0, first.id).title).toBe('First');
    expect(
      writeTransaction(p.db, (w) => addArticle(w, { title: 'CRLF', source: 'a', text: 'Same text.\r\n' })).added,
    ).toBe(true);
    expect(writeTransaction(p.db, (w) => addArticle(w, { title: 'NFC', source: 'a', text: 'caf\u00e9' })).added).toBe(
      true,
    );
    expect(writeTransaction(p.db, (w) => addArticle(w, { title: 'NFD', source: 'a', text: 'cafe\u0301' })).added).toBe(
      true,
    );
    expect(contentHash('cafe\u0301')).not.toBe(contentHash('caf\u00e9'));
    expect(listArticles(p.db, 0, ALL).total).toBe(4);
  });

  it('an unknown article is NOT_FOUND', () => {
    const p = tempProject({ demo: false });
    expectCode(() => getArticle(p.db, 1, 42), 'NOT_FOUND');
    expectCode(() => articleText(p.db, 42), 'NOT_FOUND');
    expectCode(() => p.handlers.getArticle({ id: 42 }), 'NOT_FOUND');
  });
});

describe('listArticles', () => {
  it('pages in id order with total and 0-based positions', () => {
    const { p, ids } = withArticles(7);
    const me = p.requireAnnotator();
    const page1 = listArticles(p.db, me, { status: 'all', at: 0, limit: 3 });
    const page3 = listArticles(p.db, me, { status: 'all', at: 6, limit: 3 });
    expect(page1.total).toBe(7);
    expect(page1.items.map((a) => a.id)).toEqual(ids.slice(0, 3));
    expect(page1.items.map((a) => a.position)).toEqual([0, 1, 2]);
    expect(page3.items.map((a) => [a.id, a.position])).toEqual([[ids[6], 6]]);
    expect(listArticles(p.db, me, { status: 'all', at: 10, limit: 3 })).toEqual({ total: 7, items: [] });
    expect(page1.items[0]).toEqual({ id: ids[0], title: 'A1', source: 's', status: 'todo', spanCount: 0, position: 0 });
  });

  it('filters by status; positions stay those of the unfiltered list', () => {
    const { p, ids } = withArticles(5);
    const me = p.requireAnnotator();
    writeTransaction(p.db, (w) => setStatus(w, me, ids[1]!, 'done'));
    writeTransaction(p.db, (w) => setStatus(w, me, ids[3]!, 'done'));
    writeTransaction(p.db, (w) => setStatus(w, me, ids[4]!, 'in_progress'));
    writeTransaction(p.db, (w) => setStatus(w, me, ids[0]!, 'todo')); // an explicit 'todo' row counts as todo
    const done = listArticles(p.db, me, { status: 'done', at: 0, limit: 10 });
    expect(done.total).toBe(2);
    expect(done.items.map((a) => [a.id, a.position, a.status])).toEqual([
      [ids[1], 1, 'done'],
      [ids[3], 3, 'done'],
    ]);
    const todo = listArticles(p.db, me, { status: 'todo', at: 0, limit: 10 });
    expect(todo.items.map((a) => a.id)).toEqual([ids[0], ids[2]]);
    expect(listArticles(p.db, me, { status: 'in_progress', at: 0, limit: 10 }).items.map((a) => a.id)).toEqual([
      ids[4],
    ]);
    // Paging within a filter.
    const second = listArticles(p.db, me, { status: 'done', at: 1, limit: 1 });
    expect(second).toEqual({ total: 2, items: [expect.objectContaining({ id: ids[3], position: 3 })] });
  });

  it("counts only the annotator's own live spans", () => {
    const p = tempProject({ demo: true });
    const [a, b] = p.handlers.listArticles(ALL).items;
    const label = p.handlers.listLabels({})[0]!.id;
    const s1 = p.handlers.createSpan({ articleId: a!.id, labelId: label, start: 0, end: 2 });
    p.handlers.createSpan({ articleId: a!.id, labelId: label, start: 0, end: 5 });
    p.handlers.createSpan({ articleId: b!.id, labelId: label, start: 1, end: 2 });
    p.handlers.deleteSpan({ id: s1.id });
    p.setAnnotator('bob');
    p.handlers.createSpan({ articleId: a!.id, labelId: label, start: 3, end: 4 });
    const bob = p.handlers.listArticles(ALL).items;
    expect(bob.slice(0, 2).map((x) => x.spanCount)).toEqual([1, 0]);
    p.setAnnotator('ana');
    const ana = p.handlers.listArticles(ALL).items;
    expect(ana.map((x) => x.spanCount)).toEqual([1, 1, 0, 0, 0]);
    expect(ana.map((x) => x.status)).toEqual(['in_progress', 'in_progress', 'todo', 'todo', 'todo']);
  });

  it('getArticle gives the same position and the per-annotator status', () => {
    const { p, ids } = withArticles(3);
    const me = p.requireAnnotator();
    writeTransaction(p.db, (w) => setStatus(w, me, ids[2]!, 'done'));
    expect(getArticle(p.db, me, ids[2]!)).toMatchObject({ position: 2, status: 'done' });
    expect(getArticle(p.db, me + 1, ids[2]!)).toMatchObject({ position: 2, status: 'todo' });
  });
});

describe('nextArticle', () => {
  it('walks forward in id order and wraps around', () => {
    const { p, ids } = withArticles(4);
    const me = p.requireAnnotator();
    expect(nextArticle(p.db, me, null, false)).toEqual({ id: ids[0] });
    expect(nextArticle(p.db, me, ids[0]!, false)).toEqual({ id: ids[1] });
    expect(nextArticle(p.db, me, ids[2]!, false)).toEqual({ id: ids[3] });
    expect(nextArticle(p.db, me, ids[3]!, false)).toEqual({ id: ids[0] });
  });

  it('walks backward with direction -1 and wraps to the last', () => {
    const { p, ids } = withArticles(4);
    const me = p.requireAnnotator();
    expect(nextArticle(p.db, me, null, false, -1)).toEqual({ id: ids[3] });
    expect(nextArticle(p.db, me, ids[2]!, false, -1)).toEqual({ id: ids[1] });
    expect(nextArticle(p.db, me, ids[0]!, false, -1)).toEqual({ id: ids[3] });
  });

  it('undoneOnly skips done articles (in progress counts as undone), both ways', () => {
    const { p, ids } = withArticles(5);
    const me = p.requireAnnotator();
    writeTransaction(p.db, (w) => setStatus(w, me, ids[1]!, 'done'));
    writeTransaction(p.db, (w) => setStatus(w, me, ids[2]!, 'done'));
    writeTransaction(p.db, (w) => setStatus(w, me, ids[4]!, 'in_progress'));
    expect(nextArticle(p.db, me, ids[0]!, true)).toEqual({ id: ids[3] });
    expect(nextArticle(p.db, me, ids[3]!, true)).toEqual({ id: ids[4] });
    expect(nextArticle(p.db, me, ids[4]!, true)).toEqual({ id: ids[0] });
    expect(nextArticle(p.db, me, ids[3]!, true, -1)).toEqual({ id: ids[0] });
    expect(nextArticle(p.db, me, ids[0]!, true, -1)).toEqual({ id: ids[4] });
    // Starting from a done article works too.
    expect(nextArticle(p.db, me, ids[1]!, true)).toEqual({ id: ids[3] });
    // Another annotator has nothing done.
    expect(nextArticle(p.db, me + 1, ids[0]!, true)).toEqual({ id: ids[1] });
  });

  it('is null when no other article qualifies', () => {
    const { p, ids } = withArticles(3);
    const me = p.requireAnnotator();
    for (const id of ids) writeTransaction(p.db, (w) => setStatus(w, me, id, 'done'));
    expect(nextArticle(p.db, me, ids[0]!, true)).toBeNull();
    expect(nextArticle(p.db, me, null, true)).toBeNull();
    expect(nextArticle(p.db, me, null, true, -1)).toBeNull();
    // The only undone article is the current one: there is no *other* to go to.
    writeTransaction(p.db, (w) => setStatus(w, me, ids[1]!, 'in_progress'));
    expect(nextArticle(p.db, me, ids[1]!, true)).toBeNull();
    expect(nextArticle(p.db, me, ids[0]!, true)).toEqual({ id: ids[1] });
  });

  it('is what the nextArticle handler serves', () => {
    const { p, ids } = withArticles(2);
    expect(p.handlers.nextArticle({ afterId: ids[1]!, undoneOnly: false, direction: 1 })).toEqual({ id: ids[0] });
  });
});

describe('list positions on a large set', () => {
  it('stay the unfiltered id order on late pages, filtered or not', () => {
    const p = tempProject({ demo: false });
    const annotator = p.requireAnnotator();
    const ids = p.db.transaction(() =>
      Array.from(
        { length: 3000 },
        (_, i) => writeTransaction(p.db, (w) => addArticle(w, { title: `a${i}`, source: 's', text: `text ${i}` })).id,
      ),
    )();
    writeTransaction(p.db, (w) => setStatus(w, annotator, ids[2990]!, 'done'));
    const page = listArticles(p.db, annotator, { status: 'all', at: 2995, limit: 10 });
    expect(page.items.map((a) => a.position)).toEqual([2995, 2996, 2997, 2998, 2999]);
    const done = listArticles(p.db, annotator, { status: 'done', at: 0, limit: 10 });
    expect(done.items.map((a) => [a.id, a.position])).toEqual([[ids[2990], 2990]]);
    const todo = listArticles(p.db, annotator, { status: 'todo', at: 2989, limit: 3 });
    expect(todo.items.map((a) => a.position)).toEqual([2989, 2991, 2992]);
  });
});

describe('the list filtered by title', () => {
  it('keeps titles containing the text (any case, % and _ taken literally), with status and positions', () => {
    const p = tempProject({ demo: true });
    const me = p.requireAnnotator();
    const ids = listArticles(p.db, me, { status: 'all', at: 0, limit: 50 }).items.map((a) => a.id);
    const titles = (q: Parameters<typeof listArticles>[2]) => listArticles(p.db, me, q).items.map((a) => a.title);
    expect(titles({ status: 'all', titleQuery: 'ARMS DEAL', at: 0, limit: 50 })).toEqual([
      'Kim Jong Un to meet Putin this month to discuss arms deal: report',
    ]);
    const russia = listArticles(p.db, me, { status: 'all', titleQuery: 'russia', at: 0, limit: 50 });
    expect(russia.total).toBe(3);
    // Read on by key from a loaded row, and back from one: the same rows as by index.
    const [r0, r1, r2] = russia.items;
    expect(
      listArticles(p.db, me, { status: 'all', titleQuery: 'russia', at: 1, after: r0!.id, limit: 2 }).items,
    ).toEqual([r1, r2]);
    expect(
      listArticles(p.db, me, { status: 'all', titleQuery: 'russia', at: 0, before: r2!.id, limit: 2 }).items,
    ).toEqual([r0, r1]);
    // Positions stay those of the whole list.
    expect(russia.items.map((a) => a.position)).toEqual(russia.items.map((a) => ids.indexOf(a.id)));
    expect(titles({ status: 'all', titleQuery: '%', at: 0, limit: 50 })).toEqual([]);
    expect(titles({ status: 'all', titleQuery: '_', at: 0, limit: 50 })).toEqual([]);
    writeTransaction(p.db, (w) => setStatus(w, me, ids[3]!, 'done'));
    expect(titles({ status: 'done', titleQuery: 'russia', at: 0, limit: 50 })).toEqual([
      'Russia’s Putin invites North Korea’s Kim to Russia',
    ]);
    expect(titles({ status: 'todo', titleQuery: 'russia', at: 1, limit: 1 })).toEqual([
      'Kim expects to meet Putin in Russia, US says',
    ]);
    // As the window sends it: the contract trims the query.
    expect(p.handlers.listArticles(contract.listArticles.input.parse({ titleQuery: '  russia  ' })).total).toBe(3);
  });
});
