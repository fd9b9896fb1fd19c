// The contract's review methods through dispatch, the edge every host calls, on a real project
// file: the role, the queue, decisions under the current person, undo, the adjudicated flag and
// the policy; bad input refused with the field named and nothing written.
import { describe, expect, it } from 'vitest';
import { ensureAnnotatorByUid } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { dispatch } from '../../src/main/backend/dispatch';
import { sourceJobsHost } from '../../src/main/backend/jobs/handlers';
import { Project } from '../../src/main/backend/project';
import { loadReview } from '../../src/main/backend/review/load';
import { agreementReport } from '../../src/main/backend/review/report';
import { createSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';
import type { Input, Method, Output } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { labelIdOf, reviewProject, SUMMIT } from './fixtures/adjudication';
import { RESOURCES } from './helpers';

function call<M extends Method>(r: ReturnType<typeof reviewProject>, method: M, input?: Input<M>): Output<M> {
  const res = dispatch(r.p.handlers, method, input) as Result<Output<M>>;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value;
}

function failure(r: ReturnType<typeof reviewProject>, method: Method, input: unknown): string {
  const res = dispatch(r.p.handlers, method, input);
  if (res.ok) throw new Error('expected a failure');
  return `${res.error.code}: ${res.error.message}`;
}

const decisions = (r: ReturnType<typeof reviewProject>) =>
  (r.db.prepare('SELECT count(*) AS n FROM decisions').get() as { n: number }).n;

describe('review methods through dispatch', () => {
  it('switches the current person to reviewer and back', () => {
    const r = reviewProject([SUMMIT]);
    r.p.setAnnotator('rita');
    expect(call(r, 'setRole', { role: 'reviewer' }).annotator?.role).toBe('reviewer');
    expect(call(r, 'getSession').annotator?.role).toBe('reviewer');
    expect(call(r, 'setRole', { role: 'annotator' }).annotator?.role).toBe('annotator');
  });

  it('lists the queue, decides each conflict kind and undoes, recording decisions under the current person', () => {
    const r = reviewProject([SUMMIT]);
    r.p.setAnnotator('rita');
    const [id] = r.ids as [number];
    const queue = call(r, 'reviewQueue', { filter: 'open' });
    expect(queue.items.map((i) => [i.articleId, i.openConflicts])).toEqual([[id, 3]]);
    expect(queue.progress).toEqual({ resolved: 0, conflicts: 3 });

    const article = call(r, 'reviewArticle', { articleId: id });
    const at = (start: number) => article.clusters.find((c) => c.start === start)!;
    expect(at(8).kinds).toEqual(['label']);

    let now = call(r, 'decide', { articleId: id, clusterId: at(8).id, action: { take: 'bob' } });
    expect(now.progress).toEqual({ resolved: 1, conflicts: 3 });
    expect(now.gold.map((g) => [g.start, g.end, g.label, g.sources])).toEqual([[8, 13, 'CLAIM', ['bob']]]);
    expect(now.clusters.find((c) => c.start === 8)!.decision?.reviewer).toBe('rita');

    now = call(r, 'decide', { articleId: id, clusterId: at(14).id, action: { reject: true } });
    now = call(r, 'decide', {
      articleId: id,
      clusterId: at(27).id,
      action: { edit: { start: 27, end: 33, labelId: labelIdOf(r.db, 'CLAIM') } },
    });
    expect(now.progress).toEqual({ resolved: 3, conflicts: 3 });
    expect(call(r, 'reviewQueue', { filter: 'open' }).items).toEqual([]);

    const undone = call(r, 'undoDecision');
    expect(undone.undone.map((d) => d.action)).toEqual(['edit']);
    expect(undone.article?.progress).toEqual({ resolved: 2, conflicts: 3 });

    const flagged = call(r, 'setAdjudicated', { articleId: id, adjudicated: true });
    expect(flagged).toEqual({ articleId: id, adjudicated: true, progress: { resolved: 2, conflicts: 3 } });
    expect(call(r, 'reviewQueue', { filter: 'adjudicated' }).items.map((i) => i.articleId)).toEqual([id]);
  });

  it('applies the merge policy as a job, in one batch under the current person, undone at once', async () => {
    const base = reviewProject([SUMMIT]);
    base.p.setAnnotator('rita');
    const file = base.p.file;
    base.p.close();
    const host = sourceJobsHost();
    const p = Project.open(file, { resourcesDir: RESOURCES, jobs: host });
    const r = { ...base, p, db: p.db };
    try {
      expect(call(r, 'getPolicy')).toEqual({ unanimous: true, majority: false });
      expect(call(r, 'setPolicy', { unanimous: true, majority: true })).toEqual({ unanimous: true, majority: true });
      const job = call(r, 'startPolicy');
      expect(job.title).toBe('Merge policy (rita)');
      const end = await host.runner.wait(job.id);
      expect(end.phase).toBe('done');
      // With two annotators a majority is both: only the unanimous Kim is decided.
      expect(end.policyRun).toMatchObject({ decided: 1, unanimous: 1, majority: 0, rejected: 0, articles: 1 });
      expect(end.report).toBe('1 cluster decided: 1 unanimous, 0 majority — Ctrl+Z undoes');
      const gold = call(r, 'reviewArticle', { articleId: r.ids[0]! }).gold;
      expect(gold.map((g) => [g.label, g.sources, g.decision])).toEqual([['ACTOR', ['alice', 'bob'], 'unanimous']]);
      expect(call(r, 'undoDecision').undone).toHaveLength(1);
      expect(call(r, 'reviewArticle', { articleId: r.ids[0]! }).gold).toEqual([]);
    } finally {
      await host.runner.shutdown();
      p.close();
    }
  });

  it('refuses bad input naming the field, and writes nothing', () => {
    const r = reviewProject([SUMMIT]);
    r.p.setAnnotator('rita');
    const id = r.ids[0]!;
    const cluster = call(r, 'reviewArticle', { articleId: id }).clusters[0]!.id;
    expect(failure(r, 'decide', { articleId: id, clusterId: 'xyz', action: { reject: true } })).toMatch(
      /^BAD_INPUT: decide: clusterId: cluster id must be 20 hex digits/,
    );
    expect(
      failure(r, 'decide', { articleId: id, clusterId: cluster, action: { edit: { start: 5, end: 5, labelId: 1 } } }),
    ).toMatch(/^BAD_INPUT: decide: action/);
    expect(failure(r, 'decide', { articleId: id, clusterId: cluster, action: { take: 'zed' } })).toMatch(/zed/);
    expect(failure(r, 'reviewQueue', { filter: 'mine' })).toMatch(/^BAD_INPUT: reviewQueue: filter/);
    expect(failure(r, 'reviewArticle', { articleId: 999 })).toBe('NOT_FOUND: article 999 does not exist');
    expect(decisions(r)).toBe(0);
  });
});

describe('two people with one name', () => {
  it('stay two layers, named with a short id, in the review, the decisions and agreement', () => {
    const r = reviewProject([{ title: 'Names', text: 'Kim met Putin.', layers: {} }]);
    const id = r.ids[0]!;
    const people = writeTransaction(r.db, (w) => [
      ensureAnnotatorByUid(w, '3f2a9c00-0000-4000-8000-000000000001', 'Anna', true).annotator,
      ensureAnnotatorByUid(w, 'b71e0400-0000-4000-8000-000000000002', 'Anna', true).annotator,
    ]);
    const actor = labelIdOf(r.db, 'ACTOR');
    createSpan(r.db, people[0]!.id, { articleId: id, labelId: actor, start: 0, end: 3 });
    createSpan(r.db, people[1]!.id, { articleId: id, labelId: labelIdOf(r.db, 'CLAIM'), start: 0, end: 3 });
    for (const p of people) writeTransaction(r.db, (w) => setStatus(w, p.id, id, 'done'));
    r.p.setAnnotator('rita');

    const article = call(r, 'reviewArticle', { articleId: id });
    expect(article.layers.map((l) => l.annotator)).toEqual(['Anna (3f2a9c)', 'Anna (b71e04)']);
    const [cluster] = article.clusters;
    expect(cluster!.kinds).toEqual(['label']);
    const now = call(r, 'decide', { articleId: id, clusterId: cluster!.id, action: { take: 'Anna (b71e04)' } });
    expect(now.gold.map((g) => [g.label, g.sources])).toEqual([['CLAIM', ['Anna (b71e04)']]]);

    const report = agreementReport(loadReview(r.db));
    expect(report.annotators).toEqual(['Anna (3f2a9c)', 'Anna (b71e04)']);
    expect(report.pairs.map((p) => [p.a, p.b, p.f1.overall])).toEqual([['Anna (3f2a9c)', 'Anna (b71e04)', 0]]);
  });
});
