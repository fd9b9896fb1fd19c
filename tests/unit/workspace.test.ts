// workspace.ts: the default project on first launch, config.json remembering the last project,
// reopening with everything still there, create() refusing to overwrite, the recent list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_NAME, Workspace } from '../../src/main/backend/workspace';
import type { Label, Progress, Span } from '../../src/shared/model';
import type { Result } from '../../src/shared/result';
import { RESOURCES, tempDir, appErrorCode } from './helpers';

function workspace(userDir: string): Workspace {
  return new Workspace({ userDir, resourcesDir: RESOURCES });
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function readConfig(userDir: string): { lastProject: string | null; recent: string[] } {
  return JSON.parse(fs.readFileSync(path.join(userDir, 'config.json'), 'utf8')) as {
    lastProject: string | null;
    recent: string[];
  };
}

describe('first launch', () => {
  it('creates the default demo project in userDir and remembers it in config.json', () => {
    const userDir = path.join(tempDir(), 'user data'); // does not exist yet
    const ws = workspace(userDir);
    expect(ws.project).toBeNull();
    const project = ws.openInitial();
    const expected = path.join(userDir, DEFAULT_PROJECT_NAME);
    expect(project.file).toBe(path.resolve(expected));
    expect(fs.existsSync(expected)).toBe(true);
    expect(ws.project).toBe(project);
    expect(readConfig(userDir)).toEqual({ lastProject: project.file, recent: [project.file] });
    // The demo set and default labels are there; nobody has said who they are yet.
    expect(value<{ annotator: unknown }>(ws.dispatch('getSession', {})).annotator).toBeNull();
    value(ws.dispatch('setAnnotator', { name: 'ana' }));
    expect(value<{ total: number }>(ws.dispatch('listArticles', {})).total).toBe(5);
    expect(value<Label[]>(ws.dispatch('listLabels', {})).map((l) => l.name)).toEqual([
      'ACTOR',
      'CLAIM',
      'LOCATION',
      'SANCTION',
    ]);
    ws.close();
  });

  it('with no project open, dispatch answers with an error instead of throwing', () => {
    const ws = workspace(tempDir());
    const r = ws.dispatch('listLabels', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/no project/);
  });

  it('an unreadable config.json is ignored (and rewritten on the next open)', () => {
    const userDir = tempDir();
    fs.writeFileSync(path.join(userDir, 'config.json'), '{ not json');
    const ws = workspace(userDir);
    const project = ws.openInitial();
    expect(path.basename(project.file)).toBe(DEFAULT_PROJECT_NAME);
    expect(readConfig(userDir).lastProject).toBe(project.file);
    ws.close();
  });
});

describe('reopening', () => {
  it('finds everything still there: spans, statuses, labels, annotator', () => {
    const userDir = tempDir();
    const first = workspace(userDir);
    first.openInitial();
    value(first.dispatch('setAnnotator', { name: 'ana' }));
    const articles = value<{ items: { id: number }[] }>(first.dispatch('listArticles', {})).items;
    const [a, b] = articles;
    const label = value<Label>(first.dispatch('createLabel', { name: 'WEAPON', color: '#123456' }));
    value(first.dispatch('updateLabel', { id: 1, name: 'PERSON' }));
    const s1 = value<Span>(first.dispatch('createSpan', { articleId: a!.id, labelId: label.id, start: 0, end: 3 }));
    const s2 = value<Span>(first.dispatch('createSpan', { articleId: a!.id, labelId: 1, start: 0, end: 8 }));
    const gone = value<Span>(first.dispatch('createSpan', { articleId: b!.id, labelId: 2, start: 2, end: 4 }));
    value(first.dispatch('deleteSpan', { id: gone.id }));
    value(first.dispatch('setStatus', { articleId: a!.id, status: 'done' }));
    const progress = value<Progress>(first.dispatch('getProgress', {}));
    const labels = value<Label[]>(first.dispatch('listLabels', {}));
    first.close();

    const second = workspace(userDir);
    const project = second.openInitial();
    expect(path.basename(project.file)).toBe(DEFAULT_PROJECT_NAME);
    expect(value<{ annotator: { name: string } }>(second.dispatch('getSession', {})).annotator.name).toBe('ana');
    expect(value<Span[]>(second.dispatch('listSpans', { articleId: a!.id }))).toEqual([s1, s2]);
    expect(value<Span[]>(second.dispatch('listSpans', { articleId: b!.id }))).toEqual([]);
    // The deleted span is still a tombstone, and can be restored after the restart (undo across sessions).
    expect(value<Span>(second.dispatch('restoreSpan', { id: gone.id })).id).toBe(gone.id);
    expect(value<{ status: string }>(second.dispatch('getArticle', { id: a!.id })).status).toBe('done');
    expect(value<{ status: string }>(second.dispatch('getArticle', { id: b!.id })).status).toBe('in_progress');
    expect(value<Progress>(second.dispatch('getProgress', {}))).toEqual(progress);
    expect(value<Label[]>(second.dispatch('listLabels', {}))).toEqual(labels);
    // Not seeded twice.
    expect(value<{ total: number }>(second.dispatch('listArticles', {})).total).toBe(5);
    second.close();
  });

  it('reopens the last project the user opened, not the default', () => {
    const userDir = tempDir();
    const mine = path.join(tempDir(), 'mine.spanwise');
    const first = workspace(userDir);
    first.openInitial();
    first.create(mine);
    value(first.dispatch('setAnnotator', { name: 'bob' }));
    value(first.dispatch('createLabel', { name: 'ONLY_HERE' }));
    first.close();

    const second = workspace(userDir);
    expect(second.openInitial().file).toBe(path.resolve(mine));
    expect(value<Label[]>(second.dispatch('listLabels', {})).some((l) => l.name === 'ONLY_HERE')).toBe(true);
    second.close();
  });

  it('falls back to the default project when the last one was deleted', () => {
    const userDir = tempDir();
    const mine = path.join(tempDir(), 'mine.spanwise');
    const first = workspace(userDir);
    first.open(mine);
    first.close();
    fs.rmSync(mine);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(mine + suffix, { force: true });

    const second = workspace(userDir);
    expect(path.basename(second.openInitial().file)).toBe(DEFAULT_PROJECT_NAME);
    expect(fs.existsSync(mine)).toBe(false);
    second.close();
  });

  it('falls back to the default project when the last one is unreadable, leaving that file alone', () => {
    const userDir = tempDir();
    const mine = path.join(tempDir(), 'mine.spanwise');
    const first = workspace(userDir);
    first.open(mine);
    first.close();
    fs.writeFileSync(mine, 'overwritten by something else entirely'.repeat(50));
    const bytes = fs.readFileSync(mine);

    const second = workspace(userDir);
    expect(path.basename(second.openInitial().file)).toBe(DEFAULT_PROJECT_NAME);
    expect(fs.readFileSync(mine).equals(bytes)).toBe(true);
    second.close();
  });
});

describe('open and create', () => {
  it('create() makes a new empty project (default labels, no articles) and switches to it', () => {
    const ws = workspace(tempDir());
    const demo = ws.openInitial();
    const file = path.join(tempDir(), 'sub', 'new.spanwise');
    const created = ws.create(file);
    expect(ws.project).toBe(created);
    expect(demo.db.open).toBe(false); // the previous project was closed
    value(ws.dispatch('setAnnotator', { name: 'ana' }));
    expect(value<{ total: number }>(ws.dispatch('listArticles', {})).total).toBe(0);
    expect(value<Label[]>(ws.dispatch('listLabels', {}))).toHaveLength(4);
    expect(value<string>(ws.dispatch('getGuidelines', {}))).toContain('SANCTION');
    ws.close();
  });

  it('create() refuses an existing file with CONFLICT, leaving it and the current project as they were', () => {
    const ws = workspace(tempDir());
    const current = ws.openInitial();
    const existing = path.join(tempDir(), 'existing.spanwise');
    const other = workspace(tempDir());
    other.open(existing);
    other.close();
    const bytes = fs.readFileSync(existing);
    expect(appErrorCode(() => ws.create(existing))).toBe('CONFLICT');
    expect(fs.readFileSync(existing).equals(bytes)).toBe(true);
    expect(ws.project).toBe(current);
    expect(current.db.open).toBe(true);
    // An existing file that is not a project is refused too.
    const notes = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(notes, 'my notes');
    expect(appErrorCode(() => ws.create(notes))).toBe('CONFLICT');
    expect(fs.readFileSync(notes, 'utf8')).toBe('my notes');
    ws.close();
  });

  it('a failed open keeps the current project open and the config unchanged', () => {
    const userDir = tempDir();
    const ws = workspace(userDir);
    const current = ws.openInitial();
    const config = readConfig(userDir);
    const bad = path.join(tempDir(), 'bad.spanwise');
    fs.writeFileSync(bad, 'not sqlite at all, just some text'.repeat(30));
    expect(appErrorCode(() => ws.open(bad))).toBe('NOT_A_PROJECT');
    expect(ws.project).toBe(current);
    expect(current.db.open).toBe(true);
    expect(readConfig(userDir)).toEqual(config);
    expect(value<{ projectPath: string }>(ws.dispatch('getSession', {})).projectPath).toBe(current.file);
    ws.close();
  });
});

describe('recent projects', () => {
  it('are most recent first, de-duplicated, and persisted', () => {
    const userDir = tempDir();
    const dir = tempDir();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => path.join(dir, `${n}.spanwise`));
    const ws = workspace(userDir);
    ws.open(a!);
    ws.open(b!);
    ws.open(c!);
    ws.open(a!);
    ws.open(b!);
    expect(ws.recent).toEqual([b, a, c]);
    ws.close();
    const again = workspace(userDir);
    expect(again.recent).toEqual([b, a, c]);
    expect(readConfig(userDir)).toEqual({ lastProject: b, recent: [b, a, c] });
  });

  it('a relative and an absolute path to the same file are one entry', () => {
    const userDir = tempDir();
    const dir = tempDir();
    const abs = path.join(dir, 'p.spanwise');
    const ws = workspace(userDir);
    ws.open(abs);
    ws.open(path.relative(process.cwd(), abs));
    expect(ws.recent).toEqual([abs]);
    ws.close();
  });

  it('are capped at ten', () => {
    const userDir = tempDir();
    const dir = tempDir();
    const files = Array.from({ length: 13 }, (_, i) => path.join(dir, `p${i}.spanwise`));
    const ws = workspace(userDir);
    for (const f of files) ws.open(f);
    expect(ws.recent).toEqual(files.slice(3).reverse());
    expect(readConfig(userDir).recent).toHaveLength(10);
    ws.close();
  });
});

describe('a project switch and the windows that have not seen it', () => {
  it('refuses a window’s calls until it loads the new project, so a queued edit never lands there', () => {
    const dir = tempDir();
    const w = workspace(path.join(dir, 'user'));
    const a = path.join(dir, 'a.spanwise');
    const b = path.join(dir, 'b.spanwise');
    w.open(a, { demo: true }).setAnnotator('ana');
    const win = 7;
    value(w.dispatch('loadProject', {}, win));
    const label = value<Label[]>(w.dispatch('listLabels', {}, win))[0]!;
    const edit = { articleId: 1, labelId: label.id, start: 0, end: 5 };
    value(w.dispatch('createSpan', edit, win));

    w.open(b, { demo: true }).setAnnotator('bob');
    const stale = w.dispatch('createSpan', edit, win);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    expect(w.project!.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 0 });
    // Another window (or the CLI, with no window) is not affected; this one is after loadProject
    // (reading the session, as a refresh does, is not loading the project).
    expect(w.dispatch('listLabels', {}, 8).ok).toBe(true);
    expect(w.dispatch('getSession', {}, win).ok).toBe(false);
    expect(w.dispatch('createSpan', edit, win).ok).toBe(false);
    value(w.dispatch('loadProject', {}, win));
    value(w.dispatch('createSpan', edit, win));
    expect(value<Span[]>(w.dispatch('listSpans', { articleId: 1 }))).toHaveLength(1);
    w.close();
  });
});
