// The review's plain data as the app and the CLI see it: decisions, the queue, one article's
// layers and clusters, the gold layer, the merge policy and the agreement report. The backend
// (src/main/backend/review/) computes them; the contract names them as outputs.

/** Where a gold span came from. */
export type GoldKind = 'unanimous' | 'accepted' | 'majority' | 'edited';
export const GOLD_KINDS: readonly GoldKind[] = ['unanimous', 'accepted', 'majority', 'edited'];

/** accept: a version taken; reject: "no span here"; edit: drawn by hand; auto: the merge policy. */
export type DecisionAction = 'accept' | 'reject' | 'edit' | 'auto';

/** How a cluster departs from unanimity; several may hold at once. */
export type ConflictKind =
  /** Members' labels differ (on the same extent alone, a label conflict). */
  | 'label'
  /** Members' extents differ (they overlap). */
  | 'boundary'
  /** Only some of the annotators who marked the article done have a span here. */
  | 'partial';
export const CONFLICT_KINDS: readonly ConflictKind[] = ['label', 'boundary', 'partial'];

/** decided: a current decision; reopened: one that saw other versions; open: none. */
export type ClusterStatus = 'unanimous' | 'open' | 'decided' | 'reopened';

/** A decision as plain data. Offsets are UTF-16. */
export interface Decision {
  id: number;
  articleId: number;
  clusterId: string;
  action: DecisionAction;
  /** The gold span's provenance; null when the decision is "no span here". */
  decision: GoldKind | null;
  span: { start: number; end: number; labelId: number; label: string } | null;
  /** Annotators whose version it was (for an automatic "no span here": those without a span). */
  sources: string[];
  reviewer: string;
  decidedAt: string;
  /** Decisions made together (one run of the policy) share the id of the first. */
  batch: number;
}

export interface GoldSpan {
  /** UTF-16 offsets, like every span in the project. */
  start: number;
  end: number;
  labelId: number;
  label: string;
  /** Display names of the annotators whose version it was; empty for an edited span. */
  sources: string[];
  decision: GoldKind;
  clusterId: string;
  decisionId: number;
}

export const QUEUE_FILTERS = ['all', 'open', 'adjudicated'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** "N of M conflicts resolved". */
export interface ReviewProgress {
  /** Conflicts (clusters that are not unanimous, and orphans) with a current decision. */
  resolved: number;
  conflicts: number;
}

export interface QueueItem {
  articleId: number;
  title: string;
  /** Annotators who marked the article done. */
  annotators: string[];
  /** Unanimous clusters / clusters (1 when no layer has a span). */
  agreement: number;
  clusters: number;
  openConflicts: number;
  progress: ReviewProgress;
  adjudicated: boolean;
}

export interface ReviewQueue {
  filter: QueueFilter;
  items: QueueItem[];
  /** Over the items listed. */
  progress: ReviewProgress;
}

export interface ReviewSpanData {
  id: string;
  start: number;
  end: number;
  label: string;
}

export interface ReviewClusterData {
  id: string;
  start: number;
  end: number;
  kinds: ConflictKind[];
  unanimous: boolean;
  status: ClusterStatus;
  members: { annotator: string; span: ReviewSpanData }[];
  decision: Decision | null;
  /** Decisions that saw other versions of this cluster (it was reopened by a merge). */
  previous: Decision[];
}

export interface ReviewArticleData {
  id: number;
  title: string;
  text: string;
  /** Annotators who marked the article done, with their spans. */
  layers: { annotator: string; spans: ReviewSpanData[] }[];
  clusters: ReviewClusterData[];
  /** Gold spans whose cluster is gone (its spans were deleted): confirm with reject or edit. */
  orphans: Decision[];
  gold: GoldSpan[];
  adjudicated: boolean;
  progress: ReviewProgress;
}

export interface ReopenedCluster {
  articleId: number;
  title: string;
  /** The cluster as it is now; for an orphan, the id its decision was made on. */
  clusterId: string;
  /** The decisions in force that saw other versions. */
  previous: Decision[];
}

export interface Policy {
  unanimous: boolean;
  majority: boolean;
}
export const DEFAULT_POLICY: Policy = { unanimous: true, majority: false };

export interface PolicyResult {
  policy: Policy;
  /** Articles looked at: those two or more annotators marked done. */
  articles: number;
  decisions: Decision[];
  unanimous: number;
  majority: number;
  /** Majority "no span here". */
  rejected: number;
}

/** A policy run as a job reports it: the counts, not every decision (there may be 100,000). */
export type PolicyRun = Omit<PolicyResult, 'decisions'> & { decided: number };

// The agreement report. Numbers sit where a reader of {"pairs":[{"f1":{"overall","by_label"}}],
// "alpha":{"by_label"}} expects them; the counts behind them are in an "over" object beside them.

export interface F1Count {
  matches: number;
  a_spans: number;
  b_spans: number;
}

export interface KappaCount {
  units: number;
  both: number;
  a_only: number;
  b_only: number;
  neither: number;
}

export interface AlphaCount {
  articles: number;
  units: number;
  /** Values given to those units: each unit has one per layer that marked its article done. */
  values: number;
  /** Of those values, how many are 1 (inside a span of the label). */
  ones: number;
  /** Off-diagonal coincidences: Σ over units of 2·n₀·n₁ / (m − 1). */
  disagreement: number;
}

export interface ConfusionCell {
  /** Label in layer a, null for no span at that extent. */
  a: string | null;
  b: string | null;
  count: number;
}

export interface F1Report {
  overall: number | null;
  by_label: Record<string, number | null>;
  over: { overall: F1Count; by_label: Record<string, F1Count> };
}

export interface KappaReport {
  by_label: Record<string, number | null>;
  over: { by_label: Record<string, KappaCount> };
}

export interface PairReport {
  a: string;
  b: string;
  /** Articles both annotators marked done. */
  articles: number;
  f1: F1Report;
  f1_overlap: F1Report;
  kappa: KappaReport;
}

export interface AlphaReport {
  by_label: Record<string, number | null>;
  over: { by_label: Record<string, Pick<AlphaCount, 'articles' | 'units' | 'values'>> };
}

/** An annotator against gold: the same shape as a pair, with b = "gold". */
export interface GoldComparison {
  a: string;
  b: 'gold';
  /** Adjudicated articles the annotator marked done. */
  articles: number;
  f1: F1Report;
  f1_overlap: F1Report;
}

export interface ConfusionReport {
  a: string;
  b: string;
  articles: number;
  /** Labels at matched extents; null is "no span" there. */
  cells: ConfusionCell[];
}

export interface AgreementReport {
  annotators: string[];
  labels: string[];
  /** Offsets and units are code points; kappa and alpha units leave white space out. */
  units: 'code points (not white space)';
  pairs: PairReport[];
  alpha: AlphaReport;
  /** Null when no article is adjudicated. */
  gold: { articles: number; by_annotator: GoldComparison[] } | null;
  confusion: { pairs: ConfusionReport[]; gold: ConfusionReport[] | null };
}

/** One annotator's version in a pair's conflict (UTF-16 offsets), null where they have no span. */
export interface PairVersion {
  start: number;
  end: number;
  label: string;
  text: string;
}

/** A cluster where two annotators' versions differ: what a cell of the agreement matrix lists. */
export interface PairConflict {
  articleId: number;
  title: string;
  clusterId: string;
  kinds: ConflictKind[];
  /** The cluster's extent, UTF-16. */
  start: number;
  end: number;
  /** The text around the cluster, and where it starts (UTF-16). */
  context: string;
  contextStart: number;
  a: PairVersion | null;
  b: PairVersion | null;
}

export interface PairConflicts {
  a: string;
  b: string;
  label: string | null;
  /** Articles both annotators marked done. */
  articles: number;
  conflicts: PairConflict[];
  /** More conflicts exist than the limit let through. */
  more: boolean;
}

/** A policy run in one line, as the status bar and the job card say it. */
export function describePolicyRun(run: PolicyRun): string {
  const n = run.decided;
  if (n === 0) return 'The merge policy found nothing to decide';
  const parts = [`${run.unanimous} unanimous`];
  if (run.policy.majority) parts.push(`${run.majority} majority`);
  if (run.rejected) parts.push(`${run.rejected} no span (majority)`);
  return `${n} cluster${n === 1 ? '' : 's'} decided: ${parts.join(', ')} — Ctrl+Z undoes`;
}

export function policyRun(result: PolicyResult): PolicyRun {
  const { decisions, ...counts } = result;
  return { ...counts, decided: decisions.length };
}
