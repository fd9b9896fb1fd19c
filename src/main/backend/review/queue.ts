// What the review screens show, as plain data: the queue of articles to adjudicate and one
// article with every layer, its clusters and their decisions, and its gold spans. Offsets in
// reviewArticle are UTF-16, like every editor call.
import {
  QUEUE_FILTERS,
  type QueueFilter,
  type QueueItem,
  type ReopenedCluster,
  type ReviewArticleData,
  type ReviewQueue,
  type ReviewSpanData,
} from '../../../shared/review';
export { QUEUE_FILTERS, type QueueFilter, type ReviewArticleData, type ReviewQueue } from '../../../shared/review';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/open';
import { articleState, readIdentities, spanOwners, type ArticleState } from './article-state';
import { describeDecision, readDecisionRows, readNames, toDecision, type Names } from './decision-log';
import type { DecisionColumn } from './disagreements';
import { beginSnapshot, endSnapshot, writeTransaction } from '../db/handles';
import { adjudicatedSet, loadArticleState, setAdjudicated } from './decisions';
import { goldSpans } from './gold-layer';
import { loadReview } from './load';

function checkFilter(filter: unknown): QueueFilter {
  if (!(QUEUE_FILTERS as readonly unknown[]).includes(filter)) {
    throw new AppError(
      'BAD_INPUT',
      `queue filter must be one of ${QUEUE_FILTERS.join(', ')} (got ${JSON.stringify(filter)})`,
    );
  }
  return filter as QueueFilter;
}

/** Every article of the review set (two or more annotators marked it done), with its state (no span owners). */
export function* reviewStates(db: Db, articleIds?: readonly number[]): Generator<ArticleState> {
  const ids = readIdentities(db);
  for (const article of loadReview(db, { articleIds }).articles) {
    if (article.layers.length < 2) continue;
    // The queue names no sources, so the spans' owners are not read (a query per article).
    yield articleState(article, readDecisionRows(db, [article.id]).get(article.id) ?? [], new Map(), ids);
  }
}

/**
 * Articles two or more annotators marked done, lowest agreement first (then most open
 * conflicts, then id); `open`: those with open conflicts; `adjudicated`: those marked so.
 */
export function reviewQueue(db: Db, filter: QueueFilter = 'all'): ReviewQueue {
  const f = checkFilter(filter);
  const adjudicated = adjudicatedSet(db);
  const items: QueueItem[] = [];
  for (const s of reviewStates(db)) {
    const open = s.conflicts - s.resolved;
    const item: QueueItem = {
      articleId: s.article.id,
      title: s.article.title,
      annotators: s.article.layers.map((l) => l.annotator),
      agreement: s.clusters.length === 0 ? 1 : s.clusters.filter((c) => c.cluster.unanimous).length / s.clusters.length,
      clusters: s.clusters.length,
      openConflicts: open,
      progress: { resolved: s.resolved, conflicts: s.conflicts },
      adjudicated: adjudicated.has(s.article.id),
    };
    if (f === 'open' && open === 0) continue;
    if (f === 'adjudicated' && !item.adjudicated) continue;
    items.push(item);
  }
  items.sort((x, y) => x.agreement - y.agreement || y.openConflicts - x.openConflicts || x.articleId - y.articleId);
  const progress = items.reduce(
    (p, i) => ({ resolved: p.resolved + i.progress.resolved, conflicts: p.conflicts + i.progress.conflicts }),
    { resolved: 0, conflicts: 0 },
  );
  return { filter: f, items, progress };
}

/** One article for adjudication. Offsets are UTF-16. */
export function reviewArticle(db: Db, articleId: number): ReviewArticleData {
  // One snapshot: the layers, the log and the gold come from the same state of the file.
  const own = beginSnapshot(db);
  try {
    const s = loadArticleState(db, articleId);
    const names = readNames(db);
    const u = (cp: number) => s.map.toUtf16(cp);
    const span = (x: { id: string; start: number; end: number; label: string }): ReviewSpanData => ({
      id: x.id,
      start: u(x.start),
      end: u(x.end),
      label: x.label,
    });
    return {
      id: s.article.id,
      title: s.article.title,
      text: s.article.text,
      layers: s.article.layers.map((l) => ({ annotator: l.annotator, spans: l.spans.map(span) })),
      clusters: s.clusters.map((c) => ({
        id: c.cluster.id,
        start: u(c.cluster.start),
        end: u(c.cluster.end),
        kinds: c.cluster.kinds,
        unanimous: c.cluster.unanimous,
        status: c.status,
        members: c.cluster.members.map((m) => ({ annotator: m.annotator, span: span(m.span) })),
        decision: c.current && toDecision(c.current, names),
        previous: c.previous.map((d) => toDecision(d, names)),
      })),
      orphans: s.orphans.map((d) => toDecision(d, names)),
      gold: goldSpans(db, [articleId], names).get(articleId) ?? [],
      adjudicated: adjudicatedSet(db).has(articleId),
      progress: { resolved: s.resolved, conflicts: s.conflicts },
    };
  } finally {
    endSnapshot(db, own);
  }
}

/** Clusters whose decisions saw other versions than the layers hold now (all, or in these articles). */
export function reopenedClusters(
  db: Db,
  articleIds?: readonly number[],
  names: Names = readNames(db),
): ReopenedCluster[] {
  const out: ReopenedCluster[] = [];
  const withDecisions =
    articleIds ??
    (db.prepare('SELECT DISTINCT article_id FROM decisions ORDER BY article_id').raw(true).all() as [number][]).map(
      (r) => r[0],
    );
  if (withDecisions.length === 0) return out;
  const owners = spanOwners(db);
  const ids = readIdentities(db);
  for (const article of loadReview(db, { articleIds: withDecisions }).articles) {
    const s = articleState(article, readDecisionRows(db, [article.id]).get(article.id) ?? [], owners(article.id), ids);
    for (const c of s.clusters) {
      if (c.status !== 'reopened') continue;
      out.push({
        articleId: article.id,
        title: article.title,
        clusterId: c.cluster.id,
        previous: c.previous.map((d) => toDecision(d, names)),
      });
    }
    for (const o of s.orphans) {
      out.push({
        articleId: article.id,
        title: article.title,
        clusterId: o.cluster_id,
        previous: [toDecision(o, names)],
      });
    }
  }
  return out;
}

/**
 * The disagreements report's decision column: the decision in force, "reopened (was: …)" for
 * one that saw other versions, empty for an open conflict.
 */
export function decisionColumn(db: Db): DecisionColumn {
  const owners = spanOwners(db);
  const ids = readIdentities(db);
  const names = readNames(db);
  return (article) => {
    const out = new Map<string, string>();
    const rows = readDecisionRows(db, [article.id]).get(article.id);
    if (!rows) return out;
    for (const c of articleState(article, rows, owners(article.id), ids).clusters) {
      if (c.current) out.set(c.cluster.id, describeDecision(toDecision(c.current, names)));
      else if (c.previous.length) {
        out.set(
          c.cluster.id,
          `reopened (was: ${c.previous.map((d) => describeDecision(toDecision(d, names))).join('; ')})`,
        );
      }
    }
    return out;
  };
}

/** Marks adjudicated every article of the review set whose conflicts are all resolved; returns their ids. */
export function adjudicateResolved(db: Db): number[] {
  return writeTransaction(db, (w) => {
    const ids = reviewQueue(w, 'all')
      .items.filter((i) => !i.adjudicated && i.openConflicts === 0)
      .map((i) => i.articleId)
      .sort((a, b) => a - b);
    for (const id of ids) setAdjudicated(w, id, true);
    return ids;
  });
}
