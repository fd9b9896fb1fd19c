// The merge policy: which clusters go into gold without a reviewer looking. Unanimous clusters
// (on by default) and, optionally, majority: a version (same extent and label, or "no span")
// held by more than half of the annotators who marked the article done. Every automatic
// decision is recorded in the log like a reviewer's, in one batch that one undo takes back.
import { DEFAULT_POLICY, type Policy, type PolicyResult } from '../../../shared/review';
export { DEFAULT_POLICY, type Policy, type PolicyResult } from '../../../shared/review';
import { AppError } from '../../../shared/result';
import { getAnnotator } from '../annotators';
import { now } from '../clock';
import { writeTransaction } from '../db/handles';
import type { Db } from '../db/open';
import { getSetting, setSetting } from '../settings';
import { articleState, readIdentities, spanOwners } from './article-state';
import {
  decisionWriter,
  nextDecisionId,
  readDecisionRows,
  readNames,
  toDecision,
  type NewDecision,
} from './decision-log';
import { Cancelled } from '../importers/errors';
import { doneArticleCount, loadReview } from './load';

const KEY = 'merge_policy';

function checkPolicy(p: unknown): Policy {
  const o = p as Partial<Policy> | null;
  if (typeof o !== 'object' || o === null || typeof o.unanimous !== 'boolean' || typeof o.majority !== 'boolean') {
    throw new AppError(
      'BAD_INPUT',
      `a merge policy is {unanimous: boolean, majority: boolean}; got ${JSON.stringify(p)}`,
    );
  }
  return { unanimous: o.unanimous, majority: o.majority };
}

/** The project's merge policy (unanimous only, by default). */
export function getPolicy(db: Db): Policy {
  const v = getSetting(db, KEY);
  if (v === null) return { ...DEFAULT_POLICY };
  try {
    return checkPolicy(JSON.parse(v));
  } catch {
    return { ...DEFAULT_POLICY };
  }
}

export function setPolicy(db: Db, policy: Policy): void {
  const p = checkPolicy(policy);
  writeTransaction(db, (w) => setSetting(w, KEY, JSON.stringify(p)));
}

/**
 * Decides every cluster without a current decision that the policy covers (reopened ones
 * included), as `reviewer`; returns what it decided.
 */
export interface PolicyHooks {
  /** After each article of the review set: how many are done of how many. */
  onArticle?: ((done: number, total: number) => void) | undefined;
  /** Checked between articles; true throws Cancelled and nothing is recorded. */
  shouldCancel?: (() => boolean) | undefined;
}

export function applyPolicy(
  db: Db,
  reviewer: number,
  policy: Policy = getPolicy(db),
  hooks: PolicyHooks = {},
): PolicyResult {
  const p = checkPolicy(policy);
  return writeTransaction(db, (w) => {
    getAnnotator(w, reviewer);
    const write = decisionWriter(w);
    const owners = spanOwners(w);
    // People and labels by identity; a layer without a span in the cluster is found by the
    // name the reviewer sees.
    const ids = readIdentities(w);
    const total = hooks.onArticle ? doneArticleCount(w) : 0;
    let seen = 0;
    const batch = nextDecisionId(w);
    const at = now();
    const rows: ReturnType<typeof write>[] = [];
    const result: PolicyResult = { policy: p, articles: 0, decisions: [], unanimous: 0, majority: 0, rejected: 0 };
    for (const article of loadReview(w).articles) {
      if (hooks.shouldCancel?.()) throw new Cancelled();
      hooks.onArticle?.(++seen, total);
      if (article.layers.length < 2) continue;
      result.articles++;
      const state = articleState(
        article,
        readDecisionRows(w, [article.id]).get(article.id) ?? [],
        owners(article.id),
        ids,
      );
      const k = article.layers.length;
      for (const s of state.clusters) {
        if (s.current) continue;
        const c = s.cluster;
        const uid = (id: string, who: string) => state.uidOfSpan.get(id) ?? who;
        let d: Pick<NewDecision, 'decision' | 'span' | 'sources'> | null = null;
        if (c.unanimous && (p.unanimous || p.majority)) {
          const t = c.members[0]!.span;
          d = {
            decision: 'unanimous',
            span: {
              labelId: ids.labelIdOf(t.label)!,
              start: state.map.toUtf16(t.start),
              end: state.map.toUtf16(t.end),
            },
            sources: c.members.map((m) => uid(m.span.id, m.annotator)),
          };
          result.unanimous++;
        } else if (p.majority) {
          const groups = new Map<string, typeof c.members>();
          for (const m of c.members) {
            const key = `${m.span.start}:${m.span.end}:${m.span.label}`;
            groups.set(key, [...(groups.get(key) ?? []), m]);
          }
          const top = [...groups.values()].find((g) => g.length * 2 > k);
          const without = article.layers
            .map((l) => l.annotator)
            .filter((a) => !c.members.some((m) => m.annotator === a));
          if (top) {
            const t = top[0]!.span;
            d = {
              decision: 'majority',
              span: {
                labelId: ids.labelIdOf(t.label)!,
                start: state.map.toUtf16(t.start),
                end: state.map.toUtf16(t.end),
              },
              sources: top.map((m) => uid(m.span.id, m.annotator)),
            };
            result.majority++;
          } else if (without.length * 2 > k) {
            d = { decision: null, span: null, sources: without.map((a) => ids.uidOf(a) ?? a) };
            result.rejected++;
          }
        }
        if (!d) continue;
        rows.push(
          write({
            articleId: article.id,
            clusterId: c.id,
            fingerprint: s.fingerprint,
            members: c.members.map((m) => m.span.id),
            action: 'auto',
            ...d,
            replaces: s.previous.map((x) => x.cluster_id).filter((id) => id !== c.id),
            reviewerId: reviewer,
            decidedAt: at,
            batch,
          }),
        );
      }
    }
    const names = readNames(w);
    result.decisions = rows.map((r) => toDecision(r, names));
    return result;
  });
}
