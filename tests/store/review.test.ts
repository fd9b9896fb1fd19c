// The review slice against a real project file: review mode follows the person's role, J / K
// walk the open conflicts across articles, each decision is what the decision log holds, undo
// and redo go through the backend, the policy's run is one step, and refusals are shown.
import { describe, expect, it, vi } from 'vitest';
import { addArticle } from '../../src/main/backend/articles';
import { ensureAnnotator } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import type { Project } from '../../src/main/backend/project';
import { goldSpans } from '../../src/main/backend/review/gold-layer';
import { createSpan, deleteSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';
import {
  articleProgressText,
  resolvedText,
  selectCluster,
  selectReviewMode,
} from '../../src/renderer/src/store/review';
import { SUMMIT, type Layers } from '../unit/fixtures/adjudication';
import { holdAnswers, storeOnProject } from './harness';

const TALKS = {
  title: 'Talks',
  text: 'Talks resume in Geneva.',
  layers: { alice: [[16, 22, 'LOCATION']], bob: [[16, 22, 'ACTOR']] } as Layers,
};

function addLayers(project: Project, articles: { title: string; text: string; layers: Layers }[]): void {
  const db = project.db;
  const label = (name: string) => project.handlers.listLabels({}).find((l) => l.name === name)!.id;
  for (const a of articles) {
    const { id } = writeTransaction(db, (w) => addArticle(w, { title: a.title, source: 'test', text: a.text }));
    for (const [who, spans] of Object.entries(a.layers)) {
      const annotator = writeTransaction(db, (w) => ensureAnnotator(w, who).id);
      for (const [start, end, name] of spans) {
        createSpan(db, annotator, { articleId: id, labelId: label(name), start, end });
      }
      writeTransaction(db, (w) => setStatus(w, annotator, id, 'done'));
    }
  }
}

async function reviewing() {
  const h = await storeOnProject({ annotator: 'rita', demo: false, setup: (p) => addLayers(p, [SUMMIT, TALKS]) });
  await h.store.getState().boot();
  await h.store.getState().setReviewMode(true);
  return h;
}

const text = (h: Awaited<ReturnType<typeof reviewing>>) => {
  const s = h.store.getState();
  const c = selectCluster(s)!;
  return s.review!.text.slice(c.start, c.end);
};

function gold(h: Awaited<ReturnType<typeof reviewing>>) {
  const review = h.store.getState().review!;
  return (goldSpans(h.workspace.project!.db, [review.id]).get(review.id) ?? []).map((g) => [
    review.text.slice(g.start, g.end),
    g.label,
    g.sources,
    g.decision,
  ]);
}

describe('the review store on a real project', () => {
  it('review mode is the role: on, it opens the lowest-agreement article at its first open conflict', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    expect(selectReviewMode(s)).toBe(true);
    // The status bar's mode button says "Review mode"; the notice beside it does not say it again.
    expect(h.store.getState().notice).toBe('J / K walk the open conflicts; ? lists every key');
    expect(h.workspace.project!.handlers.getSession({}).annotator!.role).toBe('reviewer');
    expect(s.queue!.items.map((i) => [i.title, i.agreement, i.openConflicts])).toEqual([
      ['Talks', 0, 1],
      ['Summit', 0.25, 3],
    ]);
    expect(s.review!.title).toBe('Talks');
    expect(text(h)).toBe('Geneva');

    await s.setReviewMode(false);
    expect(selectReviewMode(h.store.getState())).toBe(false);
    expect(h.workspace.project!.handlers.getSession({}).annotator!.role).toBe('annotator');
    expect(h.store.getState().review).toBeNull();
    expect(h.store.getState().article).not.toBeNull();
  });

  it('J walks the open conflicts in text order, then the next article; K walks back', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.goConflict(1);
    expect(h.store.getState().review!.title).toBe('Summit');
    const seen = [text(h)];
    for (let i = 0; i < 2; i++) {
      await s.goConflict(1);
      seen.push(text(h));
    }
    expect(seen).toEqual(['Putin', 'in Moscow', 'Monday']);
    await s.goConflict(-1);
    expect(text(h)).toBe('in Moscow');
    await s.goConflict(-1);
    await s.goConflict(-1);
    expect(h.store.getState().review!.title).toBe('Talks');
  });

  it('take, accept, reject and edit record what the log holds; undo and redo go through the backend', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.goConflict(1); // Summit: Putin
    await s.takeVersion(2);
    await s.goConflict(1); // Moscow: alice's 17–23 is highlighted first
    expect(h.store.getState().review!.layers[h.store.getState().versionIndex]!.annotator).toBe('alice');
    s.moveVersion(1);
    s.moveVersion(1);
    await s.acceptHighlighted();
    const moscow = h.store.getState().clusterId!;
    await s.goConflict(1); // Monday
    await s.rejectCluster();
    expect(gold(h)).toEqual([
      ['Putin', 'CLAIM', ['bob'], 'accepted'],
      ['Moscow', 'LOCATION', ['alice'], 'accepted'],
    ]);
    expect(h.store.getState().review!.progress).toEqual({ resolved: 3, conflicts: 3 });

    // Edit Moscow's gold span (a decided cluster, picked as a click on it does): from the
    // highlighted version, its start moved back over "in ".
    s.selectCluster(moscow);
    s.startGoldEdit();
    for (let i = 0; i < 3; i++) s.nudgeGoldEdit('start', -1);
    s.relabelGoldEdit(h.store.getState().labels.find((l) => l.name === 'ACTOR')!.id);
    await s.recordGoldEdit();
    expect(h.store.getState().goldEdit).toBeNull();
    expect(gold(h)[1]).toEqual(['in Moscow', 'ACTOR', [], 'edited']);

    await s.undoReview();
    expect(gold(h)[1]).toEqual(['Moscow', 'LOCATION', ['alice'], 'accepted']);
    await s.redoReview();
    expect(gold(h)[1]).toEqual(['in Moscow', 'ACTOR', [], 'edited']);
    await s.redoReview();
    expect(h.store.getState().notice).toBe('Nothing to redo');
  });

  it('the queue the store keeps after decisions, undo, redo and adjudication is the one the backend reads', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    const fresh = () => h.workspace.project!.handlers.reviewQueue({ filter: 'all' });
    expect(h.store.getState().queue).toEqual(fresh());
    await s.goConflict(1);
    await s.takeVersion(2);
    await s.goConflict(1);
    await s.rejectCluster();
    expect(h.store.getState().queue!.progress.resolved).toBe(2);
    expect(h.store.getState().queue).toEqual(fresh());
    await s.undoReview();
    expect(h.store.getState().queue).toEqual(fresh());
    await s.redoReview();
    expect(h.store.getState().queue).toEqual(fresh());
    await s.goConflict(1); // Monday, the last open one
    await s.rejectCluster();
    await s.adjudicateAndNext();
    expect(h.store.getState().queue!.items.filter((i) => i.adjudicated)).toHaveLength(1);
    expect(h.store.getState().queue).toEqual(fresh());
  });

  it('a queue read answered after a decision keeps that decision (the queue is read on the reader)', async () => {
    const h = await reviewing();
    const fresh = () => h.workspace.project!.handlers.reviewQueue({ filter: 'all' });
    // The transport holds back the queue's answer, computed now, until a decision has landed.
    const release = holdAnswers('reviewQueue');
    const reading = h.store.getState().loadQueue();
    await h.store.getState().goConflict(1);
    await h.store.getState().takeVersion(2);
    expect(h.store.getState().queue!.progress.resolved).toBe(1);
    release();
    await reading;
    expect(h.store.getState().queue!.progress.resolved).toBe(1);
    expect(h.store.getState().queue).toEqual(fresh());
  });

  it('after a merge the queue is read again and the open article stays at its cluster', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.goConflict(1);
    const { review, clusterId } = h.store.getState();
    // A third annotator's work arrives (as a merge writes it): Talks gains a layer.
    const p = h.workspace.project!;
    const carol = writeTransaction(p.db, (w) => ensureAnnotator(w, 'carol').id);
    const talks = p.handlers.reviewQueue({ filter: 'all' }).items.find((i) => i.title === 'Talks')!.articleId;
    const location = p.handlers.listLabels({}).find((l) => l.name === 'LOCATION')!.id;
    createSpan(p.db, carol, { articleId: talks, labelId: location, start: 16, end: 22 });
    writeTransaction(p.db, (w) => setStatus(w, carol, talks, 'done'));
    await s.refreshProject();
    expect(h.store.getState().review!.id).toBe(review!.id);
    expect(h.store.getState().clusterId).toBe(clusterId);
    const row = h.store.getState().queue!.items.find((i) => i.articleId === talks)!;
    expect(row.annotators).toEqual(['alice', 'bob', 'carol']);
    expect(h.store.getState().queue).toEqual(p.handlers.reviewQueue({ filter: 'all' }));
  });

  it('after a merge in review mode the policy decides what it covers, says so, and one undo takes it back', async () => {
    const h = await reviewing();
    const db = h.workspace.project!.db;
    const decisions = () => db.prepare('SELECT count(*) FROM decisions').pluck().get() as number;
    expect(decisions()).toBe(0);
    await h.store.getState().afterMerge();
    expect(h.store.getState().notice).toBe('After the merge: 1 cluster decided: 1 unanimous — Ctrl+Z undoes');
    const summit = h.store.getState().queue!.items.find((i) => i.title === 'Summit')!.articleId;
    expect((goldSpans(db, [summit]).get(summit) ?? []).map((g) => [g.label, g.sources, g.decision])).toEqual([
      ['ACTOR', ['alice', 'bob'], 'unanimous'],
    ]);
    await h.store.getState().undoReview();
    expect(goldSpans(db, [summit]).get(summit) ?? []).toEqual([]);

    // Out of review mode a merge decides nothing.
    await h.store.getState().setReviewMode(false);
    const before = decisions();
    await h.store.getState().afterMerge();
    expect(decisions()).toBe(before);
  });

  it('the merge policy is one step: it says what it decided, one undo takes it all back, redo runs it again', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.goConflict(1); // Summit
    await s.applyMergePolicy();
    expect(h.store.getState().notice).toBe('1 cluster decided: 1 unanimous — Ctrl+Z undoes');
    expect(gold(h)).toEqual([['Kim', 'ACTOR', ['alice', 'bob'], 'unanimous']]);
    await s.undoReview();
    expect(gold(h)).toEqual([]);
    await s.redoReview();
    expect(gold(h)).toEqual([['Kim', 'ACTOR', ['alice', 'bob'], 'unanimous']]);
  });

  it('a version that is not there is refused with what to do instead, and nothing is recorded', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.goConflict(1);
    await s.goConflict(1);
    await s.goConflict(1); // Monday: bob only
    await s.takeVersion(1);
    expect(h.store.getState().reviewError).toBe('alice has no span here: R records “no span here”');
    await s.takeVersion(3);
    expect(h.store.getState().reviewError).toBe('There is no annotator 3 on this article (it has 2)');
    expect(gold(h)).toEqual([]);
    expect(selectCluster(h.store.getState())!.status).toBe('open');
  });

  it('an article with open conflicts is not marked adjudicated: the refusal says how many and stays', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    const flagged = () => h.workspace.project!.handlers.reviewQueue({ filter: 'adjudicated' }).items.length;
    await s.adjudicateAndNext(); // Talks: Geneva is open
    expect(h.store.getState().reviewError).toBe(
      '1 conflict is still open: decide it (J) before marking the article adjudicated',
    );
    expect(h.store.getState().review!.title).toBe('Talks');
    expect(h.store.getState().review!.adjudicated).toBe(false);
    expect(flagged()).toBe(0);
    await s.goConflict(1); // Summit: three open
    await s.takeVersion(2);
    await s.adjudicateAndNext();
    await h.settle();
    expect(h.store.getState().reviewError).toBe(
      '2 conflicts are still open: decide them (J) before marking the article adjudicated',
    );
    expect(h.store.getState().queue!.items.some((i) => i.adjudicated)).toBe(false);
    expect(flagged()).toBe(0);
  });

  it('adjudicating opens the next article with open conflicts', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.takeVersion(1); // Talks: Geneva
    await s.adjudicateAndNext();
    expect(h.store.getState().review!.title).toBe('Summit');
    expect(h.store.getState().queue!.items.find((i) => i.title === 'Talks')!.adjudicated).toBe(true);
  });

  it('a gold span whose versions were all deleted is listed; keep records it as an edit, remove as no span', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    await s.goConflict(1);
    await s.goConflict(1); // Summit: Moscow
    await s.acceptHighlighted();
    const moscow = selectCluster(h.store.getState())!;
    const db = h.workspace.project!.db;
    for (const m of moscow.members) {
      deleteSpan(
        db,
        writeTransaction(db, (w) => ensureAnnotator(w, m.annotator).id),
        m.span.id,
      );
    }
    await s.openReview(h.store.getState().review!.id);
    expect(h.store.getState().review!.orphans.map((o) => o.clusterId)).toEqual([moscow.id]);
    expect(gold(h)).toEqual([['Moscow', 'LOCATION', ['alice'], 'accepted']]);
    // The side panel counts the orphan as its queue row does.
    const row = () =>
      h.workspace.project!.handlers.reviewQueue({ filter: 'all' }).items.find((i) => i.title === 'Summit')!;
    expect(`${row().openConflicts} open · ${row().progress.resolved} of ${row().progress.conflicts} resolved`).toBe(
      '3 open · 0 of 3 resolved',
    );

    await s.decideOrphan(moscow.id, true);
    expect(h.store.getState().review!.orphans).toEqual([]);
    expect(articleProgressText(h.store.getState().review!)).toBe('1 of 3 conflicts resolved · 2 open');
    expect(gold(h)).toEqual([['Moscow', 'LOCATION', [], 'edited']]);
    await s.undoReview();
    expect(h.store.getState().review!.orphans.map((o) => o.clusterId)).toEqual([moscow.id]);
    await s.decideOrphan(moscow.id, false);
    expect(h.store.getState().review!.orphans).toEqual([]);
    expect(gold(h)).toEqual([]);
  });

  it('while a gold edit is open, Ctrl+Z steps back within it and Ctrl+Enter is refused: nothing else acts', async () => {
    const h = await reviewing();
    const s = h.store.getState();
    // The window's key handler, as the app runs it (no element has the focus).
    vi.stubGlobal('HTMLElement', class {});
    const { handleKey, runCommand } = await import('../../src/renderer/src/components/editor/useKeyboard');
    const key = (k: string, mods: { ctrl?: boolean; shift?: boolean } = {}) =>
      handleKey({
        key: k,
        ctrlKey: mods.ctrl ?? false,
        metaKey: false,
        altKey: false,
        shiftKey: mods.shift ?? false,
        target: null,
      } as unknown as KeyboardEvent);
    await s.takeVersion(1); // Talks: Geneva, a decision on another article
    await s.goConflict(1); // Summit: Putin
    const db = h.workspace.project!.db;
    const decisions = () => db.prepare('SELECT count(*) FROM decisions').pluck().get() as number;
    expect(decisions()).toBe(1);
    const edited = () => {
      const { goldEdit, review } = h.store.getState();
      return goldEdit && review!.text.slice(goldEdit.start, goldEdit.end);
    };

    expect(key('e')).toBe(true);
    expect(edited()).toBe('Putin');
    expect(key('ArrowRight', { shift: true })).toBe(true);
    expect(key('ArrowRight', { shift: true })).toBe(true);
    expect(edited()).toBe('Putin i');
    expect(key('z', { ctrl: true })).toBe(true);
    await h.settle();
    expect(edited()).toBe('Putin ');
    expect(h.store.getState().notice).toBe('Stepped back in the edit: Enter records it, Esc drops it');
    expect(h.store.getState().review!.title).toBe('Summit');
    expect(decisions()).toBe(1);

    expect(key('Enter', { ctrl: true })).toBe(true);
    await h.settle();
    expect(h.store.getState().notice).toBe('Enter records the edit, Esc drops it');
    expect(edited()).toBe('Putin ');
    expect(h.store.getState().review!.adjudicated).toBe(false);
    expect(h.workspace.project!.handlers.reviewQueue({ filter: 'all' }).items.every((i) => !i.adjudicated)).toBe(true);

    // The menu's Undo steps back too; past the start it says so and undoes no decision.
    runCommand('undo');
    expect(edited()).toBe('Putin');
    runCommand('undo');
    await h.settle();
    expect(h.store.getState().notice).toBe('The edit is as it started: Enter records it, Esc drops it');
    expect(edited()).toBe('Putin');
    expect(decisions()).toBe(1);

    expect(key('ArrowRight', { shift: true })).toBe(true);
    expect(key('Enter')).toBe(true);
    await h.settle();
    expect(h.store.getState().goldEdit).toBeNull();
    expect(decisions()).toBe(2);
  });

  it('"N of M conflicts resolved" says conflict for one', () => {
    expect(resolvedText({ resolved: 0, conflicts: 1 })).toBe('0 of 1 conflict resolved');
    expect(resolvedText({ resolved: 1, conflicts: 2 })).toBe('1 of 2 conflicts resolved');
  });
});
