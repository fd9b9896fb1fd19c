// The search slice against a real project of 230 articles that all hold one word: the first
// page lists 100 and says how many match in all; the next pages are read on request or by ↓
// past the last hit, and a new query drops a page still on its way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imp, jsonl } from '../unit/fixtures/io';
import { holdAnswers, storeOnProject } from './harness';

const N = 230;

async function searching() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-search-'));
  const file = path.join(dir, 'many.jsonl');
  fs.writeFileSync(
    file,
    jsonl(
      Array.from({ length: N }, (_, i) => ({
        text: `Report ${i}: the sanctions committee met again. ${'Talks went on. '.repeat(i % 3)}`,
        meta: { title: `Report ${i}` },
      })),
    ),
  );
  const h = await storeOnProject({ demo: false, setup: (p) => void imp(p.db, [file]) });
  await h.store.getState().boot();
  await h.settle();
  const { SEARCH_LIMIT, selectHitStops } = await import('../../src/renderer/src/store/search');
  h.store.getState().openSearch();
  h.store.getState().setSearchQuery('committee');
  await new Promise((r) => setTimeout(r, 250));
  await h.settle();
  fs.rmSync(dir, { recursive: true, force: true });
  return { h, SEARCH_LIMIT, stops: () => selectHitStops(h.store.getState()) };
}

describe('search pages in the store', () => {
  it('lists the first page, reads the next ones on request until every match is listed', async () => {
    const { h, SEARCH_LIMIT } = await searching();
    const listed = () => h.store.getState().searchResults!.results.map((r) => r.articleId);
    expect(h.store.getState().searchResults?.total).toBe(N);
    expect(listed()).toHaveLength(SEARCH_LIMIT);
    await h.store.getState().loadMoreSearchResults();
    expect(listed()).toHaveLength(2 * SEARCH_LIMIT);
    await h.store.getState().loadMoreSearchResults();
    expect(listed()).toHaveLength(N);
    // Every article once: the pages neither overlap nor leave one out.
    expect(new Set(listed()).size).toBe(N);
    // Nothing more to read.
    await h.store.getState().loadMoreSearchResults();
    expect(listed()).toHaveLength(N);
  });

  it('↓ on the last hit reads the next page and moves onto its first hit', async () => {
    const { h, SEARCH_LIMIT, stops } = await searching();
    expect(stops()).toHaveLength(SEARCH_LIMIT);
    h.store.setState({ searchCursor: SEARCH_LIMIT - 1 });
    await h.store.getState().moveSearchCursor(1);
    expect(stops()).toHaveLength(2 * SEARCH_LIMIT);
    expect(h.store.getState().searchCursor).toBe(SEARCH_LIMIT);
    // ↑ from the first hit still wraps to the last listed one.
    h.store.setState({ searchCursor: 0 });
    await h.store.getState().moveSearchCursor(-1);
    expect(h.store.getState().searchCursor).toBe(2 * SEARCH_LIMIT - 1);
  });

  it('a page read for an old query is dropped when a new query has answered first', async () => {
    const { h } = await searching();
    // The transport holds back the next page's answer until the new query has been answered.
    const release = holdAnswers('search', (input) => Boolean((input as { offset?: number }).offset));
    const more = h.store.getState().loadMoreSearchResults();
    h.store.getState().setSearchQuery('"Report 7"');
    await new Promise((r) => setTimeout(r, 250));
    await h.settle();
    expect(h.store.getState().searchResults?.query).toBe('"Report 7"');
    release();
    await more;
    const results = h.store.getState().searchResults!;
    expect(results.query).toBe('"Report 7"');
    expect(results.results.map((r) => r.title)).toEqual(['Report 7']);
    expect(h.store.getState().searchLoadingMore).toBe(false);
  });
});
