import { randomUUID } from 'node:crypto';
import type { Span } from '../../shared/model';
import { isCodePointBoundary } from '../../shared/offsets';
import { packSpans, type PackedSpans } from '../../shared/packed-spans';
import { AppError } from '../../shared/result';
import { articleText } from './articles';
import { now } from './clock';
import { sql, writeTransaction, type ReadDb } from './db/handles';
import { getLabel } from './labels';
import { touchStatus } from './status';

/** A row as selected below: the shared Span plus its tombstone flag. */
type SpanRow = Span & { deleted: 0 | 1 };

const COLUMNS = `id, article_id AS articleId, annotator_id AS annotatorId, label_id AS labelId,
  start_offset AS start, end_offset AS "end", origin, created_at AS createdAt, updated_at AS updatedAt, deleted`;

const LIVE = sql<SpanRow>(
  `SELECT ${COLUMNS} FROM spans WHERE article_id = ? AND annotator_id = ? AND deleted = 0
   ORDER BY start_offset, end_offset, created_at`,
);
/** The same spans as LIVE, as Span rows (no tombstone column to take off each). */
const LIVE_SPANS = sql<Span>(
  `SELECT id, article_id AS articleId, annotator_id AS annotatorId, label_id AS labelId, start_offset AS start,
          end_offset AS "end", origin, created_at AS createdAt, updated_at AS updatedAt
     FROM spans WHERE article_id = ? AND annotator_id = ? AND deleted = 0
    ORDER BY start_offset, end_offset, created_at`,
);
const BY_ID = sql<SpanRow>(`SELECT ${COLUMNS} FROM spans WHERE id = ?`);
const EXISTS = sql<{ one: 1 }>('SELECT 1 AS one FROM spans WHERE id = ?');
const INSERT = sql(
  `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const UPDATE = sql('UPDATE spans SET label_id = ?, start_offset = ?, end_offset = ?, updated_at = ? WHERE id = ?');
const SET_DELETED = sql('UPDATE spans SET deleted = ?, updated_at = ? WHERE id = ?');

function toSpan(row: SpanRow): Span {
  const { deleted: _deleted, ...span } = row;
  return span;
}

/** Live spans of one annotator on one article, sorted by start, then end. */
export function listSpans(db: ReadDb, annotatorId: number, articleId: number): Span[] {
  return LIVE.all(db, articleId, annotatorId).map(toSpan);
}

/** Live spans of one annotator on one article, packed for the window (shared/packed-spans.ts). */
export function readSpans(db: ReadDb, annotatorId: number, articleId: number): PackedSpans {
  return packSpans(articleId, LIVE_SPANS.all(db, articleId, annotatorId));
}

function getRow(db: ReadDb, id: string): SpanRow {
  const row = BY_ID.get(db, id);
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

function ownedRow(db: ReadDb, annotatorId: number, id: string): SpanRow {
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

export function createSpan(db: ReadDb, annotatorId: number, input: NewSpan): Span {
  return writeTransaction(db, (w) => {
    checkOffsets(articleText(w, input.articleId), input.start, input.end);
    getLabel(w, input.labelId);
    const id = input.id ?? randomUUID();
    if (EXISTS.get(w, id)) throw new AppError('CONFLICT', `span ${id} already exists`);
    const ts = now();
    INSERT.run(
      w,
      id,
      input.articleId,
      annotatorId,
      input.labelId,
      input.start,
      input.end,
      input.origin ?? 'manual',
      ts,
      ts,
    );
    touchStatus(w, annotatorId, input.articleId);
    return toSpan(getRow(w, id));
  });
}

export interface SpanChanges {
  id: string;
  labelId?: number | undefined;
  start?: number | undefined;
  end?: number | undefined;
}

export function updateSpan(db: ReadDb, annotatorId: number, input: SpanChanges): Span {
  return writeTransaction(db, (w) => {
    const row = ownedRow(w, annotatorId, input.id);
    if (row.deleted) throw new AppError('NOT_FOUND', `span ${input.id} was deleted`);
    const start = input.start ?? row.start;
    const end = input.end ?? row.end;
    if (start !== row.start || end !== row.end) checkOffsets(articleText(w, row.articleId), start, end);
    const labelId = input.labelId ?? row.labelId;
    if (labelId !== row.labelId) getLabel(w, labelId);
    UPDATE.run(w, labelId, start, end, now(), input.id);
    touchStatus(w, annotatorId, row.articleId);
    return toSpan(getRow(w, input.id));
  });
}

/** Deletion leaves a tombstone (deleted = 1) so that undo and merges can see it. */
function setDeleted(db: ReadDb, annotatorId: number, id: string, deleted: 0 | 1): Span {
  return writeTransaction(db, (w) => {
    const row = ownedRow(w, annotatorId, id);
    if (row.deleted === deleted) {
      throw new AppError('CONFLICT', `span ${id} is already ${deleted ? 'deleted' : 'live'}`);
    }
    SET_DELETED.run(w, deleted, now(), id);
    touchStatus(w, annotatorId, row.articleId);
    return toSpan(getRow(w, id));
  });
}

export function deleteSpan(db: ReadDb, annotatorId: number, id: string): Span {
  return setDeleted(db, annotatorId, id, 1);
}

export function restoreSpan(db: ReadDb, annotatorId: number, id: string): Span {
  return setDeleted(db, annotatorId, id, 0);
}
