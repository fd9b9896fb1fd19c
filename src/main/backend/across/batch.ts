// Bulk span writes (accepting suggestions, labelling every occurrence) as one batch: the spans
// are written in one transaction and recorded under the batch, so one undo tombstones them all
// and one redo brings them back, as one undo takes back a whole merge-policy run.
import type { SpanBatch } from '../../../shared/across';
import type { Span } from '../../../shared/model';
import { AppError } from '../../../shared/result';
import { now } from '../clock';
import { sql, writeTransaction, type ReadDb } from '../db/handles';
import { createSpan, deleteSpan, restoreSpan, type NewSpan } from '../spans';

const INSERT_BATCH = sql('INSERT INTO span_batches (annotator_id, kind, created_at) VALUES (?, ?, ?)');
const INSERT_MEMBER = sql('INSERT INTO span_batch_members (batch_id, span_id) VALUES (?, ?)');
const BATCH = sql<{ annotatorId: number }>('SELECT annotator_id AS annotatorId FROM span_batches WHERE id = ?');
const MEMBERS = sql<{ id: string; deleted: 0 | 1 }>(
  `SELECT s.id, s.deleted FROM span_batch_members m JOIN spans s ON s.id = m.span_id
   WHERE m.batch_id = ? ORDER BY s.article_id, s.start_offset, s.end_offset`,
);

export type BatchKind = 'suggestions' | 'occurrences';

/** Writes the spans as one batch; nothing written (batch 0) when there are none. */
export function writeBatch(db: ReadDb, annotatorId: number, kind: BatchKind, spans: readonly NewSpan[]): SpanBatch {
  if (spans.length === 0) return { batch: 0, spans: [] };
  return writeTransaction(db, (w) => {
    const batch = Number(INSERT_BATCH.run(w, annotatorId, kind, now()).lastInsertRowid);
    const written = spans.map((s) => {
      const span = createSpan(w, annotatorId, s);
      INSERT_MEMBER.run(w, batch, span.id);
      return span;
    });
    return { batch, spans: written };
  });
}

function members(db: ReadDb, annotatorId: number, batch: number) {
  const row = BATCH.get(db, batch);
  if (!row) throw new AppError('NOT_FOUND', `span batch ${batch} does not exist`);
  if (row.annotatorId !== annotatorId)
    throw new AppError('FORBIDDEN', `span batch ${batch} belongs to another annotator`);
  return MEMBERS.all(db, batch);
}

/** Tombstones the batch's spans that are still live (one undo); returns them. */
export function undoSpanBatch(db: ReadDb, annotatorId: number, batch: number): Span[] {
  return writeTransaction(db, (w) =>
    members(w, annotatorId, batch)
      .filter((m) => m.deleted === 0)
      .map((m) => deleteSpan(w, annotatorId, m.id)),
  );
}

/** Brings the batch's tombstoned spans back (one redo); returns them. */
export function redoSpanBatch(db: ReadDb, annotatorId: number, batch: number): Span[] {
  return writeTransaction(db, (w) =>
    members(w, annotatorId, batch)
      .filter((m) => m.deleted === 1)
      .map((m) => restoreSpan(w, annotatorId, m.id)),
  );
}
