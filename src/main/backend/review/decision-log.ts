// The decision log as stored: rows of `decisions` (append-only), read per article and replayed
// into what is in force. Replay is the one definition of the gold layer: in id order, every
// decision that no undo record names takes its cluster's place and drops the decisions on the
// clusters it replaces (the earlier ids of a cluster that a merge reshaped).
import type { Decision, DecisionAction, GoldKind } from '../../../shared/review';
export { GOLD_KINDS, type Decision, type DecisionAction, type GoldKind } from '../../../shared/review';
import { sql } from '../db/handles';
import { displayName, listAnnotators } from '../annotators';
import type { Db } from '../db/open';

export interface DecisionRow {
  id: number;
  article_id: number;
  cluster_id: string;
  /** The versions the decision saw (see article-state.ts); '' for a cluster no longer there. */
  fingerprint: string;
  /** JSON: the cluster's member span ids. */
  members: string;
  action: DecisionAction | 'undo';
  decision: GoldKind | null;
  /** JSON: uids of the annotators whose version it was. */
  sources: string;
  label_id: number | null;
  /** UTF-16, like every span in the project. */
  start_offset: number | null;
  end_offset: number | null;
  /** JSON: cluster ids whose decisions this one supersedes. */
  replaces: string;
  reviewer_id: number;
  decided_at: string;
  batch: number;
  undoes: number | null;
}

/** Every row of these articles (undo records too), grouped by article, in id order. */
// Prepared once per connection: the policy and the queue read one article at a time.
const ROWS = sql<DecisionRow>(
  `SELECT * FROM decisions WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, id`,
);

export function readDecisionRows(db: Db, articleIds: readonly number[]): Map<number, DecisionRow[]> {
  const out = new Map<number, DecisionRow[]>();
  if (articleIds.length === 0) return out;
  const rows = ROWS.all(db, JSON.stringify(articleIds));
  for (const r of rows) {
    let list = out.get(r.article_id);
    if (!list) out.set(r.article_id, (list = []));
    list.push(r);
  }
  return out;
}

/** The decisions in force, by cluster id: the log replayed (see the top of this file). */
export function replay(rows: readonly DecisionRow[]): Map<string, DecisionRow> {
  const undone = new Set<number>();
  for (const r of rows) if (r.undoes !== null) undone.add(r.undoes);
  const inForce = new Map<string, DecisionRow>();
  for (const r of rows) {
    if (r.action === 'undo' || undone.has(r.id)) continue;
    for (const c of JSON.parse(r.replaces) as string[]) inForce.delete(c);
    inForce.set(r.cluster_id, r);
  }
  return inForce;
}

export interface NewDecision {
  articleId: number;
  clusterId: string;
  fingerprint: string;
  members: readonly string[];
  action: DecisionAction;
  decision: GoldKind | null;
  sources: readonly string[];
  span: { labelId: number; start: number; end: number } | null;
  replaces: readonly string[];
  reviewerId: number;
  decidedAt: string;
  batch: number;
}

/** The id the next row will get: a batch is named by its first decision. Call inside the write. */
export function nextDecisionId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM decisions').get() as { n: number }).n;
}

export function decisionWriter(db: Db): (d: NewDecision) => DecisionRow {
  const insert = db.prepare(
    `INSERT INTO decisions (article_id, cluster_id, fingerprint, members, action, decision, sources, label_id,
                            start_offset, end_offset, replaces, reviewer_id, decided_at, batch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  return (d) =>
    insert.get(
      d.articleId,
      d.clusterId,
      d.fingerprint,
      JSON.stringify(d.members),
      d.action,
      d.decision,
      JSON.stringify(d.sources),
      d.span?.labelId ?? null,
      d.span?.start ?? null,
      d.span?.end ?? null,
      JSON.stringify(d.replaces),
      d.reviewerId,
      d.decidedAt,
      d.batch,
    ) as DecisionRow;
}

/** How the log names people and labels to readers: display names, label names. */
export interface Names {
  byUid: Map<string, string>;
  byId: Map<number, string>;
  labels: Map<number, string>;
}

export function readNames(db: Db): Names {
  const all = listAnnotators(db);
  const byUid = new Map<string, string>();
  const byId = new Map<number, string>();
  for (const a of all) {
    const name = displayName(a, all);
    byUid.set(a.uid, name);
    byId.set(a.id, name);
  }
  const labels = new Map(
    (db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]),
  );
  return { byUid, byId, labels };
}

export function toDecision(r: DecisionRow, names: Names): Decision {
  if (r.action === 'undo') throw new Error('an undo record is not a decision');
  return {
    id: r.id,
    articleId: r.article_id,
    clusterId: r.cluster_id,
    action: r.action,
    decision: r.decision,
    span:
      r.label_id === null
        ? null
        : {
            start: r.start_offset!,
            end: r.end_offset!,
            labelId: r.label_id,
            label: names.labels.get(r.label_id) ?? `label ${r.label_id}`,
          },
    sources: (JSON.parse(r.sources) as string[]).map((uid) => names.byUid.get(uid) ?? uid),
    reviewer: names.byId.get(r.reviewer_id) ?? `annotator ${r.reviewer_id}`,
    decidedAt: r.decided_at,
    batch: r.batch,
  };
}

/** A decision in a few words: "accepted (bob)", "edited", "no span", "unanimous (alice, bob)". */
export function describeDecision(d: Decision): string {
  const who = d.sources.length ? ` (${d.sources.join(', ')})` : '';
  if (d.decision === null) return d.action === 'auto' ? `no span (majority${who})` : 'no span';
  return d.decision === 'edited' ? 'edited' : `${d.decision}${who}`;
}
