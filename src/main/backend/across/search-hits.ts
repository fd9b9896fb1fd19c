// Labelling what a search found: every hit of the query in every article it matches (the
// places the search panel marks), previewed with context and written as one batch, so one
// undo takes them all back. A hit the person's span of the same label already covers is left
// alone and counted, as "label every occurrence" does.
import type { Occurrence, SearchHits, SpanBatch } from '../../../shared/across';
import { AppError } from '../../../shared/result';
import { sql, writeTransaction, type ReadDb } from '../db/handles';
import { getLabel } from '../labels';
import { writeBatch } from './batch';
import { context } from './occurrences';
import { findHits, matchingArticles, parseQuery } from './search';

/** More hits than a preview can show or a person can check: the query must be narrowed. */
export const HIT_LIMIT = 10_000;

const COVERING = sql<{ articleId: number; start: number; end: number }>(
  `SELECT article_id AS articleId, start_offset AS start, end_offset AS "end" FROM spans
   WHERE annotator_id = ? AND label_id = ? AND deleted = 0`,
);

export interface SearchHitsQuery {
  query: string;
  labelId: number;
}

/** Every hit of `query` across the set still to label with `labelId`, with context. */
export function findSearchHits(db: ReadDb, annotatorId: number, q: SearchHitsQuery): SearchHits {
  const terms = parseQuery(q.query);
  getLabel(db, q.labelId);
  const cover = new Map<number, { start: number; end: number }[]>();
  for (const s of COVERING.all(db, annotatorId, q.labelId)) {
    const list = cover.get(s.articleId);
    if (list) list.push(s);
    else cover.set(s.articleId, [s]);
  }
  const hits: Occurrence[] = [];
  let covered = 0;
  for (const a of matchingArticles(db, terms)) {
    const spans = cover.get(a.id) ?? [];
    for (const h of findHits(a.text, terms)) {
      if (spans.some((s) => s.start <= h.start && s.end >= h.end)) {
        covered++;
        continue;
      }
      if (hits.length === HIT_LIMIT) {
        throw new AppError(
          'BAD_INPUT',
          `search: "${q.query}" has more than ${HIT_LIMIT.toLocaleString('en-US')} hits to label; narrow the query`,
        );
      }
      hits.push({ articleId: a.id, title: a.title, start: h.start, end: h.end, ...context(a.text, h.start, h.end) });
    }
  }
  return { query: q.query, labelId: q.labelId, hits, covered };
}

/** Labels every hit findSearchHits lists, in one batch (one undo). */
export function labelSearchHits(db: ReadDb, annotatorId: number, q: SearchHitsQuery): SpanBatch & SearchHits {
  return writeTransaction(db, (w) => {
    const found = findSearchHits(w, annotatorId, q);
    const batch = writeBatch(
      w,
      annotatorId,
      'occurrences',
      found.hits.map((h) => ({
        articleId: h.articleId,
        labelId: q.labelId,
        start: h.start,
        end: h.end,
        origin: 'search',
      })),
    );
    return { ...found, ...batch };
  });
}
