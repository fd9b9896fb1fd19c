// status.ts: per-annotator article status and the progress counts derived from it.
import { writeTransaction } from '../../src/main/backend/db/handles';
import { describe, expect, it } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import type { Project } from '../../src/main/backend/project';
import { getProgress, setStatus, touchStatus } from '../../src/main/backend/status';
import { tempProject, appErrorCode } from './helpers';

function articleIds(p: Project): number[] {
  return p.handlers.listArticles({ status: 'all', at: 0, limit: 100 }).items.map((a) => a.id);
}

describe('progress', () => {
  it('starts with every article todo', () => {
    const p = tempProject({ demo: true });
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 5, inProgress: 0, done: 0, skipped: 0, flagged: 0 });
  });

  it('follows setStatus, and setStatus returns the new progress', () => {
    const p = tempProject({ demo: true });
    const [a, b, c] = articleIds(p);
    expect(p.handlers.setStatus({ articleId: a!, status: 'done' })).toEqual({
      status: 'done',
      progress: { total: 5, todo: 4, inProgress: 0, done: 1, skipped: 0, flagged: 0 },
    });
    p.handlers.setStatus({ articleId: b!, status: 'in_progress' });
    p.handlers.setStatus({ articleId: c!, status: 'done' });
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 2, inProgress: 1, done: 2, skipped: 0, flagged: 0 });
    // Back to todo (an explicit row) and re-marking done does not double count.
    p.handlers.setStatus({ articleId: c!, status: 'todo' });
    p.handlers.setStatus({ articleId: a!, status: 'done' });
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 3, inProgress: 1, done: 1, skipped: 0, flagged: 0 });
    expect(p.handlers.listArticles({ status: 'done', at: 0, limit: 10 }).items.map((x) => x.id)).toEqual([a]);
  });

  it('counts span edits as in progress', () => {
    const p = tempProject({ demo: true });
    const [a] = articleIds(p);
    const label = p.handlers.listLabels({})[0]!.id;
    p.handlers.createSpan({ articleId: a!, labelId: label, start: 0, end: 3 });
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 4, inProgress: 1, done: 0, skipped: 0, flagged: 0 });
  });

  it('two annotators are independent', () => {
    const p = tempProject({ demo: true });
    const [a, b, c] = articleIds(p);
    const label = p.handlers.listLabels({})[0]!.id;
    p.handlers.setStatus({ articleId: a!, status: 'done' });
    p.handlers.setStatus({ articleId: b!, status: 'done' });
    const ana = p.requireAnnotator();

    p.setAnnotator('bob');
    const bob = p.requireAnnotator();
    expect(bob).not.toBe(ana);
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 5, inProgress: 0, done: 0, skipped: 0, flagged: 0 });
    p.handlers.createSpan({ articleId: c!, labelId: label, start: 0, end: 3 });
    p.handlers.setStatus({ articleId: a!, status: 'in_progress' });
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 3, inProgress: 2, done: 0, skipped: 0, flagged: 0 });
    expect(p.handlers.getArticle({ id: a! }).status).toBe('in_progress');

    p.setAnnotator('ana');
    expect(p.handlers.getProgress({})).toEqual({ total: 5, todo: 3, inProgress: 0, done: 2, skipped: 0, flagged: 0 });
    expect(p.handlers.getArticle({ id: a! }).status).toBe('done');
    expect(getProgress(p.db, bob)).toEqual({ total: 5, todo: 3, inProgress: 2, done: 0, skipped: 0, flagged: 0 });
  });

  it('total includes articles added later, which start as todo', () => {
    const p = tempProject({ demo: true });
    const [a] = articleIds(p);
    p.handlers.setStatus({ articleId: a!, status: 'done' });
    writeTransaction(p.db, (w) => addArticle(w, { title: 'new', source: 's', text: 'A new article.' }));
    expect(p.handlers.getProgress({})).toEqual({ total: 6, todo: 5, inProgress: 0, done: 1, skipped: 0, flagged: 0 });
  });
});

describe('setStatus and touchStatus', () => {
  it('an unknown article is NOT_FOUND and writes nothing', () => {
    const p = tempProject({ demo: true });
    const changes = p.db.prepare('SELECT total_changes() AS n').get();
    expect(appErrorCode(() => p.handlers.setStatus({ articleId: 999, status: 'done' }))).toBe('NOT_FOUND');
    expect(p.db.prepare('SELECT total_changes() AS n').get()).toEqual(changes);
    expect(p.db.prepare('SELECT count(*) AS n FROM article_status').get()).toEqual({ n: 0 });
  });

  it('touchStatus moves todo (absent or explicit) to in_progress and leaves in_progress/done alone', () => {
    const p = tempProject({ demo: true });
    const me = p.requireAnnotator();
    const [a, b, c, d] = articleIds(p);
    writeTransaction(p.db, (w) => setStatus(w, me, b!, 'todo'));
    writeTransaction(p.db, (w) => setStatus(w, me, c!, 'done'));
    writeTransaction(p.db, (w) => setStatus(w, me, d!, 'in_progress'));
    for (const id of [a!, b!, c!, d!]) writeTransaction(p.db, (w) => touchStatus(w, me, id));
    const statusOf = (id: number) => p.handlers.getArticle({ id }).status;
    expect([a, b, c, d].map((id) => statusOf(id!))).toEqual(['in_progress', 'in_progress', 'done', 'in_progress']);
  });

  it('with no annotator set, status and progress calls are NO_ANNOTATOR', () => {
    const p = tempProject({ demo: true, annotator: null });
    expect(appErrorCode(() => p.handlers.getProgress({}))).toBe('NO_ANNOTATOR');
    expect(appErrorCode(() => p.handlers.setStatus({ articleId: 1, status: 'done' }))).toBe('NO_ANNOTATOR');
    expect(appErrorCode(() => p.handlers.listArticles({ status: 'all', at: 0, limit: 10 }))).toBe('NO_ANNOTATOR');
    expect(p.handlers.getSession({}).annotator).toBeNull();
    expect(p.handlers.setAnnotator({ name: 'cara' }).annotator).toMatchObject({ name: 'cara', role: 'annotator' });
    expect(p.handlers.getProgress({}).total).toBe(5);
  });

  it('setAnnotator with a known name reuses that annotator', () => {
    const p = tempProject({ demo: true });
    const ana = p.requireAnnotator();
    p.handlers.setAnnotator({ name: 'bob' });
    p.handlers.setAnnotator({ name: 'ana' });
    expect(p.requireAnnotator()).toBe(ana);
    expect(p.handlers.listAnnotators({}).map((x) => x.name)).toEqual(['ana', 'bob']);
  });
});

describe('skipped and flagged', () => {
  it('count apart from done and todo; a flag keeps its note, any other status clears it', () => {
    const p = tempProject({ demo: true });
    const [a, b, c] = articleIds(p);
    p.handlers.setStatus({ articleId: a!, status: 'skipped' });
    expect(p.handlers.setStatus({ articleId: b!, status: 'flagged', note: 'two stories in one' }).progress).toEqual({
      total: 5,
      todo: 3,
      inProgress: 0,
      done: 0,
      skipped: 1,
      flagged: 1,
    });
    expect(p.handlers.getArticle({ id: b! })).toMatchObject({ status: 'flagged', statusNote: 'two stories in one' });
    expect(p.handlers.getArticle({ id: a! })).toMatchObject({ status: 'skipped', statusNote: '' });
    expect(p.handlers.listArticles({ status: 'flagged', at: 0, limit: 10 }).items.map((x) => x.id)).toEqual([b]);
    expect(p.handlers.listArticles({ status: 'skipped', at: 0, limit: 10 }).items.map((x) => x.id)).toEqual([a]);
    // Reopened: in progress, the note gone.
    p.handlers.setStatus({ articleId: b!, status: 'in_progress' });
    expect(p.handlers.getArticle({ id: b! })).toMatchObject({ status: 'in_progress', statusNote: '' });
    // A note on anything but a flag is refused, and nothing changes.
    expect(appErrorCode(() => p.handlers.setStatus({ articleId: c!, status: 'done', note: 'why' }))).toBe('BAD_INPUT');
    expect(p.handlers.getArticle({ id: c! }).status).toBe('todo');
  });

  it('"next undone" passes over skipped and flagged articles, as over done ones', () => {
    const p = tempProject({ demo: true });
    const [a, b, c, d] = articleIds(p);
    p.handlers.setStatus({ articleId: b!, status: 'skipped' });
    p.handlers.setStatus({ articleId: c!, status: 'flagged', note: 'unclear' });
    expect(p.handlers.nextArticle({ afterId: a!, undoneOnly: true, direction: 1 })).toEqual({ id: d });
    expect(p.handlers.nextArticle({ afterId: a!, undoneOnly: false, direction: 1 })).toEqual({ id: b });
  });

  it('a first edit does not reopen a skipped or flagged article', () => {
    const p = tempProject({ demo: true });
    const [a] = articleIds(p);
    p.handlers.setStatus({ articleId: a!, status: 'flagged', note: 'check the quote' });
    const label = p.handlers.listLabels({})[0]!.id;
    p.handlers.createSpan({ articleId: a!, labelId: label, start: 0, end: 3 });
    expect(p.handlers.getArticle({ id: a! })).toMatchObject({ status: 'flagged', statusNote: 'check the quote' });
  });
});
