// spans.ts: CRUD with overlapping and nested spans, offset validation (UTF-16, never splitting a
// surrogate pair), ownership, tombstones, client ids, the data undo relies on, and status.
import { writeTransaction } from '../../src/main/backend/db/handles';
import { describe, expect, it } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import type { Project } from '../../src/main/backend/project';
import { createSpan, deleteSpan, listSpans, restoreSpan, updateSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';
import type { Span } from '../../src/shared/model';
import { AppError } from '../../src/shared/result';
import { tempProject } from './helpers';

const TEXT = 'Kim Jong Un met Putin at Vostochny 🚀 on Wednesday, the Kremlin said.';
const ROCKET = TEXT.indexOf('🚀');
const KREMLIN = TEXT.indexOf('the Kremlin'); // 52..63
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Fixture {
  p: Project;
  articleId: number;
  otherArticleId: number;
  actor: number;
  claim: number;
  location: number;
  me: number;
}

function setup(): Fixture {
  const p = tempProject({ demo: false });
  const articleId = writeTransaction(p.db, (w) => addArticle(w, { title: 'T', source: 's', text: TEXT })).id;
  const otherArticleId = writeTransaction(p.db, (w) =>
    addArticle(w, { title: 'U', source: 's', text: 'Another text.' }),
  ).id;
  const ids = new Map(p.handlers.listLabels({}).map((l) => [l.name, l.id]));
  return {
    p,
    articleId,
    otherArticleId,
    actor: ids.get('ACTOR')!,
    claim: ids.get('CLAIM')!,
    location: ids.get('LOCATION')!,
    me: p.requireAnnotator(),
  };
}

function catchAppError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

function totalChanges(p: Project): number {
  return (p.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

function status(p: Project, articleId: number): string {
  return p.handlers.getArticle({ id: articleId }).status;
}

const spanText = (s: Span): string => TEXT.slice(s.start, s.end);
const withoutTime = ({ updatedAt: _u, ...rest }: Span) => rest;

describe('create and list', () => {
  it('creates a span with a uuid, the current annotator, manual origin and timestamps', () => {
    const { p, articleId, actor, me } = setup();
    const before = new Date().toISOString();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 11 });
    expect(s).toMatchObject({ articleId, annotatorId: me, labelId: actor, start: 0, end: 11, origin: 'manual' });
    expect(s.id).toMatch(UUID);
    expect(s.createdAt).toBe(s.updatedAt);
    expect(s.createdAt >= before).toBe(true);
    expect(spanText(s)).toBe('Kim Jong Un');
    expect(p.handlers.listSpans({ articleId })).toEqual([s]);
  });

  it('keeps overlapping and nested spans, listed by start then end', () => {
    const { p, articleId, actor, claim, location } = setup();
    const claimSpan = p.handlers.createSpan({ articleId, labelId: claim, start: 0, end: TEXT.length });
    const kremlin = p.handlers.createSpan({ articleId, labelId: actor, start: KREMLIN, end: KREMLIN + 11 });
    const kim = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 11 });
    const place = p.handlers.createSpan({ articleId, labelId: location, start: 25, end: 34 });
    // Partly overlapping: "Putin at Vostochny" against "Vostochny".
    const overlap = p.handlers.createSpan({ articleId, labelId: claim, start: 16, end: 34 });
    // The same range under another label.
    const same = p.handlers.createSpan({ articleId, labelId: location, start: 0, end: 11 });

    expect(spanText(place)).toBe('Vostochny');
    expect(spanText(kremlin)).toBe('the Kremlin');
    const listed = p.handlers.listSpans({ articleId });
    expect(listed).toHaveLength(6);
    expect(listed.map((s) => [s.start, s.end])).toEqual([
      [0, 11],
      [0, 11],
      [0, TEXT.length],
      [16, 34],
      [25, 34],
      [52, 63],
    ]);
    expect(new Set(listed.map((s) => s.id))).toEqual(
      new Set([claimSpan.id, kremlin.id, kim.id, place.id, overlap.id, same.id]),
    );
  });

  it('offsets are UTF-16: a span over an emoji covers both halves of the surrogate pair', () => {
    const { p, articleId, claim } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: claim, start: ROCKET, end: ROCKET + 2 });
    expect(spanText(s)).toBe('🚀');
    const after = p.handlers.createSpan({ articleId, labelId: claim, start: ROCKET + 2, end: TEXT.length });
    expect(spanText(after)).toBe(' on Wednesday, the Kremlin said.');
  });

  it('a span may end exactly at the end of the text', () => {
    const { p, articleId, claim } = setup();
    expect(p.handlers.createSpan({ articleId, labelId: claim, start: TEXT.length - 1, end: TEXT.length }).end).toBe(
      TEXT.length,
    );
  });

  it('lists spans of one article and one annotator only', () => {
    const { p, articleId, otherArticleId, actor } = setup();
    const mine = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    p.handlers.createSpan({ articleId: otherArticleId, labelId: actor, start: 0, end: 7 });
    p.setAnnotator('bob');
    const bobs = p.handlers.createSpan({ articleId, labelId: actor, start: 4, end: 8 });
    expect(p.handlers.listSpans({ articleId })).toEqual([bobs]);
    p.setAnnotator('ana');
    expect(p.handlers.listSpans({ articleId })).toEqual([mine]);
    expect(p.handlers.listSpans({ articleId: 999 })).toEqual([]);
  });
});

describe('offset validation', () => {
  it('end <= start is BAD_INPUT naming both values', () => {
    const { p, articleId, actor } = setup();
    const equal = catchAppError(() =>
      createSpan(p.db, p.requireAnnotator(), { articleId, labelId: actor, start: 5, end: 5 }),
    );
    expect(equal.code).toBe('BAD_INPUT');
    expect(equal.message).toMatch(/\b5\b.*\b5\b/);
    const reversed = catchAppError(() =>
      createSpan(p.db, p.requireAnnotator(), { articleId, labelId: actor, start: 9, end: 4 }),
    );
    expect(reversed.code).toBe('BAD_INPUT');
    expect(reversed.message).toContain('4');
    expect(reversed.message).toContain('9');
  });

  it('an end past the text is BAD_INPUT naming the end and the length', () => {
    const { p, articleId, actor } = setup();
    const err = catchAppError(() =>
      p.handlers.createSpan({ articleId, labelId: actor, start: 3, end: TEXT.length + 1 }),
    );
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(String(TEXT.length + 1));
    expect(err.message).toContain(String(TEXT.length));
    const far = catchAppError(() => p.handlers.createSpan({ articleId, labelId: actor, start: 500, end: 501 }));
    expect(far.code).toBe('BAD_INPUT');
  });

  it('a start or end inside a surrogate pair is BAD_INPUT naming the offsets', () => {
    const { p, articleId, actor } = setup();
    const atEnd = catchAppError(() => p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: ROCKET + 1 }));
    expect(atEnd.code).toBe('BAD_INPUT');
    expect(atEnd.message).toContain(String(ROCKET + 1));
    expect(atEnd.message).toMatch(/surrogate/);
    const atStart = catchAppError(() =>
      p.handlers.createSpan({ articleId, labelId: actor, start: ROCKET + 1, end: ROCKET + 5 }),
    );
    expect(atStart.code).toBe('BAD_INPUT');
    expect(atStart.message).toContain(String(ROCKET + 1));
  });

  it('updates are validated the same way', () => {
    const { p, articleId, actor } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    expect(catchAppError(() => p.handlers.updateSpan({ id: s.id, end: 0 })).code).toBe('BAD_INPUT');
    expect(catchAppError(() => p.handlers.updateSpan({ id: s.id, start: 3 })).code).toBe('BAD_INPUT');
    expect(catchAppError(() => p.handlers.updateSpan({ id: s.id, end: TEXT.length + 2 })).code).toBe('BAD_INPUT');
    expect(
      catchAppError(() => p.handlers.updateSpan({ id: s.id, start: ROCKET - 2, end: ROCKET + 1 })).message,
    ).toMatch(/surrogate/);
    expect(p.handlers.listSpans({ articleId })).toEqual([s]);
  });

  it('offsets are checked against the span’s own article, not another one', () => {
    const { p, articleId, otherArticleId, actor } = setup();
    // 20 is inside TEXT but past the end of "Another text." (13 units).
    expect(
      catchAppError(() => p.handlers.createSpan({ articleId: otherArticleId, labelId: actor, start: 0, end: 20 })).code,
    ).toBe('BAD_INPUT');
    const s = p.handlers.createSpan({ articleId: otherArticleId, labelId: actor, start: 0, end: 7 });
    expect(catchAppError(() => p.handlers.updateSpan({ id: s.id, end: 20 })).code).toBe('BAD_INPUT');
    expect(p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 20 }).end).toBe(20);
  });
});

describe('references and ownership', () => {
  it('an unknown label or article is NOT_FOUND', () => {
    const { p, articleId, actor } = setup();
    const label = catchAppError(() => p.handlers.createSpan({ articleId, labelId: 999, start: 0, end: 3 }));
    expect(label.code).toBe('NOT_FOUND');
    expect(label.message).toMatch(/label 999/);
    const article = catchAppError(() => p.handlers.createSpan({ articleId: 999, labelId: actor, start: 0, end: 3 }));
    expect(article.code).toBe('NOT_FOUND');
    expect(article.message).toMatch(/article 999/);
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    expect(catchAppError(() => p.handlers.updateSpan({ id: s.id, labelId: 999 })).code).toBe('NOT_FOUND');
    expect(p.handlers.listSpans({ articleId })).toEqual([s]);
  });

  it('an unknown span id is NOT_FOUND for update, delete and restore', () => {
    const { p } = setup();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const fn of [
      () => p.handlers.updateSpan({ id, start: 1 }),
      () => p.handlers.deleteSpan({ id }),
      () => p.handlers.restoreSpan({ id }),
    ]) {
      const err = catchAppError(fn);
      expect(err.code).toBe('NOT_FOUND');
      expect(err.message).toContain(id);
    }
  });

  it("another annotator's span cannot be updated, deleted or restored (FORBIDDEN), and is left as it was", () => {
    const { p, articleId, actor, claim } = setup();
    p.setAnnotator('bob');
    const bobs = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    const bobsDeleted = p.handlers.createSpan({ articleId, labelId: actor, start: 4, end: 8 });
    p.handlers.deleteSpan({ id: bobsDeleted.id });
    const rows = p.db.prepare('SELECT * FROM spans ORDER BY id').all();
    p.setAnnotator('ana');
    expect(catchAppError(() => p.handlers.updateSpan({ id: bobs.id, labelId: claim })).code).toBe('FORBIDDEN');
    expect(catchAppError(() => p.handlers.deleteSpan({ id: bobs.id })).code).toBe('FORBIDDEN');
    expect(catchAppError(() => p.handlers.restoreSpan({ id: bobsDeleted.id })).code).toBe('FORBIDDEN');
    expect(p.db.prepare('SELECT * FROM spans ORDER BY id').all()).toEqual(rows);
    // Nor does trying touch ana's status on that article.
    expect(status(p, articleId)).toBe('todo');
  });
});

describe('tombstones and ids', () => {
  it('delete leaves a tombstone row; restore brings the same id and offsets back', () => {
    const { p, articleId, actor } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 4, end: 8 });
    const deleted = p.handlers.deleteSpan({ id: s.id });
    expect(withoutTime(deleted)).toEqual(withoutTime(s));
    expect(p.handlers.listSpans({ articleId })).toEqual([]);
    expect(p.db.prepare('SELECT id, deleted, start_offset, end_offset FROM spans').all()).toEqual([
      { id: s.id, deleted: 1, start_offset: 4, end_offset: 8 },
    ]);
    const restored = p.handlers.restoreSpan({ id: s.id });
    expect(withoutTime(restored)).toEqual(withoutTime(s));
    expect(p.handlers.listSpans({ articleId })).toEqual([restored]);
    expect(p.db.prepare('SELECT deleted FROM spans WHERE id = ?').get(s.id)).toEqual({ deleted: 0 });
  });

  it('deleting twice or restoring a live span is CONFLICT; a deleted span cannot be updated', () => {
    const { p, articleId, actor } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 4, end: 8 });
    expect(catchAppError(() => p.handlers.restoreSpan({ id: s.id })).code).toBe('CONFLICT');
    p.handlers.deleteSpan({ id: s.id });
    expect(catchAppError(() => p.handlers.deleteSpan({ id: s.id })).code).toBe('CONFLICT');
    expect(catchAppError(() => p.handlers.updateSpan({ id: s.id, end: 9 })).code).toBe('NOT_FOUND');
    expect(p.db.prepare('SELECT end_offset FROM spans WHERE id = ?').get(s.id)).toEqual({ end_offset: 8 });
  });

  it('keeps a client-provided uuid; a duplicate id is CONFLICT, even for a tombstone or another annotator', () => {
    const { p, articleId, actor, claim } = setup();
    const id = '3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60';
    const s = p.handlers.createSpan({ id, articleId, labelId: actor, start: 0, end: 3 });
    expect(s.id).toBe(id);
    const dup = catchAppError(() => p.handlers.createSpan({ id, articleId, labelId: claim, start: 4, end: 8 }));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain(id);
    p.handlers.deleteSpan({ id });
    expect(catchAppError(() => p.handlers.createSpan({ id, articleId, labelId: claim, start: 4, end: 8 })).code).toBe(
      'CONFLICT',
    );
    p.setAnnotator('bob');
    expect(catchAppError(() => p.handlers.createSpan({ id, articleId, labelId: claim, start: 4, end: 8 })).code).toBe(
      'CONFLICT',
    );
    expect(p.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 1 });
  });
});

describe('update', () => {
  it('changes label, start and end independently and bumps updatedAt only', () => {
    const { p, articleId, actor, location } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 16, end: 21 });
    const relabelled = p.handlers.updateSpan({ id: s.id, labelId: location });
    expect(relabelled).toMatchObject({ id: s.id, labelId: location, start: 16, end: 21, createdAt: s.createdAt });
    expect(relabelled.updatedAt >= s.updatedAt).toBe(true);
    const widened = p.handlers.updateSpan({ id: s.id, end: 34 });
    expect(spanText(widened)).toBe('Putin at Vostochny');
    const moved = p.handlers.updateSpan({ id: s.id, start: 25 });
    expect(spanText(moved)).toBe('Vostochny');
    expect(moved.labelId).toBe(location);
    // A start beyond the old end is fine when the new end comes with it.
    const jumped = p.handlers.updateSpan({ id: s.id, start: KREMLIN, end: KREMLIN + 11 });
    expect(spanText(jumped)).toBe('the Kremlin');
  });
});

describe('undo data', () => {
  it('create → update → delete → restore → update back gives the original span and row', () => {
    const { p, articleId, actor, claim } = setup();
    const original = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 11 });
    const row = () => p.db.prepare('SELECT * FROM spans WHERE id = ?').get(original.id) as Record<string, unknown>;
    const originalRow = row();

    const changed = p.handlers.updateSpan({ id: original.id, labelId: claim, start: 4, end: 15 });
    expect(withoutTime(changed)).not.toEqual(withoutTime(original));
    p.handlers.deleteSpan({ id: original.id });
    p.handlers.restoreSpan({ id: original.id });
    const back = p.handlers.updateSpan({
      id: original.id,
      labelId: original.labelId,
      start: original.start,
      end: original.end,
    });

    expect(withoutTime(back)).toEqual(withoutTime(original));
    expect(p.handlers.listSpans({ articleId }).map(withoutTime)).toEqual([withoutTime(original)]);
    expect({ ...row(), updated_at: null }).toEqual({ ...originalRow, updated_at: null });
    expect(p.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 1 });
  });

  it('undoing a create is a delete; redoing it is a restore of the same id', () => {
    const { p, articleId, actor } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    p.handlers.deleteSpan({ id: s.id });
    expect(p.handlers.listSpans({ articleId })).toEqual([]);
    expect(withoutTime(p.handlers.restoreSpan({ id: s.id }))).toEqual(withoutTime(s));
  });
});

describe('status on edit', () => {
  it('the first edit moves todo to in_progress', () => {
    const { p, articleId, otherArticleId, actor } = setup();
    expect(status(p, articleId)).toBe('todo');
    p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    expect(status(p, articleId)).toBe('in_progress');
    expect(status(p, otherArticleId)).toBe('todo');
  });

  it('done stays done through create, update, delete and restore', () => {
    const { p, articleId, actor, claim, me } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    writeTransaction(p.db, (w) => setStatus(w, me, articleId, 'done'));
    p.handlers.createSpan({ articleId, labelId: actor, start: 4, end: 8 });
    p.handlers.updateSpan({ id: s.id, labelId: claim });
    p.handlers.deleteSpan({ id: s.id });
    p.handlers.restoreSpan({ id: s.id });
    expect(status(p, articleId)).toBe('done');
  });

  it('an explicit todo becomes in_progress again on the next edit', () => {
    const { p, articleId, actor, me } = setup();
    const s = p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    writeTransaction(p.db, (w) => setStatus(w, me, articleId, 'todo'));
    p.handlers.deleteSpan({ id: s.id });
    expect(status(p, articleId)).toBe('in_progress');
  });

  it("one annotator's edits leave another's status alone", () => {
    const { p, articleId, actor } = setup();
    p.setAnnotator('bob');
    p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 3 });
    expect(status(p, articleId)).toBe('in_progress');
    p.setAnnotator('ana');
    expect(status(p, articleId)).toBe('todo');
  });

  it('a refused edit writes nothing: no span, no status change', () => {
    const { p, articleId, actor } = setup();
    const before = totalChanges(p);
    catchAppError(() => p.handlers.createSpan({ articleId, labelId: 999, start: 0, end: 3 }));
    catchAppError(() => p.handlers.createSpan({ articleId, labelId: actor, start: 0, end: 999 }));
    expect(totalChanges(p)).toBe(before);
    expect(status(p, articleId)).toBe('todo');
  });
});

describe('backend functions', () => {
  it('take the database and annotator explicitly (what the CLI and importers use)', () => {
    const { p, articleId, actor, me } = setup();
    const s = createSpan(p.db, me, { articleId, labelId: actor, start: 0, end: 3, origin: 'import:test' });
    expect(s.origin).toBe('import:test');
    expect(updateSpan(p.db, me, { id: s.id, end: 8 }).end).toBe(8);
    deleteSpan(p.db, me, s.id);
    expect(listSpans(p.db, me, articleId)).toEqual([]);
    restoreSpan(p.db, me, s.id);
    expect(listSpans(p.db, me, articleId).map((x) => x.id)).toEqual([s.id]);
  });
});
