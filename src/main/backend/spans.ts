import { randomUUID } from 'node:crypto';
import type { Span } from '../../shared/model';
import { isCodePointBoundary } from '../../shared/offsets';
import { AppError } from '../../shared/result';
import { articleText } from './articles';
import { now } from './clock';
import { writeTransaction } from './db/busy';
import type { Db } from './db/open';
import { getLabel } from './labels';
import { touchStatus } from './status';

/** A row as selected below: the shared Span plus its tombstone flag. */
type SpanRow = Span & { deleted: 0 | 1 };

const COLUMNS = `id, article_id AS articleId, annotator_id AS annotatorId, label_id AS labelId,
  start_offset AS start, end_offset AS "end", origin, created_at AS createdAt, updated_at AS updatedAt, deleted`;

function toSpan(row: SpanRow): Span {
  const { deleted: _deleted, ...span } = row;
  return span;
}

/** Live spans of one annotator on one article, sorted by start, then end. */
export function listSpans(db: Db, annotatorId: number, articleId: number): Span[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM spans WHERE article_id = ? AND annotator_id = ? AND deleted = 0
       ORDER BY start_offset, end_offset, created_at`,
    )
    .all(articleId, annotatorId) as SpanRow[];
  return rows.map(toSpan);
}

function getRow(db: Db, id: string): SpanRow {
  const row = db.prepare(`SELECT ${COLUMNS} FROM spans WHERE id = ?`).get(id) as SpanRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `span ${id} does not exist`);
  return row;
}

/** Offsets must lie inside the text, be non-empty and never split a surrogate pair. */
function checkOffsets(text: string, start: number, end: number): void {
  if (end <= start) throw new AppError('BAD_INPUT', `span end (${end}) must be greater than start (${start})`);
  if (end > text.length) {
    throw new AppError(
      'BAD_INPUT',
      `span end ${end} is past the end of the article (length ${text.length} UTF-16 units)`,
    );
  }
  if (!isCodePointBoundary(text, start) || !isCodePointBoundary(text, end)) {
    throw new AppError('BAD_INPUT', `span ${start}..${end} splits a character (surrogate pair)`);
  }
}

function ownedRow(db: Db, annotatorId: number, id: string): SpanRow {
  const row = getRow(db, id);
  if (row.annotatorId !== annotatorId) {
    throw new AppError('FORBIDDEN', `span ${id} belongs to another annotator`);
  }
  return row;
}

export interface NewSpan {
  id?: string | undefined;
  articleId: number;
  labelId: number;
  start: number;
  end: number;
  origin?: string;
}

export function createSpan(db: Db, annotatorId: number, input: NewSpan): Span {
  return writeTransaction(db, () => {
    checkOffsets(articleText(db, input.articleId), input.start, input.end);
    getLabel(db, input.labelId);
    const id = input.id ?? randomUUID();
    const existing = db.prepare('SELECT 1 FROM spans WHERE id = ?').get(id);
    if (existing) throw new AppError('CONFLICT', `span ${id} already exists`);
    const ts = now();
    db.prepare(
      `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.articleId, annotatorId, input.labelId, input.start, input.end, input.origin ?? 'manual', ts, ts);
    touchStatus(db, annotatorId, input.articleId);
    return toSpan(getRow(db, id));
  });
}

export interface SpanChanges {
  id: string;
  labelId?: number | undefined;
  start?: number | undefined;
  end?: number | undefined;
}

export function updateSpan(db: Db, annotatorId: number, input: SpanChanges): Span {
  return writeTransaction(db, () => {
    const row = ownedRow(db, annotatorId, input.id);
    if (row.deleted) throw new AppError('NOT_FOUND', `span ${input.id} was deleted`);
    const start = input.start ?? row.start;
    const end = input.end ?? row.end;
    if (start !== row.start || end !== row.end) checkOffsets(articleText(db, row.articleId), start, end);
    const labelId = input.labelId ?? row.labelId;
    if (labelId !== row.labelId) getLabel(db, labelId);
    db.prepare('UPDATE spans SET label_id = ?, start_offset = ?, end_offset = ?, updated_at = ? WHERE id = ?').run(
      labelId,
      start,
      end,
      now(),
      input.id,
    );
    touchStatus(db, annotatorId, row.articleId);
    return toSpan(getRow(db, input.id));
  });
}

/** Deletion leaves a tombstone (deleted = 1) so that undo and merges can see it. */
function setDeleted(db: Db, annotatorId: number, id: string, deleted: 0 | 1): Span {
  return writeTransaction(db, () => {
    const row = ownedRow(db, annotatorId, id);
    if (row.deleted === deleted) {
      throw new AppError('CONFLICT', `span ${id} is already ${deleted ? 'deleted' : 'live'}`);
    }
    db.prepare('UPDATE spans SET deleted = ?, updated_at = ? WHERE id = ?').run(deleted, now(), id);
    touchStatus(db, annotatorId, row.articleId);
    return toSpan(getRow(db, id));
  });
}

export function deleteSpan(db: Db, annotatorId: number, id: string): Span {
  return setDeleted(db, annotatorId, id, 1);
}

export function restoreSpan(db: Db, annotatorId: number, id: string): Span {
  return setDeleted(db, annotatorId, id, 0);
}
