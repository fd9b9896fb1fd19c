// The article list's rows in the store, against a real project of 1,000 articles: the last
// rows load without the pages before them, every page matches the backend's list, and an edit
// replaces the one row of its article while every other loaded row stays the same object.
import { describe, expect, it } from 'vitest';
import { listArticles } from '../../src/main/backend/article-list';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import type { ArticleListItem } from '../../src/shared/model';
import { storeOnProject } from './harness';

const N = 1000;

async function bigList() {
  const h = await storeOnProject({
    demo: false,
    setup: (p) =>
      writeTransaction(p.db, (w) => {
        for (let i = 0; i < N; i++) addArticle(w, { title: `A${i}`, source: 's', text: `Article number ${i}.` });
      }),
  });
  await h.store.getState().boot();
  await h.settle();
  return h;
}

describe('the article list in the store', () => {
  it('shows the last rows without reading the pages before them, then fills the middle from its neighbours', async () => {
    const h = await bigList();
    const { PAGE_SIZE } = await import('../../src/renderer/src/store/articles');
    const s = h.store.getState();
    expect(s.listTotal).toBe(N);
    expect(s.listRows.size).toBe(PAGE_SIZE);
    s.ensureRows(N - 20, N - 1);
    await h.settle();
    const rows = h.store.getState().listRows;
    expect(rows.size).toBe(2 * PAGE_SIZE);
    expect(rows.at(N - 1)).toMatchObject({ title: `A${N - 1}`, position: N - 1 });
    expect(rows.at(N - PAGE_SIZE - 1)).toBeUndefined();
    // The rest, as a scroll would ask for it: each page from a loaded neighbour.
    h.store.getState().ensureRows(0, N - 1);
    await h.settle();
    const project = h.workspace.project!;
    const want = listArticles(project.db, project.requireAnnotator(), { status: 'all', at: 0, limit: N }).items;
    expect(Array.from({ length: N }, (_, i) => h.store.getState().listRows.at(i))).toEqual(want);
  });

  it('an edit replaces its own row and no other', async () => {
    const h = await bigList();
    h.store.getState().ensureRows(0, N - 1);
    await h.settle();
    const s = h.store.getState();
    const open = s.article!;
    const before: (ArticleListItem | undefined)[] = Array.from({ length: N }, (_, i) => s.listRows.at(i));
    const version = s.listRowsVersion;
    s.setSelection({ anchor: 0, focus: 7 });
    s.applyLabel(s.labels[0]!.id);
    await h.settle();
    const after = h.store.getState();
    const changed = before.flatMap((row, i) => (after.listRows.at(i) === row ? [] : [i]));
    expect(changed).toEqual([open.position]);
    // The loaded rows are not copied per edit: the same container holds the new row.
    expect(after.listRows).toBe(s.listRows);
    expect(after.listRows.at(open.position)).toMatchObject({ id: open.id, spanCount: 1, status: 'in_progress' });
    expect(after.listRowsVersion).toBeGreaterThan(version);
  });
});
