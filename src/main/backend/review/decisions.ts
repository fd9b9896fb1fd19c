// The reviewer's decisions: take a version, reject ("no span here"), or edit the gold span by
// hand; undo by appending an undo record; mark an article adjudicated. Every write is one
// write transaction; nothing in the log is ever changed or deleted.
import { isCodePointBoundary } from '../../../shared/offsets';
import { AppError } from '../../../shared/result';
import { getAnnotator } from '../annotators';
import { now } from '../clock';
import { writeTransaction } from '../db/handles';
import type { Db } from '../db/open';
import { articleState, NO_CLUSTER, readIdentities, spanOwners, type ArticleState } from './article-state';
import type { ClusterMember } from './clusters';
import {
  decisionWriter,
  nextDecisionId,
  readDecisionRows,
  readNames,
  toDecision,
  type Decision,
  type DecisionRow,
  type NewDecision,
} from './decision-log';
import { loadReview } from './load';
import type { ReviewArticle } from './model';

export type DecideAction =
  /** The version of this annotator (name or uid). */
  | { take: string }
  /** The version with this span id. */
  | { accept: string }
  /** No span here. */
  | { reject: true }
  /** A gold span drawn by hand; UTF-16 offsets like every editor call. */
  | { edit: { start: number; end: number; labelId: number } };

export interface DecideInput {
  articleId: number;
  clusterId: string;
  action: DecideAction;
}

/** The article as the review sees it, with its decisions; NOT_FOUND when there is no such article. */
export function loadArticleState(db: Db, articleId: number): ArticleState {
  if (!Number.isInteger(articleId)) throw new AppError('BAD_INPUT', `article id must be an integer (got ${articleId})`);
  let article: ReviewArticle | undefined;
  for (const a of loadReview(db, { articleIds: [articleId] }).articles) article = a;
  if (!article) {
    const row = db.prepare('SELECT id, title, text FROM articles WHERE id = ?').get(articleId) as
      { id: number; title: string; text: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `article ${articleId} does not exist`);
    article = { ...row, layers: [] };
  }
  return articleState(
    article,
    readDecisionRows(db, [articleId]).get(articleId) ?? [],
    spanOwners(db)(articleId),
    readIdentities(db),
  );
}

function labelIdOf(db: Db, name: string): number {
  const row = db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `label ${JSON.stringify(name)} does not exist`);
  return row.id;
}

function checkEdit(db: Db, text: string, edit: unknown): { start: number; end: number; labelId: number } {
  const e = edit as { start?: unknown; end?: unknown; labelId?: unknown } | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    !Number.isInteger(e.start) ||
    !Number.isInteger(e.end) ||
    !Number.isInteger(e.labelId)
  ) {
    throw new AppError('BAD_INPUT', 'edit needs integer start, end and labelId');
  }
  const start = e.start as number;
  const end = e.end as number;
  const labelId = e.labelId as number;
  if (start < 0 || end <= start) throw new AppError('BAD_INPUT', `edited span ${start}..${end} is empty or negative`);
  if (end > text.length) {
    throw new AppError(
      'BAD_INPUT',
      `edited span end ${end} is past the end of the article (${text.length} UTF-16 units)`,
    );
  }
  if (!isCodePointBoundary(text, start) || !isCodePointBoundary(text, end)) {
    throw new AppError('BAD_INPUT', `edited span ${start}..${end} splits a character (surrogate pair)`);
  }
  if (!db.prepare('SELECT 1 FROM labels WHERE id = ?').get(labelId)) {
    throw new AppError('NOT_FOUND', `label ${labelId} does not exist`);
  }
  return { start, end, labelId };
}

function describeAction(action: unknown): string {
  return `action must be {take: annotator}, {accept: spanId}, {reject: true} or {edit: {start, end, labelId}}; got ${JSON.stringify(action)}`;
}

/** Records the reviewer's decision on one cluster (current, reopened or orphaned) and returns it. */
export function decide(db: Db, reviewer: number, input: DecideInput): Decision {
  return writeTransaction(db, (w) => {
    getAnnotator(w, reviewer);
    const state = loadArticleState(w, input.articleId);
    const cs = state.clusters.find((c) => c.cluster.id === input.clusterId);
    const orphan = cs ? undefined : state.orphans.find((o) => o.cluster_id === input.clusterId);
    if (!cs && !orphan) {
      const ids = state.clusters.filter((c) => !c.cluster.unanimous).map((c) => c.cluster.id);
      throw new AppError(
        'NOT_FOUND',
        `article ${input.articleId} has no cluster ${JSON.stringify(input.clusterId)}` +
          (ids.length ? `; its conflicts: ${ids.join(', ')}` : '; it has no conflicts'),
      );
    }
    const action = input.action as Record<string, unknown> | null;
    if (typeof action !== 'object' || action === null || Object.keys(action).length !== 1) {
      throw new AppError('BAD_INPUT', describeAction(action));
    }
    const members: ClusterMember[] = cs?.cluster.members ?? [];
    let taken: ClusterMember | undefined;
    let result: Pick<NewDecision, 'action' | 'decision' | 'span' | 'sources'>;
    if ('take' in action || 'accept' in action) {
      if (!cs) {
        throw new AppError(
          'BAD_INPUT',
          `cluster ${input.clusterId} no longer has versions to take: reject it or edit a span in its place`,
        );
      }
      if ('take' in action) {
        const who = action.take;
        if (typeof who !== 'string') throw new AppError('BAD_INPUT', describeAction(action));
        taken = members.find((m) => m.annotator === who || state.uidOfSpan.get(m.span.id) === who.toLowerCase());
        if (!taken) {
          throw new AppError(
            'BAD_INPUT',
            `${JSON.stringify(who)} has no version in cluster ${input.clusterId}; versions: ${members.map((m) => m.annotator).join(', ')}`,
          );
        }
      } else {
        const id = action.accept;
        if (typeof id !== 'string') throw new AppError('BAD_INPUT', describeAction(action));
        taken = members.find((m) => m.span.id === id.toLowerCase());
        if (!taken) {
          throw new AppError(
            'BAD_INPUT',
            `span ${JSON.stringify(id)} is not a version in cluster ${input.clusterId}; versions: ${members.map((m) => m.span.id).join(', ')}`,
          );
        }
      }
      const t = taken.span;
      result = {
        action: 'accept',
        decision: 'accepted',
        span: { labelId: labelIdOf(w, t.label), start: state.map.toUtf16(t.start), end: state.map.toUtf16(t.end) },
        // Everyone whose version is the same as the one taken.
        sources: members
          .filter((m) => m.span.start === t.start && m.span.end === t.end && m.span.label === t.label)
          .map((m) => state.uidOfSpan.get(m.span.id) ?? m.annotator),
      };
    } else if ('reject' in action) {
      if (action.reject !== true) throw new AppError('BAD_INPUT', describeAction(action));
      result = { action: 'reject', decision: null, span: null, sources: [] };
    } else if ('edit' in action) {
      result = {
        action: 'edit',
        decision: 'edited',
        span: checkEdit(w, state.article.text, action.edit),
        sources: [],
      };
    } else {
      throw new AppError('BAD_INPUT', describeAction(action));
    }
    const replaces = (cs?.previous ?? []).map((d) => d.cluster_id).filter((id) => id !== input.clusterId);
    const row = decisionWriter(w)({
      articleId: input.articleId,
      clusterId: input.clusterId,
      fingerprint: cs ? cs.fingerprint : NO_CLUSTER,
      members: cs ? members.map((m) => m.span.id) : (JSON.parse(orphan!.members) as string[]),
      ...result,
      replaces,
      reviewerId: reviewer,
      decidedAt: now(),
      batch: nextDecisionId(w),
    });
    return toDecision(row, readNames(w));
  });
}

/**
 * Takes back the reviewer's last decision (every decision of a policy run at once) by
 * appending undo records. Returns what was undone; empty when there is nothing left to undo.
 */
export function undoDecision(db: Db, reviewer: number): Decision[] {
  return writeTransaction(db, (w) => {
    getAnnotator(w, reviewer);
    const last = w
      .prepare(
        `SELECT batch FROM decisions d WHERE reviewer_id = ? AND action != 'undo'
            AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id)
          ORDER BY id DESC LIMIT 1`,
      )
      .get(reviewer) as { batch: number } | undefined;
    if (!last) return [];
    const rows = w
      .prepare(
        `SELECT * FROM decisions d WHERE reviewer_id = ? AND batch = ? AND action != 'undo'
            AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id) ORDER BY id`,
      )
      .all(reviewer, last.batch) as DecisionRow[];
    const undo = w.prepare(
      `INSERT INTO decisions (article_id, cluster_id, fingerprint, members, action, reviewer_id, decided_at, batch, undoes)
       VALUES (?, ?, ?, '[]', 'undo', ?, ?, ?, ?)`,
    );
    const at = now();
    const batch = nextDecisionId(w);
    for (const r of rows) undo.run(r.article_id, r.cluster_id, r.fingerprint, reviewer, at, batch, r.id);
    const names = readNames(w);
    return rows.map((r) => toDecision(r, names));
  });
}

/** The reviewer's flag: the article is adjudicated (done) or open again. */
export function setAdjudicated(db: Db, articleId: number, done: boolean): void {
  writeTransaction(db, (w) => {
    if (!w.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId)) {
      throw new AppError('NOT_FOUND', `article ${articleId} does not exist`);
    }
    w.prepare(
      `INSERT INTO article_review (article_id, status, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (article_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ).run(articleId, done ? 'adjudicated' : 'open', now());
  });
}

/** Whether each of these articles is adjudicated. */
export function adjudicatedSet(db: Db): Set<number> {
  return new Set(
    (
      db.prepare(`SELECT article_id FROM article_review WHERE status = 'adjudicated'`).raw(true).all() as [number][]
    ).map((r) => r[0]),
  );
}
