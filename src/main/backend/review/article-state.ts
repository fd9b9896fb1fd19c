// One article's adjudication state: its clusters now, each with the decision in force when
// that decision saw the same versions. A decision whose versions have since changed (a merge
// edited, added or removed a member, or changed who marked the article done) is kept but no
// longer current: its cluster is reopened and shows it as the previous decision.
import type { ClusterStatus } from '../../../shared/review';
export type { ClusterStatus } from '../../../shared/review';
import { hash } from 'node:crypto';
import { OffsetMap } from '../../../shared/offsets';
import type { Db } from '../db/open';
import { clusterArticle, type Cluster } from './clusters';
import { replay, type DecisionRow } from './decision-log';
import type { ReviewArticle } from './model';

export interface ClusterState {
  cluster: Cluster;
  fingerprint: string;
  current: DecisionRow | null;
  /** Decisions in force that saw other versions of this cluster (it is reopened). */
  previous: DecisionRow[];
  status: ClusterStatus;
}

export interface ArticleState {
  article: ReviewArticle;
  map: OffsetMap;
  clusters: ClusterState[];
  /**
   * Decisions in force that put a span in gold on a cluster that is gone with nothing in its
   * place (every member deleted, say): kept in gold, listed for the reviewer to confirm.
   */
  orphans: DecisionRow[];
  /** Annotator uid of every live span of the article. */
  uidOfSpan: Map<string, string>;
  /** Conflicts: clusters that are not unanimous, and orphans. */
  conflicts: number;
  resolved: number;
}

/** The fingerprint of a decision on a cluster that no longer exists. */
export const NO_CLUSTER = '';

/**
 * What a decision saw: who marked the article done (a new layer's "no span here" is a version
 * too) and every member's span id, extent and label.
 */
export function fingerprint(article: ReviewArticle, c: Cluster): string {
  const layers = article.layers.map((l) => l.annotator).sort();
  const members = c.members
    .map((m) => [m.span.id, m.span.start, m.span.end, m.span.label] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return hash('sha256', JSON.stringify([layers, members]), 'hex').slice(0, 20);
}

export function spanOwners(db: Db): (articleId: number) => Map<string, string> {
  const q = db
    .prepare(
      `SELECT s.id, p.uid FROM spans s JOIN annotators p ON p.id = s.annotator_id WHERE s.article_id = ? AND s.deleted = 0`,
    )
    .raw(true);
  return (articleId) => new Map(q.all(articleId) as [string, string][]);
}

export function articleState(
  article: ReviewArticle,
  rows: readonly DecisionRow[],
  uidOfSpan: Map<string, string>,
): ArticleState {
  const clusters = clusterArticle(article);
  const inForce = replay(rows);
  const byId = new Map<string, ClusterState>();
  const bySpan = new Map<string, ClusterState>();
  const states = clusters.map((cluster): ClusterState => {
    const fp = fingerprint(article, cluster);
    const d = inForce.get(cluster.id);
    const current = d && d.fingerprint === fp ? d : null;
    const s: ClusterState = {
      cluster,
      fingerprint: fp,
      current,
      previous: d && !current ? [d] : [],
      status: 'open',
    };
    byId.set(cluster.id, s);
    for (const m of cluster.members) bySpan.set(m.span.id, s);
    return s;
  });
  const orphans: DecisionRow[] = [];
  for (const d of inForce.values()) {
    if (byId.has(d.cluster_id) || d.fingerprint === NO_CLUSTER) continue;
    // A cluster reshaped by a merge has a new id: it is found through the spans it shares.
    const linked = new Set<ClusterState>();
    for (const id of JSON.parse(d.members) as string[]) {
      const s = bySpan.get(id);
      if (s) linked.add(s);
    }
    for (const s of linked) if (!s.current) s.previous.push(d);
    if (linked.size === 0 && d.label_id !== null) orphans.push(d);
  }
  let conflicts = orphans.length;
  let resolved = 0;
  for (const s of states) {
    s.status = s.current ? 'decided' : s.previous.length ? 'reopened' : s.cluster.unanimous ? 'unanimous' : 'open';
    if (!s.cluster.unanimous) {
      conflicts++;
      if (s.current) resolved++;
    }
  }
  return { article, map: new OffsetMap(article.text), clusters: states, orphans, uidOfSpan, conflicts, resolved };
}
