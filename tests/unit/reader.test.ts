// The reader: the methods the contract marks off-main, served by a worker thread with its own
// connection, on real project files. Each answer must equal the main thread's answer over the
// same file, see what was committed before the call, come back as the contract's error data,
// and keep the window's calls in the order it made them.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import { ensureAnnotator } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { openDb } from '../../src/main/backend/db/open';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { createSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';
import { Workspace } from '../../src/main/backend/workspace';
import { OFF_MAIN_METHODS, type Method, type Output } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { labelIdOf, reviewProject, SUMMIT, type Layers } from './fixtures/adjudication';
import { RESOURCES, tempDir } from './helpers';

const BORDER = {
  title: 'Border',
  text: 'Troops crossed the border near Kharkiv at dawn.',
  layers: {
    alice: [
      [0, 6, 'ACTOR'],
      [30, 37, 'LOCATION'],
    ],
    bob: [[0, 6, 'ACTOR']],
    carol: [
      [0, 6, 'ACTOR'],
      [19, 37, 'LOCATION'],
    ],
  } as Layers,
};

let host: JobsHost;
let ws: Workspace;

beforeEach(() => {
  host = sourceJobsHost();
});
afterEach(async () => {
  ws?.close();
  await host.runner.shutdown();
});

/** The fixture's project, closed and opened again in a workspace whose host runs workers. */
async function reviewWorkspace(): Promise<{ file: string; ids: number[] }> {
  const r = reviewProject([SUMMIT, BORDER]);
  const file = r.p.file;
  r.p.close();
  ws = new Workspace({ userDir: tempDir(), resourcesDir: RESOURCES, jobs: host });
  ws.open(file);
  // Until its worker has loaded, the workspace serves these calls on the main thread.
  await ws.project!.reader!.whenReady();
  return { file, ids: r.ids };
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Served as the window's calls are; `offMain` says whether the answer came from the reader. */
async function served<M extends Method>(
  method: M,
  input: unknown = {},
): Promise<{ value: Output<M>; offMain: boolean }> {
  const answer = ws.serve(method, input);
  return { value: value<Output<M>>(await answer), offMain: answer instanceof Promise };
}

describe('the reader', () => {
  it('serves the review queue off the main thread, the same as the main thread computes it', async () => {
    await reviewWorkspace();
    value(ws.dispatch('setAnnotator', { name: 'rita' }));
    expect(OFF_MAIN_METHODS).toContain('reviewQueue');
    for (const filter of ['all', 'open', 'adjudicated'] as const) {
      const off = await served('reviewQueue', { filter });
      expect(off.offMain).toBe(true);
      expect(off.value).toEqual(value(ws.dispatch('reviewQueue', { filter })));
    }
    const all = (await served('reviewQueue', { filter: 'all' })).value;
    expect(all.items.map((i) => i.title).sort()).toEqual(['Border', 'Summit']);
    const reads = [
      ['search', { query: 'Kim', limit: 20 }],
      ['pairConflicts', { a: 'alice', b: 'bob' }],
      ['pairConflicts', { a: 'alice', b: 'carol', label: 'LOCATION' }],
    ] as const;
    for (const [method, input] of reads) {
      const off = await served(method, input);
      expect(off.offMain).toBe(true);
      expect(off.value).toEqual(value(ws.dispatch(method, input)));
    }
    expect((await served('pairConflicts', { a: 'alice', b: 'bob' })).value.conflicts.length).toBeGreaterThan(0);
    expect((await served('search', { query: 'Kim' })).value.total).toBeGreaterThan(0);
    // Calls the contract leaves on the main thread answer at once.
    expect(ws.serve('getPolicy', {})).not.toBeInstanceOf(Promise);
  });

  it("counts every occurrence and previews a search's hits off the main thread, as the main thread does", async () => {
    const { file, ids } = await reviewWorkspace();
    // A third article where Kim recurs, added by another connection.
    const { db } = openDb(file);
    const again = writeTransaction(db, (w) =>
      addArticle(w, { title: 'Again', source: 'test', text: 'Kim spoke. Kim left.' }),
    ).id;
    db.close();
    value(ws.dispatch('setAnnotator', { name: 'alice' }));
    const actor = value<Output<'listLabels'>>(ws.dispatch('listLabels', {})).find((l) => l.name === 'ACTOR')!.id;
    const reads = [
      // "Kim" at the start of the summit's text.
      ['findOccurrences', { articleId: ids[0]!, start: 0, end: 3, labelId: actor, scope: 'set', caseSensitive: true }],
      ['findSearchHits', { query: 'Kim', labelId: actor }],
      // Suggestions from alice's own "Kim" (the window's process brings the sentence index up to date first).
      ['listSuggestions', { articleId: again }],
      ['listSuggestions', { articleId: again, limit: 1, near: 12 }],
    ] as const;
    for (const [method, input] of reads) {
      const off = await served(method, input);
      expect(off.offMain, method).toBe(true);
      expect(off.value, method).toEqual(value(ws.dispatch(method, input)));
    }
    expect((await served('findOccurrences', reads[0][1])).value.total).toBe(2);
    const near = (await served('listSuggestions', reads[3][1])).value;
    expect(near.suggestions.map((g) => [g.start, g.text])).toEqual([[11, 'Kim']]);
    expect(near.total).toBe(2);
    expect(near.index).toBeUndefined();
  });

  it('sees what was committed before the call, by this process or another', async () => {
    const { file, ids } = await reviewWorkspace();
    value(ws.dispatch('setAnnotator', { name: 'rita' }));
    const before = (await served('reviewQueue', { filter: 'open' })).value;
    const summit = ids[0]!;
    const article = value<Output<'reviewArticle'>>(ws.dispatch('reviewArticle', { articleId: summit }));
    const label = article.clusters.find((c) => c.start === 8 && c.kinds.includes('label'))!;
    value(ws.dispatch('decide', { articleId: summit, clusterId: label.id, action: { take: 'bob' } }));
    const after = (await served('reviewQueue', { filter: 'open' })).value;
    expect(after.progress.resolved).toBe(before.progress.resolved + 1);

    // Another connection (the CLI, a job) adds an article two people have done.
    const { db } = openDb(file);
    const added = writeTransaction(db, (w) => {
      const { id } = addArticle(w, { title: 'Late', source: 'test', text: 'Kim spoke.' });
      for (const who of ['alice', 'bob']) setStatus(w, ensureAnnotator(w, who).id, id, 'done');
      return id;
    });
    createSpan(db, ensureAnnotatorId(db, 'alice'), {
      articleId: added,
      labelId: labelIdOf(db, 'ACTOR'),
      start: 0,
      end: 3,
    });
    db.close();
    const late = (await served('reviewQueue', { filter: 'all' })).value;
    expect(late.items.map((i) => i.articleId)).toContain(added);
    expect(late).toEqual(value(ws.dispatch('reviewQueue', { filter: 'all' })));
  });

  it('undoes a decision on the reader as one write, and later calls wait for it', async () => {
    const { ids } = await reviewWorkspace();
    value(ws.dispatch('setAnnotator', { name: 'rita' }));
    const summit = ids[0]!;
    const article = value<Output<'reviewArticle'>>(ws.dispatch('reviewArticle', { articleId: summit }));
    const label = article.clusters.find((c) => c.start === 8 && c.kinds.includes('label'))!;
    value(ws.dispatch('decide', { articleId: summit, clusterId: label.id, action: { take: 'bob' } }));

    const undo = ws.serve('undoDecision', {});
    expect(undo).toBeInstanceOf(Promise);
    // Sent after the undo: answered after it, so it reads the article with the decision gone.
    const next = ws.serve('reviewArticle', { articleId: summit });
    expect(next).toBeInstanceOf(Promise);
    const undone = value<Output<'undoDecision'>>(await undo);
    expect(undone.undone.map((d) => d.articleId)).toEqual([summit]);
    expect(undone.article?.progress.resolved).toBe(0);
    expect(value<Output<'reviewArticle'>>(await next).progress.resolved).toBe(0);
    // The main thread's connection reads the undo the reader committed.
    expect(value<Output<'reviewArticle'>>(ws.dispatch('reviewArticle', { articleId: summit })).progress.resolved).toBe(
      0,
    );
    // Nothing left to undo: the same answer as the main thread's.
    expect(value(await ws.serve('undoDecision', {}))).toEqual(value(ws.dispatch('undoDecision', {})));
  });

  it('starts its worker with the first call, served on the main thread until the worker has loaded', async () => {
    const r = reviewProject([SUMMIT]);
    const file = r.p.file;
    r.p.close();
    ws = new Workspace({ userDir: tempDir(), resourcesDir: RESOURCES, jobs: host });
    ws.open(file);
    value(ws.dispatch('setAnnotator', { name: 'rita' }));
    // Opening starts no worker (the CLI never needs one); the window's first call starts it, and
    // an off-main call is served here until it has loaded.
    expect(ws.project!.reader!.ready).toBe(false);
    const early = ws.serve('reviewQueue', {});
    expect(early).not.toBeInstanceOf(Promise);
    await ws.project!.reader!.whenReady();
    const later = ws.serve('reviewQueue', {});
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toEqual(early);
  });

  it('serves the article list off the main thread, its label and text filters included, as the main thread does', async () => {
    await reviewWorkspace();
    value(ws.dispatch('setAnnotator', { name: 'alice' }));
    const labels = value<{ id: number; name: string }[]>(ws.dispatch('listLabels', {}));
    const actor = labels.find((l) => l.name === 'ACTOR')!.id;
    const location = labels.find((l) => l.name === 'LOCATION')!.id;
    const sanction = labels.find((l) => l.name === 'SANCTION')!.id;
    const queries = [
      { status: 'all' },
      { status: 'todo', limit: 1 },
      { withLabel: actor },
      { withoutLabel: location },
      { status: 'all', withoutLabel: actor, textQuery: 'Kim' },
      { titleQuery: 'bord' },
    ];
    for (const q of queries) {
      const off = await served('listArticles', q);
      expect(off.offMain).toBe(true);
      expect(off.value).toEqual(value(ws.dispatch('listArticles', q)));
    }
    // The filters do narrow: each answer is not the whole list.
    const all = (await served('listArticles', {})).value.total;
    expect(all).toBe(2);
    expect((await served('listArticles', { titleQuery: 'bord' })).value.items.map((i) => i.title)).toEqual(['Border']);
    // A span written on the main thread is in the reader's next page at once.
    const border = (await served('listArticles', { titleQuery: 'bord' })).value.items[0]!;
    const before = (await served('listArticles', { withoutLabel: sanction })).value;
    // Nobody has a SANCTION span yet.
    expect(before.items.map((i) => i.id)).toContain(border.id);
    value(
      ws.dispatch('createSpan', {
        id: '0199aaaa-0000-7000-8000-00000000abcd',
        articleId: border.id,
        labelId: sanction,
        start: 0,
        end: 3,
      }),
    );
    const after = (await served('listArticles', { withoutLabel: sanction })).value;
    expect(after.items.map((i) => i.id)).not.toContain(border.id);
    expect(after.total).toBe(before.total - 1);
    expect((await served('listArticles', { withLabel: sanction })).value.items.map((i) => i.id)).toContain(border.id);
  });

  it("answers with the contract's errors, never a stack", async () => {
    await reviewWorkspace();
    const bad = await ws.serve('reviewQueue', { filter: 'later' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('BAD_INPUT');
    expect(bad.error.message).toMatch(/^reviewQueue: filter: /);
    // Nobody has said who they are: undo has no one to undo for.
    const nobody = await ws.serve('undoDecision', {});
    expect(nobody).toEqual({
      ok: false,
      error: { code: 'NO_ANNOTATOR', message: 'no annotator is set for this project: set a name first' },
    });
    for (const r of [bad, nobody]) expect(JSON.stringify(r)).not.toMatch(/\n\s+at /);
  });

  it('answers calls still waiting when the project closes, and starts afresh on the next project', async () => {
    await reviewWorkspace();
    value(ws.dispatch('setAnnotator', { name: 'rita' }));
    const waiting = ws.serve('reviewQueue', {});
    ws.close();
    const closed = await waiting;
    expect(closed).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'the project was closed before this call was answered' },
    });
    const other = await reviewWorkspace();
    value(ws.dispatch('setAnnotator', { name: 'rita' }));
    expect((await served('reviewQueue', {})).value.items).toHaveLength(other.ids.length);
    expect(path.isAbsolute(other.file)).toBe(true);
  });
});

function ensureAnnotatorId(db: Parameters<typeof labelIdOf>[0], name: string): number {
  return writeTransaction(db, (w) => ensureAnnotator(w, name).id);
}
