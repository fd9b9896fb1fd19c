// The gold layer: the decisions in force that put a span in gold, with their provenance. It is
// computed from the log rather than kept in a table of its own: replaying an article's
// decisions is one indexed read, the same cost as reading a stored copy, and a copy could
// drift from the log it is derived from (an undo, a reopened cluster) where a replay cannot.
import type { GoldSpan } from '../../../shared/review';
export type { GoldSpan } from '../../../shared/review';
import type { Db } from '../db/open';
import { readDecisionRows, readNames, replay, type Names } from './decision-log';
import type { GoldReader } from './load';

/** Each article's gold spans, sorted by start, end and label. */
export function goldSpans(
  db: Db,
  articleIds: readonly number[],
  names: Names = readNames(db),
): Map<number, GoldSpan[]> {
  const out = new Map<number, GoldSpan[]>();
  for (const [articleId, rows] of readDecisionRows(db, articleIds)) {
    const spans: GoldSpan[] = [];
    for (const d of replay(rows).values()) {
      if (d.label_id === null || d.decision === null) continue;
      spans.push({
        start: d.start_offset!,
        end: d.end_offset!,
        labelId: d.label_id,
        label: names.labels.get(d.label_id) ?? `label ${d.label_id}`,
        sources: (JSON.parse(d.sources) as string[]).map((uid) => names.byUid.get(uid) ?? uid),
        decision: d.decision,
        clusterId: d.cluster_id,
        decisionId: d.id,
      });
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    out.set(articleId, spans);
  }
  return out;
}

/** Gold for the agreement report: the adjudicated articles and their gold spans. */
export const goldReader: GoldReader = (db, articleIds) => {
  const adjudicated = (
    db
      .prepare(
        `SELECT article_id FROM article_review WHERE status = 'adjudicated' AND article_id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)
      .all(JSON.stringify(articleIds)) as [number][]
  ).map((r) => r[0]);
  const spans = [];
  for (const [articleId, list] of goldSpans(db, adjudicated)) {
    for (const s of list)
      spans.push({ articleId, id: String(s.decisionId), labelId: s.labelId, start: s.start, end: s.end });
  }
  return { adjudicated, spans };
};
