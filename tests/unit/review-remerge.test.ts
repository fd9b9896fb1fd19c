// Re-merging newer packs after adjudication, with the real pack merge: only the clusters whose
// versions changed are reopened (and the merge summary says which), every other decision stays
// current, and no decision is lost: a reopened cluster's gold span stays until it is decided
// again, and the new decision takes the old one's place.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMergeSummary, mergePacks } from '../../src/main/backend/packs/merge';
import { writeWorkPack } from '../../src/main/backend/packs/work-pack';
import type { Project } from '../../src/main/backend/project';
import { adjudicatedSet, decide, setAdjudicated } from '../../src/main/backend/review/decisions';
import { goldSpans } from '../../src/main/backend/review/gold-layer';
import { applyPolicy } from '../../src/main/backend/review/policy';
import { clusterArticle } from '../../src/main/backend/review/clusters';
import { disagreementRows } from '../../src/main/backend/review/disagreements';
import { loadReview } from '../../src/main/backend/review/load';
import { decisionColumn, reopenedClusters, reviewArticle, reviewQueue } from '../../src/main/backend/review/queue';
import { tempDir } from './helpers';
import { annotatorProject, articleIds, labelId, tick } from './fixtures/packs';

// TEXTS[0]: 'Kim Jong Un met Putin at Vostochny 🚀 on Wednesday, the Kremlin said.'
function work(p: Project, spans: [number, number, string][]): Record<string, string> {
  const a0 = articleIds(p)[0]!;
  const ids: Record<string, string> = {};
  for (const [start, end, label] of spans) {
    ids[`${start}`] = p.handlers.createSpan({ articleId: a0, labelId: labelId(p, label), start, end }).id;
  }
  p.handlers.setStatus({ articleId: a0, status: 'done' });
  return ids;
}

function pack(p: Project, name: string): string {
  const out = path.join(tempDir(), name);
  writeWorkPack(p.db, p.handlers.getSession({}).annotator!.name, out);
  return out;
}

function gold(rev: Project, a: number) {
  return (goldSpans(rev.db, [a]).get(a) ?? []).map((s) => [s.start, s.end, s.label, s.decision]);
}

describe('re-merging after adjudication', () => {
  it('reopens only the clusters whose versions changed, keeps the rest decided, and says so', () => {
    const anna = annotatorProject('anna');
    const bo = annotatorProject('bo');
    // Kim Jong Un (0..11), Putin (16..21), Vostochny (25..34).
    const annas = work(anna, [
      [0, 11, 'ACTOR'],
      [16, 21, 'ACTOR'],
      [25, 34, 'LOCATION'],
    ]);
    work(bo, [
      [0, 11, 'ACTOR'],
      [16, 21, 'CLAIM'],
      [22, 34, 'LOCATION'],
    ]);
    const rev = annotatorProject('rev');
    const reviewer = rev.handlers.getSession({}).annotator!.id;
    mergePacks(rev.db, [pack(anna, 'anna.swpack'), pack(bo, 'bo.swpack')]);
    const a = articleIds(rev)[0]!;

    applyPolicy(rev.db, reviewer);
    const before = reviewArticle(rev.db, a);
    const [kim, putin, vostochny] = before.clusters;
    expect(before.clusters.map((c) => [c.start, c.end, c.status])).toEqual([
      [0, 11, 'decided'],
      [16, 21, 'open'],
      [22, 34, 'open'],
    ]);
    decide(rev.db, reviewer, { articleId: a, clusterId: putin!.id, action: { take: 'bo' } });
    decide(rev.db, reviewer, { articleId: a, clusterId: vostochny!.id, action: { take: 'anna' } });
    expect(gold(rev, a)).toEqual([
      [0, 11, 'ACTOR', 'unanimous'],
      [16, 21, 'CLAIM', 'accepted'],
      [25, 34, 'LOCATION', 'accepted'],
    ]);

    // Anna changes her Putin to CLAIM; her other spans are untouched. Merging the same packs
    // again reopens nothing.
    expect(mergePacks(rev.db, [pack(anna, 'anna-again.swpack')])[0]!.reopened).toEqual([]);
    tick();
    anna.handlers.updateSpan({ id: annas['16']!, labelId: labelId(anna, 'CLAIM') });
    const [summary] = mergePacks(rev.db, [pack(anna, 'anna-2.swpack')]);
    expect(summary!.spans.updated).toBe(1);
    expect(summary!.reopened).toEqual([{ articleId: a, title: 'T0', clusterId: putin!.id }]);
    const remembered = rev.db.prepare('SELECT summary FROM merged_packs WHERE checksum = ?').get(summary!.checksum) as {
      summary: string;
    };
    expect((JSON.parse(remembered.summary) as typeof summary)!.reopened).toEqual(summary!.reopened);
    expect(formatMergeSummary(summary!)).toMatch(
      new RegExp(
        `reopened for review: 1 decided cluster whose versions changed\\n {4}article ${a} \\(T0\\): cluster ${putin!.id}`,
      ),
    );
    expect(reopenedClusters(rev.db).map((r) => r.clusterId)).toEqual([putin!.id]);

    const after = reviewArticle(rev.db, a);
    expect(after.clusters.map((c) => [c.id, c.status])).toEqual([
      [kim!.id, 'decided'],
      [putin!.id, 'reopened'],
      [vostochny!.id, 'decided'],
    ]);
    // Now unanimous, but the reviewer had decided it: it is reopened, not silently redecided.
    expect(after.clusters[1]!.unanimous).toBe(true);
    expect(after.clusters[1]!.previous.map((d) => [d.decision, d.sources])).toEqual([['accepted', ['bo']]]);
    // The decision is not lost: gold keeps it until the cluster is decided again.
    expect(gold(rev, a)).toContainEqual([16, 21, 'CLAIM', 'accepted']);

    const again = applyPolicy(rev.db, reviewer);
    expect(again.decisions.map((d) => [d.clusterId, d.decision, d.sources])).toEqual([
      [putin!.id, 'unanimous', ['anna', 'bo']],
    ]);
    expect(reviewArticle(rev.db, a).clusters.map((c) => c.status)).toEqual(['decided', 'decided', 'decided']);
    expect(reopenedClusters(rev.db)).toEqual([]);
    for (const p of [anna, bo, rev]) p.close();
  });

  it('a cluster that a merge reshapes gets a new id; its new decision takes the old one’s place', () => {
    const anna = annotatorProject('anna');
    const bo = annotatorProject('bo');
    work(anna, [
      [0, 11, 'ACTOR'],
      [16, 21, 'ACTOR'],
    ]);
    work(bo, [[0, 11, 'ACTOR']]);
    const rev = annotatorProject('rev');
    const reviewer = rev.handlers.getSession({}).annotator!.id;
    mergePacks(rev.db, [pack(anna, 'anna.swpack'), pack(bo, 'bo.swpack')]);
    const a = articleIds(rev)[0]!;
    const partial = reviewArticle(rev.db, a).clusters[1]!;
    expect(partial.kinds).toEqual(['partial']);
    decide(rev.db, reviewer, { articleId: a, clusterId: partial.id, action: { take: 'anna' } });
    expect(reviewQueue(rev.db, 'open').items).toEqual([]);

    // Bo adds his Putin: the cluster now has two members, so a new id.
    tick();
    const a0 = articleIds(bo)[0]!;
    bo.handlers.createSpan({ articleId: a0, labelId: labelId(bo, 'CLAIM'), start: 16, end: 21 });
    const [summary] = mergePacks(rev.db, [pack(bo, 'bo-2.swpack')]);
    const reshaped = reviewArticle(rev.db, a).clusters[1]!;
    expect(reshaped.id).not.toBe(partial.id);
    expect(reshaped.status).toBe('reopened');
    expect(summary!.reopened.map((r) => r.clusterId)).toEqual([reshaped.id]);
    expect(reviewQueue(rev.db, 'open').items.map((i) => i.openConflicts)).toEqual([1]);
    expect(gold(rev, a)).toEqual([[16, 21, 'ACTOR', 'accepted']]);
    const column = () => {
      const article = [...loadReview(rev.db).articles][0]!;
      return disagreementRows(article, clusterArticle(article), decisionColumn(rev.db)(article)).map((r) => [
        r.kind,
        r.decision,
      ]);
    };
    expect(column()).toEqual([['label', 'reopened (was: accepted (anna))']]);

    decide(rev.db, reviewer, { articleId: a, clusterId: reshaped.id, action: { take: 'bo' } });
    expect(gold(rev, a)).toEqual([[16, 21, 'CLAIM', 'accepted']]);
    expect(column()).toEqual([['label', 'accepted (bo)']]);
    expect(reviewArticle(rev.db, a).clusters[1]!.status).toBe('decided');
    for (const p of [anna, bo, rev]) p.close();
  });

  it('a gold span whose cluster is gone is listed as an orphan until the reviewer confirms it', () => {
    const anna = annotatorProject('anna');
    const bo = annotatorProject('bo');
    const annas = work(anna, [[16, 21, 'ACTOR']]);
    work(bo, []);
    const rev = annotatorProject('rev');
    const reviewer = rev.handlers.getSession({}).annotator!.id;
    mergePacks(rev.db, [pack(anna, 'anna.swpack'), pack(bo, 'bo.swpack')]);
    const a = articleIds(rev)[0]!;
    const c = reviewArticle(rev.db, a).clusters[0]!;
    decide(rev.db, reviewer, { articleId: a, clusterId: c.id, action: { take: 'anna' } });
    tick();
    anna.handlers.deleteSpan({ id: annas['16']! });
    const [summary] = mergePacks(rev.db, [pack(anna, 'anna-2.swpack')]);
    expect(summary!.reopened.map((r) => r.clusterId)).toEqual([c.id]);
    const art = reviewArticle(rev.db, a);
    expect(art.clusters).toEqual([]);
    expect(art.orphans.map((d) => [d.clusterId, d.span?.label])).toEqual([[c.id, 'ACTOR']]);
    expect(art.progress).toEqual({ resolved: 0, conflicts: 1 });
    expect(gold(rev, a)).toEqual([[16, 21, 'ACTOR', 'accepted']]);
    decide(rev.db, reviewer, { articleId: a, clusterId: c.id, action: { reject: true } });
    expect(gold(rev, a)).toEqual([]);
    expect(reviewArticle(rev.db, a).orphans).toEqual([]);
    for (const p of [anna, bo, rev]) p.close();
  });
});

describe('a merge of several packs, and adjudicated articles', () => {
  it('reports only what is reopened at the end, and an adjudicated article with a reopened cluster is open again', () => {
    const anna = annotatorProject('anna');
    const bo = annotatorProject('bo');
    const annas = work(anna, [[16, 21, 'ACTOR']]);
    const bos = work(bo, [[16, 21, 'CLAIM']]);
    const rev = annotatorProject('rev');
    const reviewer = rev.handlers.getSession({}).annotator!.id;
    mergePacks(rev.db, [pack(anna, 'anna.swpack'), pack(bo, 'bo.swpack')]);
    const a = articleIds(rev)[0]!;
    const [putin] = reviewArticle(rev.db, a).clusters;
    decide(rev.db, reviewer, { articleId: a, clusterId: putin!.id, action: { take: 'bo' } });
    setAdjudicated(rev.db, a, true);

    // Both delete Putin: after anna's pack the cluster is bo's alone (a new id), after bo's it
    // is gone and the gold span it left is an orphan.
    tick();
    anna.handlers.deleteSpan({ id: annas['16']! });
    bo.handlers.deleteSpan({ id: bos['16']! });
    const [first, second] = mergePacks(rev.db, [pack(anna, 'anna-2.swpack'), pack(bo, 'bo-2.swpack')]);
    const now = reopenedClusters(rev.db).map((r) => r.clusterId);
    expect(now).toEqual([putin!.id]);
    expect(reviewArticle(rev.db, a).orphans).toHaveLength(1);
    // Every cluster reported exists now; none is reported twice.
    const reported = [...first!.reopened, ...second!.reopened].map((r) => r.clusterId);
    expect(reported).toEqual(now);
    // The article left the adjudicated set (and the gold export) and the summary says so.
    expect(adjudicatedSet(rev.db).has(a)).toBe(false);
    expect([...(first!.unadjudicated ?? []), ...(second!.unadjudicated ?? [])]).toEqual([a]);
    const text = [first!, second!].map(formatMergeSummary).join('\n');
    expect(text).toContain(`no longer adjudicated (a decided cluster reopened): article ${a}`);
  });
});
