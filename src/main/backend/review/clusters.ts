// Conflict clusters: the candidate spans of every annotator who marked an article done,
// grouped so that each cluster holds at most one span per annotator. Layers are taken in
// annotator-name order; each one is matched one-to-one against the clusters so far by a
// maximum matching of overlapping spans (so a boundary disagreement is one conflict, not two
// orphans), preferring among maximum matchings the one whose pairs agree most (same start,
// same end, same label); its unmatched spans open new clusters. With two layers this is a
// maximum matching outright; with more it is the same matching taken layer by layer.
import type { ConflictKind } from '../../../shared/review';
export type { ConflictKind } from '../../../shared/review';
import { hash } from 'node:crypto';
import { maxWeightMatching } from './matching';
import { overlaps, type ReviewArticle, type ReviewSpan } from './model';

export interface ClusterMember {
  annotator: string;
  span: ReviewSpan;
}

export interface Cluster {
  /** Stable: derived from the article and the member span ids, so decisions can refer to it. */
  id: string;
  articleId: number;
  /** The members' union extent, in code points. */
  start: number;
  end: number;
  /** One per annotator at most, in annotator order. */
  members: ClusterMember[];
  /** Sorted; empty exactly when the cluster is unanimous. */
  kinds: ConflictKind[];
  /** Same start, end and label in every layer that marked the article done. */
  unanimous: boolean;
}

interface Open {
  members: ClusterMember[];
  start: number;
  end: number;
}

function agreementScore(c: Open, s: ReviewSpan): number | null {
  let score = 0;
  for (const { span } of c.members) {
    if (!overlaps(span, s)) return null;
    score += (span.start === s.start ? 2 : 0) + (span.end === s.end ? 2 : 0) + (span.label === s.label ? 1 : 0);
  }
  return score;
}

function byPosition(a: ReviewSpan, b: ReviewSpan): number {
  return (
    a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.id < b.id ? -1 : 1)
  );
}

export function clusterId(articleId: number, spanIds: readonly string[]): string {
  const key = `${articleId}\n${[...spanIds].sort().join('\n')}`;
  return hash('sha256', key, 'hex').slice(0, 20);
}

/** Matches one layer's spans into the open clusters; returns the spans left unmatched. */
function matchLayer(open: Open[], annotator: string, spans: ReviewSpan[], layers: number): ReviewSpan[] {
  // Clusters and spans that overlap nothing of the other side cannot be matched: split into
  // groups of overlapping extents (a sweep by start) and match each group on its own.
  type Item = { start: number; end: number; cluster?: Open; span?: ReviewSpan };
  const items: Item[] = [
    ...open.map((c) => ({ start: c.start, end: c.end, cluster: c })),
    ...spans.map((s) => ({ start: s.start, end: s.end, span: s })),
  ];
  items.sort((x, y) => x.start - y.start || x.end - y.end);
  const left: ReviewSpan[] = [];
  let group: Item[] = [];
  let reach = -1;
  const flush = () => {
    const cs = group.flatMap((i) => (i.cluster ? [i.cluster] : []));
    const ss = group.flatMap((i) => (i.span ? [i.span] : [])).sort(byPosition);
    group = [];
    if (ss.length === 0) return;
    if (cs.length === 0) {
      left.push(...ss);
      return;
    }
    // Cardinality first: any pair outweighs the agreement of a whole matching.
    const base = 5 * layers * (Math.min(cs.length, ss.length) + 1);
    const pairs = maxWeightMatching(cs.length, ss.length, (i, j) => {
      const score = agreementScore(cs[i]!, ss[j]!);
      return score === null ? null : base + score;
    });
    const taken = new Set<number>();
    for (const [i, j] of pairs) {
      const c = cs[i]!;
      const s = ss[j]!;
      c.members.push({ annotator, span: s });
      c.start = Math.min(c.start, s.start);
      c.end = Math.max(c.end, s.end);
      taken.add(j);
    }
    ss.forEach((s, j) => {
      if (!taken.has(j)) left.push(s);
    });
  };
  for (const item of items) {
    if (group.length > 0 && item.start >= reach) flush();
    group.push(item);
    reach = group.length === 1 ? item.end : Math.max(reach, item.end);
  }
  flush();
  return left;
}

/** The article's clusters, sorted by start, end and id. */
export function clusterArticle(article: ReviewArticle): Cluster[] {
  const layers = [...article.layers].sort((a, b) =>
    a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0,
  );
  const open: Open[] = [];
  for (const layer of layers) {
    const spans = [...layer.spans].sort(byPosition);
    const left = open.length === 0 ? spans : matchLayer(open, layer.annotator, spans, layers.length);
    for (const s of left) open.push({ members: [{ annotator: layer.annotator, span: s }], start: s.start, end: s.end });
  }
  const clusters = open.map((c): Cluster => {
    const kinds: ConflictKind[] = [];
    const first = c.members[0]!.span;
    const rest = c.members.slice(1).map((m) => m.span);
    if (rest.some((s) => s.label !== first.label)) kinds.push('label');
    if (rest.some((s) => s.start !== first.start || s.end !== first.end)) kinds.push('boundary');
    if (c.members.length < layers.length) kinds.push('partial');
    return {
      id: clusterId(
        article.id,
        c.members.map((m) => m.span.id),
      ),
      articleId: article.id,
      start: c.start,
      end: c.end,
      members: c.members,
      kinds,
      unanimous: kinds.length === 0,
    };
  });
  return clusters.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
}

export interface ArticleAgreement {
  articleId: number;
  /** Annotators who marked the article done. */
  layers: number;
  clusters: number;
  unanimous: number;
  /** Unanimous clusters / clusters (1 when no layer has a span); null with fewer than two layers. */
  agreement: number | null;
  /** Clusters that are not unanimous and not yet decided. */
  openConflicts: number;
}

export function articleAgreement(
  article: ReviewArticle,
  clusters: readonly Cluster[],
  decided: ReadonlySet<string> = new Set(),
): ArticleAgreement {
  const unanimous = clusters.filter((c) => c.unanimous).length;
  const layers = article.layers.length;
  return {
    articleId: article.id,
    layers,
    clusters: clusters.length,
    unanimous,
    agreement: layers < 2 ? null : clusters.length === 0 ? 1 : unanimous / clusters.length,
    openConflicts: clusters.filter((c) => !c.unanimous && !decided.has(c.id)).length,
  };
}

/**
 * The review queue: articles two or more annotators marked done, lowest agreement first
 * (then most open conflicts, then article id).
 */
export function reviewQueue(articles: Iterable<ReviewArticle>, decided?: ReadonlySet<string>): ArticleAgreement[] {
  const out: ArticleAgreement[] = [];
  for (const a of articles) {
    if (a.layers.length < 2) continue;
    out.push(articleAgreement(a, clusterArticle(a), decided));
  }
  return out.sort(
    (x, y) => x.agreement! - y.agreement! || y.openConflicts - x.openConflicts || x.articleId - y.articleId,
  );
}
