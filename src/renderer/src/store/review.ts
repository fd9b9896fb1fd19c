// Review mode: the queue of articles two or more annotators marked done, the article under
// review with its clusters, the current cluster and highlighted version, a gold span being
// edited, the merge policy, and this window's decisions for redo. Every decision goes through
// the backend (decide, undoDecision) and the article comes back as it now is.
import type { Input } from '../../../shared/contract';
import type { JobState } from '../../../shared/jobs';
import type {
  Decision,
  Policy,
  QueueFilter,
  ReviewArticleData,
  ReviewClusterData,
  ReviewProgress,
  ReviewQueue,
} from '../../../shared/review';
import { DEFAULT_POLICY, describePolicyRun } from '../../../shared/review';
import { stepChar } from '../../../shared/text';
import { call } from '../api';
import { markStart } from '../lib/perf';
import { writesSettled } from './save';
import type { Slice, Store } from './types';

export type DecideInput = Input<'decide'>;
type DecideAction = DecideInput['action'];

/** A step this window took, so that redo can take it again. */
type Step = { kind: 'decide'; input: DecideInput } | { kind: 'policy' };

/** Where an article opens: its first or last open conflict, or a cluster by id. */
export type ClusterPick = 'first' | 'last' | { clusterId: string };

export interface GoldEdit {
  start: number;
  end: number;
  labelId: number;
}

export interface ReviewSlice {
  queue: ReviewQueue | null;
  queueFilter: QueueFilter;
  review: ReviewArticleData | null;
  /** The cluster under the reviewer's eye. */
  clusterId: string | null;
  /** The highlighted version: an index into the article's layers. */
  versionIndex: number;
  /** The gold span being edited (E), until Enter records it or Esc drops it. */
  goldEdit: GoldEdit | null;
  /** The edit as it was before each nudge or relabel, so that Ctrl+Z steps back within it. */
  goldEditSteps: GoldEdit[];
  policy: Policy;
  /** The last thing the review could not do, shown in the status bar until dismissed. */
  reviewError: string | null;
  undone: Step[];
  done: Step[];

  /** After boot: the queue and the first article with open conflicts. */
  startReviewing(): Promise<void>;
  /** After a merge or an import: the queue read again, the open article at the same cluster. */
  refreshReview(): Promise<void>;
  /**
   * After a merge into the open project: in review mode the project's merge policy decides what
   * it covers (said in the status bar, one Ctrl+Z undoes it), then the view is read again.
   */
  afterMerge(): Promise<void>;
  /** Turns review mode on or off: the person's role becomes reviewer or annotator. */
  setReviewMode(on: boolean): Promise<void>;
  loadQueue(filter?: QueueFilter): Promise<void>;
  /** Opens an article for review at its first open conflict (or its last, or a given cluster). */
  openReview(articleId: number, at?: ClusterPick): Promise<void>;
  selectCluster(clusterId: string): void;
  /** Opens one cluster for review (from the agreement panel), entering review mode if needed. */
  reviewCluster(articleId: number, clusterId: string): Promise<void>;
  /** J / K: the next or previous open conflict, on to the next article with open conflicts. */
  goConflict(dir: 1 | -1): Promise<void>;
  /** Alt+↓ / Alt+↑ in review mode: the next or previous article of the queue. */
  goQueueArticle(dir: 1 | -1): Promise<void>;
  moveVersion(dir: 1 | -1): void;
  /** 1–9: take the version of the n-th annotator (1-based). */
  takeVersion(n: number): Promise<void>;
  acceptHighlighted(): Promise<void>;
  rejectCluster(): Promise<void>;
  startGoldEdit(): void;
  nudgeGoldEdit(edge: 'start' | 'end', dir: 1 | -1): void;
  relabelGoldEdit(labelId: number): void;
  /** Ctrl+Z while editing: the edit as it was before its last nudge or relabel. */
  stepBackGoldEdit(): void;
  recordGoldEdit(): Promise<void>;
  cancelGoldEdit(): void;
  undoReview(): Promise<void>;
  redoReview(): Promise<void>;
  /** Ctrl+Enter: marks the article adjudicated and opens the next with open conflicts. */
  adjudicateAndNext(): Promise<void>;
  /**
   * An orphan (a gold span whose annotators' spans were all deleted): keep its span (recorded
   * as an edit) or remove it (no span here).
   */
  decideOrphan(clusterId: string, keep: boolean): Promise<void>;
  loadPolicy(): Promise<void>;
  savePolicy(policy: Policy): Promise<void>;
  applyMergePolicy(): Promise<void>;
  dismissReviewError(): void;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Clusters in text order. */
export function orderedClusters(article: ReviewArticleData): ReviewClusterData[] {
  return [...article.clusters].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
}

export function isOpen(cluster: ReviewClusterData): boolean {
  return cluster.status === 'open' || cluster.status === 'reopened';
}

/** "1 conflict" / "2 conflicts". */
export function conflictCount(n: number): string {
  return `${n} conflict${n === 1 ? '' : 's'}`;
}

/** Conflicts (clusters that are not unanimous, and orphans) without a decision in force. */
export function openConflicts(progress: ReviewProgress): number {
  return Math.max(0, progress.conflicts - progress.resolved);
}

/** "1 of 2 conflicts resolved", "0 of 1 conflict resolved". */
export function resolvedText(progress: ReviewProgress): string {
  return `${progress.resolved} of ${conflictCount(progress.conflicts)} resolved`;
}

/** The article's progress as the side panel says it: the same numbers as its queue row. */
export function articleProgressText(article: ReviewArticleData): string {
  return `${resolvedText(article.progress)} · ${openConflicts(article.progress)} open${article.adjudicated ? ' · adjudicated' : ''}`;
}

/** Why the article cannot be marked adjudicated yet (its open conflicts and orphans), or null. */
export function adjudicationRefusal(article: ReviewArticleData): string | null {
  const open = openConflicts(article.progress);
  if (open === 0) return null;
  const orphans = article.orphans.length;
  const how = orphans > 0 ? '(J, and Keep / Remove in the side panel)' : '(J)';
  const be = open === 1 ? 'is' : 'are';
  return `${conflictCount(open)} ${be} still open: decide ${open === 1 ? 'it' : 'them'} ${how} before marking the article adjudicated`;
}

export const selectReviewMode = (s: Pick<Store, 'session'>): boolean => s.session?.annotator?.role === 'reviewer';

export const selectCluster = (s: Pick<Store, 'review' | 'clusterId'>): ReviewClusterData | null =>
  s.review?.clusters.find((c) => c.id === s.clusterId) ?? null;

/** The highlighted version's annotator, when they have a span in the current cluster. */
export function highlightedMember(s: Pick<Store, 'review' | 'clusterId' | 'versionIndex'>) {
  const cluster = selectCluster(s);
  const annotator = s.review?.layers[s.versionIndex]?.annotator;
  return cluster?.members.find((m) => m.annotator === annotator) ?? null;
}

/** The index of the first annotator with a span in the cluster (the version highlighted first). */
function firstVersion(article: ReviewArticleData, cluster: ReviewClusterData | undefined): number {
  if (!cluster) return 0;
  const i = article.layers.findIndex((l) => cluster.members.some((m) => m.annotator === l.annotator));
  return Math.max(0, i);
}

/**
 * The queue with one article's row brought up to date from what a decision returned: a
 * decision changes only its own article's counts, so the set is not read again (at 10,000
 * articles that read takes seconds of the backend's time).
 */
export function patchQueue(
  queue: ReviewQueue,
  article: Pick<ReviewArticleData, 'id' | 'progress' | 'adjudicated'>,
): ReviewQueue {
  const i = queue.items.findIndex((item) => item.articleId === article.id);
  if (i === -1) return queue;
  const old = queue.items[i]!;
  const item = {
    ...old,
    progress: article.progress,
    openConflicts: article.progress.conflicts - article.progress.resolved,
    adjudicated: article.adjudicated,
  };
  const items = queue.items.slice();
  items[i] = item;
  return {
    ...queue,
    items,
    progress: {
      resolved: queue.progress.resolved - old.progress.resolved + item.progress.resolved,
      conflicts: queue.progress.conflicts - old.progress.conflicts + item.progress.conflicts,
    },
  };
}

export const createReviewSlice: Slice<ReviewSlice> = (set, get, store) => {
  const fail = (err: unknown) => set({ reviewError: message(err) });

  /** Resolves when the job has ended (its events reach the jobs slice). */
  const jobEnd = (id: string) =>
    new Promise<JobState>((resolve) => {
      let unsubscribe: (() => void) | null = null;
      const check = (s: Store) => {
        const job = s.jobs.find((j) => j.id === id);
        if (!job || job.phase === 'waiting' || job.phase === 'running') return false;
        unsubscribe?.();
        resolve(job);
        return true;
      };
      if (!check(get())) unsubscribe = store.subscribe(check);
    });

  /**
   * The merge policy over the whole set, as a job (seconds at 10,000 articles: never on the
   * window's process). Resolves once it has ended and the view shows what it decided.
   */
  const runPolicy = async (opts: { redo: boolean; prefix: string }) => {
    const job = await call('startPolicy');
    get().handleJobEvent({ type: 'job', job });
    const end = await jobEnd(job.id);
    const run = end.policyRun;
    if (end.phase === 'done' && run) {
      if (run.decided) set((s) => ({ done: [...s.done, { kind: 'policy' }], undone: opts.redo ? s.undone : [] }));
      if (run.decided || !opts.prefix) get().notify(opts.prefix + describePolicyRun(run));
    } else if (end.phase === 'failed') fail(new Error(end.error?.message ?? 'the merge policy failed'));
    else get().notify('Merge policy cancelled: nothing was decided');
    const id = get().review?.id;
    if (id) show(await call('reviewArticle', { articleId: id }));
    await get().loadQueue();
  };
  type Patched = Pick<ReviewArticleData, 'id' | 'progress' | 'adjudicated'>;
  /**
   * The decisions' articles patched into the queue while a queue read was on its way: the
   * queue is read on the reader, and an answer computed before a decision must not undo its
   * patch, so each answer gets the patches made after it was asked for.
   */
  const patchLog: Patched[] = [];
  let queueReads = 0;
  const patch = (article: Patched) => {
    const queue = get().queue;
    if (queueReads > 0) patchLog.push(article);
    if (queue) set({ queue: patchQueue(queue, article) });
  };

  /** Shows the article as the backend returned it, keeping the cluster when it is still there. */
  const show = (article: ReviewArticleData, clusterId?: string | null) => {
    const keep = clusterId ?? get().clusterId;
    const cluster = article.clusters.find((c) => c.id === keep) ?? orderedClusters(article).find(isOpen);
    const sameCluster = cluster?.id === get().clusterId && get().review?.id === article.id;
    set({
      review: article,
      clusterId: cluster?.id ?? null,
      versionIndex: sameCluster ? get().versionIndex : firstVersion(article, cluster),
      goldEdit: null,
      reviewError: null,
    });
  };

  const decide = async (action: DecideAction, done: string, on?: string) => {
    const { review } = get();
    const clusterId = on ?? get().clusterId;
    if (!review || !clusterId) return;
    const input: DecideInput = { articleId: review.id, clusterId, action };
    try {
      const article = await call('decide', input);
      show(article, on ? null : clusterId);
      patch(article);
      set((s) => ({ done: [...s.done, { kind: 'decide', input }], undone: [] }));
      get().notify(done);
    } catch (err) {
      fail(err);
    }
  };

  /** Queue items with open conflicts other than `exceptId` (the whole queue, kept up to date here). */
  const withOpenConflicts = async (exceptId: number | null) => {
    const here = get().queue;
    const queue = here?.filter === 'all' ? here : await call('reviewQueue', { filter: 'all' });
    return { queue, open: queue.items.filter((i) => i.openConflicts > 0 && i.articleId !== exceptId) };
  };

  const openNextWithConflicts = async (dir: 1 | -1, at: 'first' | 'last'): Promise<boolean> => {
    const current = get().review?.id ?? null;
    const { queue, open } = await withOpenConflicts(current);
    if (open.length === 0) return false;
    const order = queue.items.map((i) => i.articleId);
    const here = current === null ? -1 : order.indexOf(current);
    const after = open.filter((i) => order.indexOf(i.articleId) * dir > here * dir);
    const target = (dir === 1 ? after[0] : after.at(-1)) ?? (dir === 1 ? open[0] : open.at(-1))!;
    await get().openReview(target.articleId, at);
    return true;
  };

  return {
    queue: null,
    queueFilter: 'all',
    review: null,
    clusterId: null,
    versionIndex: 0,
    goldEdit: null,
    goldEditSteps: [],
    policy: DEFAULT_POLICY,
    reviewError: null,
    undone: [],
    done: [],

    startReviewing: async () => {
      set({ review: null, clusterId: null, goldEdit: null, done: [], undone: [] });
      await Promise.all([get().loadQueue(), get().loadPolicy()]);
      const items = get().queue?.items ?? [];
      const first = items.find((i) => i.openConflicts > 0) ?? items[0];
      if (first) await get().openReview(first.articleId);
    },
    afterMerge: async () => {
      if (selectReviewMode(get())) {
        await get().refreshProject();
        try {
          const policy = await call('getPolicy');
          set({ policy });
          if (policy.unanimous || policy.majority) await runPolicy({ redo: false, prefix: 'After the merge: ' });
        } catch (err) {
          fail(err);
        }
        return;
      }
      await get().refreshProject();
    },
    refreshReview: async () => {
      const { review, clusterId } = get();
      if (!review) return get().startReviewing();
      await Promise.all([get().loadQueue(), get().openReview(review.id, clusterId ? { clusterId } : 'first')]);
    },
    setReviewMode: async (on) => {
      if (selectReviewMode(get()) === on) return;
      // Edits queued in the editor land before the view changes.
      await writesSettled();
      try {
        const session = await call('setRole', { role: on ? 'reviewer' : 'annotator' });
        set({ session });
        // The mode button already names the mode: the notice says what it means.
        get().notify(on ? 'J / K walk the open conflicts; ? lists every key' : 'Annotation mode: your own layer only');
        if (on) await get().startReviewing();
        else {
          set({ review: null, queue: null, clusterId: null, goldEdit: null, reviewError: null });
          await get().refreshProject();
        }
      } catch (err) {
        fail(err);
      }
    },
    loadQueue: async (filter) => {
      const f = filter ?? get().queueFilter;
      if (filter) set({ queueFilter: filter });
      // The log is emptied only once no read is on its way, so this read's patches stay past `from`.
      const from = patchLog.length;
      queueReads++;
      try {
        let queue = await call('reviewQueue', { filter: f });
        for (const article of patchLog.slice(from)) queue = patchQueue(queue, article);
        if (get().queueFilter === f) set({ queue });
      } catch (err) {
        fail(err);
      } finally {
        if (--queueReads === 0) patchLog.length = 0;
      }
    },
    openReview: async (articleId, at = 'first') => {
      markStart('review-open');
      try {
        const article = await call('reviewArticle', { articleId });
        // 'review-render': from the data in hand to the painted review view.
        markStart('review-render');
        const ordered = orderedClusters(article);
        const open = ordered.filter(isOpen);
        const cluster =
          at === 'first'
            ? (open[0] ?? ordered[0])
            : at === 'last'
              ? (open.at(-1) ?? ordered.at(-1))
              : // A merge may have reshaped the cluster (a new id): then its first open one.
                (ordered.find((c) => c.id === at.clusterId) ?? open[0] ?? ordered[0]);
        set({
          review: article,
          clusterId: cluster?.id ?? null,
          versionIndex: firstVersion(article, cluster),
          goldEdit: null,
          reviewError: null,
        });
      } catch (err) {
        fail(err);
      }
    },
    reviewCluster: async (articleId, clusterId) => {
      if (!selectReviewMode(get())) await get().setReviewMode(true);
      await get().openReview(articleId, { clusterId });
    },
    selectCluster: (clusterId) => {
      const review = get().review;
      if (!review) return;
      set({
        clusterId,
        goldEdit: null,
        versionIndex: firstVersion(
          review,
          review.clusters.find((c) => c.id === clusterId),
        ),
      });
    },
    goConflict: async (dir) => {
      markStart('review-next');
      const { review, clusterId } = get();
      if (review) {
        const ordered = orderedClusters(review);
        const here = ordered.findIndex((c) => c.id === clusterId);
        const candidates = ordered.filter((c, i) => isOpen(c) && (here === -1 || (i - here) * dir > 0));
        const next = dir === 1 ? candidates[0] : candidates.at(-1);
        if (next) return get().selectCluster(next.id);
      }
      try {
        if (!(await openNextWithConflicts(dir, dir === 1 ? 'first' : 'last'))) {
          get().notify('No open conflicts left in the queue');
        }
      } catch (err) {
        fail(err);
      }
    },
    goQueueArticle: async (dir) => {
      const items = get().queue?.items ?? [];
      if (items.length === 0) return;
      const here = items.findIndex((i) => i.articleId === get().review?.id);
      const next = items[(here + dir + items.length) % items.length]!;
      await get().openReview(next.articleId);
    },
    moveVersion: (dir) => {
      const { review } = get();
      const cluster = selectCluster(get());
      if (!review || !cluster) return;
      // Only annotators with a span here have a version to accept.
      const withSpan = review.layers
        .map((l, i) => ({ i, has: cluster.members.some((m) => m.annotator === l.annotator) }))
        .filter((v) => v.has)
        .map((v) => v.i);
      if (withSpan.length === 0) return;
      const at = withSpan.indexOf(get().versionIndex);
      const next = withSpan[(at + dir + withSpan.length) % withSpan.length]!;
      set({ versionIndex: at === -1 ? withSpan[0]! : next });
    },
    takeVersion: async (n) => {
      const { review } = get();
      const cluster = selectCluster(get());
      const layer = review?.layers[n - 1];
      if (!review || !cluster) return;
      if (!layer) return fail(`There is no annotator ${n} on this article (it has ${review.layers.length})`);
      if (!cluster.members.some((m) => m.annotator === layer.annotator)) {
        return fail(`${layer.annotator} has no span here: R records “no span here”`);
      }
      set({ versionIndex: n - 1 });
      await decide({ take: layer.annotator }, `Took ${layer.annotator}’s version`);
    },
    acceptHighlighted: async () => {
      const member = highlightedMember(get());
      if (!member) return fail('No version is highlighted: ↑ / ↓ highlights one');
      await decide({ accept: member.span.id }, `Accepted ${member.annotator}’s version`);
    },
    rejectCluster: async () => {
      await decide({ reject: true }, 'Recorded: no span here');
    },
    startGoldEdit: () => {
      const { review, labels } = get();
      const cluster = selectCluster(get());
      if (!review || !cluster) return;
      const member = highlightedMember(get()) ?? cluster.members[0];
      const gold = review.gold.find((g) => g.clusterId === cluster.id);
      const from = member?.span ?? gold;
      const labelId = labels.find((l) => l.name === member?.span.label)?.id ?? gold?.labelId ?? labels[0]?.id ?? null;
      if (!from || labelId === null) return fail('Nothing to start the edit from: this cluster has no span');
      set({ goldEdit: { start: from.start, end: from.end, labelId }, goldEditSteps: [] });
    },
    nudgeGoldEdit: (edge, dir) => {
      const { goldEdit, review } = get();
      if (!goldEdit || !review) return;
      const next = { ...goldEdit };
      next[edge] = stepChar(review.text, goldEdit[edge], dir);
      if (next.end <= next.start) return get().notify('A gold span cannot be empty: R records “no span here”');
      set((s) => ({ goldEdit: next, goldEditSteps: [...s.goldEditSteps, goldEdit] }));
    },
    relabelGoldEdit: (labelId) => {
      const { goldEdit } = get();
      if (!goldEdit || goldEdit.labelId === labelId) return;
      set((s) => ({ goldEdit: { ...goldEdit, labelId }, goldEditSteps: [...s.goldEditSteps, goldEdit] }));
    },
    stepBackGoldEdit: () => {
      const { goldEdit, goldEditSteps } = get();
      if (!goldEdit) return;
      const previous = goldEditSteps.at(-1);
      if (!previous) return get().notify('The edit is as it started: Enter records it, Esc drops it');
      set({ goldEdit: previous, goldEditSteps: goldEditSteps.slice(0, -1) });
      get().notify('Stepped back in the edit: Enter records it, Esc drops it');
    },
    recordGoldEdit: async () => {
      const { goldEdit } = get();
      if (!goldEdit) return;
      await decide({ edit: goldEdit }, 'Recorded the edited gold span');
    },
    cancelGoldEdit: () => set({ goldEdit: null }),
    undoReview: async () => {
      try {
        const { undone, article } = await call('undoDecision');
        if (undone.length === 0) return get().notify('No decision of yours to undo');
        const first = undone[0]!;
        if (article) {
          if (article.id === get().review?.id) show(article, first.clusterId);
          else await get().openReview(article.id, { clusterId: first.clusterId });
        }
        const done = get().done;
        const last = done.at(-1);
        // Redo only what this window did: the undone decision is the last step it took.
        const mine =
          last &&
          (last.kind === 'policy'
            ? undone.length > 1 || first.action === 'auto'
            : undone.length === 1 && first.clusterId === last.input.clusterId);
        set((s) => ({
          done: mine ? s.done.slice(0, -1) : s.done,
          undone: mine ? [...s.undone, last] : s.undone,
        }));
        get().notify(
          undone.length > 1 ? `Undid the merge policy’s ${undone.length} decisions` : 'Undid the last decision',
        );
        // One decision changes one article's row; a policy run may change many.
        if (undone.length === 1 && article) patch(article);
        else void get().loadQueue();
      } catch (err) {
        fail(err);
      }
    },
    redoReview: async () => {
      const step = get().undone.at(-1);
      if (!step) return get().notify('Nothing to redo');
      set((s) => ({ undone: s.undone.slice(0, -1) }));
      try {
        if (step.kind === 'policy') {
          await runPolicy({ redo: true, prefix: '' });
        } else {
          const article = await call('decide', step.input);
          if (article.id === get().review?.id) show(article, step.input.clusterId);
          else await get().openReview(article.id, { clusterId: step.input.clusterId });
          set((s) => ({ done: [...s.done, step] }));
          patch(article);
          get().notify('Recorded the decision again');
        }
      } catch (err) {
        fail(err);
      }
    },
    adjudicateAndNext: async () => {
      const review = get().review;
      if (!review) return;
      // As spanwise review --adjudicate: only a fully decided article is marked adjudicated.
      const refusal = adjudicationRefusal(review);
      if (refusal) return set({ reviewError: refusal });
      try {
        const flagged = await call('setAdjudicated', { articleId: review.id, adjudicated: true });
        set({ review: { ...review, adjudicated: true } });
        patch({ id: review.id, progress: flagged.progress, adjudicated: true });
        get().notify('Marked adjudicated');
        if (!(await openNextWithConflicts(1, 'first'))) {
          await get().loadQueue();
          get().notify('Marked adjudicated — no article with open conflicts is left');
        }
      } catch (err) {
        fail(err);
      }
    },
    decideOrphan: async (clusterId, keep) => {
      const orphan = get().review?.orphans.find((o) => o.clusterId === clusterId);
      if (!orphan) return;
      if (keep && orphan.span) {
        const { start, end, labelId } = orphan.span;
        await decide({ edit: { start, end, labelId } }, 'Kept the gold span', clusterId);
      } else await decide({ reject: true }, 'Removed the gold span: no span here', clusterId);
    },
    loadPolicy: async () => {
      try {
        set({ policy: await call('getPolicy') });
      } catch (err) {
        fail(err);
      }
    },
    savePolicy: async (policy) => {
      try {
        set({ policy: await call('setPolicy', policy) });
      } catch (err) {
        fail(err);
      }
    },
    applyMergePolicy: async () => {
      try {
        await runPolicy({ redo: false, prefix: '' });
      } catch (err) {
        fail(err);
      }
    },
    dismissReviewError: () => set({ reviewError: null }),
  };
};

/** A decision as the disagreements report words it: "accepted (bob)", "no span", "edited"… */
export function describeDecision(d: Decision): string {
  const who = d.sources.length ? ` (${d.sources.join(', ')})` : '';
  if (d.decision === null) return d.action === 'auto' ? `no span (majority: ${d.sources.join(', ')})` : 'no span';
  if (d.decision === 'edited') return 'edited';
  return `${d.decision}${who}`;
}
