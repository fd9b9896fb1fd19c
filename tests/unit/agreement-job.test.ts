// The agreement job through the real job runner and the source worker: the same numbers and
// text as `spanwise agreement` (agreementReport over loadReview with the gold reader), progress
// over the articles, Cancel, and an unknown label refused before anything starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { Project } from '../../src/main/backend/project';
import { decide, setAdjudicated } from '../../src/main/backend/review/decisions';
import { goldReader } from '../../src/main/backend/review/gold-layer';
import { loadReview } from '../../src/main/backend/review/load';
import { applyPolicy } from '../../src/main/backend/review/policy';
import { reviewArticle } from '../../src/main/backend/review/queue';
import { agreementReport, formatAgreement } from '../../src/main/backend/review/report';
import type { JobEvent, JobState } from '../../src/shared/jobs';
import { call, RESOURCES } from './helpers';
import { reviewProject, SUMMIT, type Layers } from './fixtures/adjudication';

let events: JobEvent[] = [];
let host: JobsHost;
const opened: Project[] = [];

beforeEach(() => {
  events = [];
  host = sourceJobsHost((e) => events.push(e));
});

afterEach(async () => {
  await host.runner.shutdown();
  for (const p of opened.splice(0)) p.close();
});

/** The fixture's file opened again with the job host (the app's view of the project). */
function withJobs(file: string): Project {
  const p = Project.open(file, { resourcesDir: RESOURCES, demo: false, jobs: host });
  opened.push(p);
  return p;
}

const EXTRA = {
  title: 'Talks',
  text: 'Lavrov told Blinken that talks in Geneva would go on.',
  layers: {
    alice: [
      [0, 6, 'ACTOR'],
      [12, 19, 'ACTOR'],
      [34, 40, 'LOCATION'],
    ],
    bob: [
      [0, 6, 'ACTOR'],
      [34, 40, 'LOCATION'],
      [20, 52, 'CLAIM'],
    ],
    carol: [
      [12, 19, 'ACTOR'],
      [31, 40, 'LOCATION'],
    ],
  } as Layers,
};

describe('the agreement job', () => {
  it('reports the same numbers and text as agreementReport, with progress over the articles', async () => {
    const {
      p: fixture,
      db,
      ids,
      reviewer,
    } = reviewProject([SUMMIT, EXTRA, { ...SUMMIT, title: 'Again', text: SUMMIT.text + ' Again.' }]);
    // One adjudicated article, so the report's gold section is read through the gold reader.
    applyPolicy(db, reviewer);
    const a = ids[0]!;
    const putin = reviewArticle(db, a).clusters.find((c) => c.start === 8 && c.status === 'open')!;
    decide(db, reviewer, { articleId: a, clusterId: putin.id, action: { take: 'alice' } });
    setAdjudicated(db, a, true);
    const expected = agreementReport(loadReview(db, { gold: goldReader }));
    expect(expected.gold).not.toBeNull();

    const p = withJobs(fixture.file);
    const job = call<JobState>(p, 'startAgreement', {});
    expect(job.kind).toBe('agreement');
    const end = await host.runner.wait(job.id);
    expect(end.phase).toBe('done');
    expect(end.agreement).toEqual(expected);
    expect(end.report).toBe(formatAgreement(expected));
    expect(end.progress).toMatchObject({ done: 3, total: 3, unit: 'articles' });
    expect(call<JobState[]>(p, 'listJobs', {}).find((j) => j.id === job.id)?.agreement).toEqual(expected);
  });

  it('reports on the labels asked for, as --labels does', async () => {
    const { p: fixture, db } = reviewProject([SUMMIT, EXTRA]);
    const expected = agreementReport(loadReview(db, { labels: ['actor'], gold: goldReader }));
    const p = withJobs(fixture.file);
    const end = await host.runner.wait(call<JobState>(p, 'startAgreement', { labels: ['actor'] }).id);
    expect(end.phase).toBe('done');
    expect(end.agreement!.labels).toEqual(['ACTOR']);
    expect(end.agreement).toEqual(expected);
    expect(end.title).toBe('Agreement (actor)');
  });

  it('refuses an unknown label before starting a job', () => {
    const { p: fixture } = reviewProject([SUMMIT]);
    const p = withJobs(fixture.file);
    const r = dispatch(p.handlers, 'startAgreement', { labels: ['ACTOR', 'NOPE'] });
    expect(r).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/no label named "NOPE"/) as unknown },
    });
    expect(host.runner.list()).toEqual([]);
  });

  it('is cancelled between articles', async () => {
    const { p: fixture } = reviewProject([SUMMIT, EXTRA]);
    const p = withJobs(fixture.file);
    const job = call<JobState>(p, 'startAgreement', {});
    // The flag is set before the worker reads its first article, so it stops there.
    call<JobState>(p, 'cancelJob', { id: job.id });
    const end = await host.runner.wait(job.id);
    expect(end.phase).toBe('cancelled');
    expect(end.agreement).toBeUndefined();
  });
});
