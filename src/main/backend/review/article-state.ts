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
import { readNames, replay, type DecisionRow } from './decision-log';
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

/** How people and labels are known apart from their names: a uid, a label id. */
export interface Identities {
  /** The uid of the person a layer (named as the reviewer sees them) belongs to. */
  uidOf(layer: string): string | undefined;
  labelIdOf(label: string): number | undefined;
}

/** The project's identities, read once for many articles. */
export function readIdentities(db: Db): Identities {
  const uids = new Map([...readNames(db).byUid].map(([uid, name]) => [name, uid]));
  const labels = new Map(
    (db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[]).map((r) => [r.name, r.id]),
  );
  return { uidOf: (layer) => uids.get(layer), labelIdOf: (label) => labels.get(label) };
}

const STABLE = 'v2:';

/**
 * What a decision saw: who marked the article done (a new layer's "no span here" is a version
 * too) and every member's span id, extent and label — people by uid and labels by id, so a
 * namesake joining the project or a label renamed reopens nothing.
 */
export function fingerprint(article: ReviewArticle, c: Cluster, ids?: Identities): string {
  const layers = article.layers.map((l) => ids?.uidOf(l.annotator) ?? l.annotator).sort();
  const members = c.members
    .map((m) => [m.span.id, m.span.start, m.span.end, ids?.labelIdOf(m.span.label) ?? m.span.label] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return STABLE + hash('sha256', JSON.stringify([layers, members]), 'hex').slice(0, 20);
}

/** Decisions recorded before fingerprints named people by uid saw names: compared the old way. */
function sameVersions(stored: string, article: ReviewArticle, c: Cluster, now: string): boolean {
  if (stored.startsWith(STABLE)) return stored === now;
  const layers = article.layers.map((l) => l.annotator).sort();
  const members = c.members
    .map((m) => [m.span.id, m.span.start, m.span.end, m.span.label] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return stored === hash('sha256', JSON.stringify([layers, members]), 'hex').slice(0, 20);
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
  ids?: Identities,
): ArticleState {
  const clusters = clusterArticle(article);
  const inForce = replay(rows);
  const byId = new Map<string, ClusterState>();
  const bySpan = new Map<string, ClusterState>();
  const states = clusters.map((cluster): ClusterState => {
    const fp = fingerprint(article, cluster, ids);
    const d = inForce.get(cluster.id);
    const current = d && sameVersions(d.fingerprint, article, cluster, fp) ? d : null;
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
  // Orphans the reviewer confirmed (kept or removed): conflicts resolved, not gone from the count.
  let confirmed = 0;
  for (const d of inForce.values()) {
    if (byId.has(d.cluster_id)) continue;
    if (d.fingerprint === NO_CLUSTER) {
      confirmed++;
      continue;
    }
    // A cluster reshaped by a merge has a new id: it is found through the spans it shares.
    const linked = new Set<ClusterState>();
    for (const id of JSON.parse(d.members) as string[]) {
      const s = bySpan.get(id);
      if (s) linked.add(s);
    }
    for (const s of linked) if (!s.current) s.previous.push(d);
    if (linked.size === 0 && d.label_id !== null) orphans.push(d);
  }
  let conflicts = orphans.length + confirmed;
  let resolved = confirmed;
  for (const s of states) {
    s.status = s.current ? 'decided' : s.previous.length ? 'reopened' : s.cluster.unanimous ? 'unanimous' : 'open';
    if (!s.cluster.unanimous) {
      conflicts++;
      if (s.current) resolved++;
    }
  }
  return { article, map: new OffsetMap(article.text), clusters: states, orphans, uidOfSpan, conflicts, resolved };
}
