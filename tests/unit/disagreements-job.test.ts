// The disagreements report as a job (the review queue's "Export disagreements…"): the real job
// runner and source worker write the same file `spanwise disagreements` writes, with the
// decision column; the file type is refused before anything starts; the dialog's answer is used.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { Project } from '../../src/main/backend/project';
import { decide } from '../../src/main/backend/review/decisions';
import { writeDisagreements } from '../../src/main/backend/review/disagreements';
import { loadReview } from '../../src/main/backend/review/load';
import { decisionColumn, reviewArticle } from '../../src/main/backend/review/queue';
import type { JobState } from '../../src/shared/jobs';
import { RESOURCES, tempDir } from './helpers';
import { reviewProject, SUMMIT } from './fixtures/adjudication';

let host: JobsHost;
const opened: Project[] = [];

beforeEach(() => {
  host = sourceJobsHost();
});

afterEach(async () => {
  await host.runner.shutdown();
  for (const p of opened.splice(0)) p.close();
});

function withJobs(file: string, h: JobsHost = host): Project {
  const p = Project.open(file, { resourcesDir: RESOURCES, demo: false, jobs: h });
  opened.push(p);
  return p;
}

function start(p: Project, input: unknown): JobState {
  const r = dispatch(p.handlers, 'startDisagreements', input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as JobState;
}

describe('the disagreements job', () => {
  it('writes what spanwise disagreements writes, decisions included, as JSONL and CSV', async () => {
    const r = reviewProject([SUMMIT]);
    const putin = reviewArticle(r.db, r.ids[0]!).clusters.find((c) => c.start === 8)!;
    decide(r.db, r.reviewer, { articleId: r.ids[0]!, clusterId: putin.id, action: { take: 'bob' } });
    const file = r.p.file;
    r.p.close();
    const p = withJobs(file);
    const dir = tempDir();
    for (const ext of ['jsonl', 'csv']) {
      const out = path.join(dir, `job.${ext}`);
      const job = start(p, { out });
      const end = await host.runner.wait(job.id);
      expect(end.phase).toBe('done');
      expect(end.report).toMatch(
        new RegExp(`^Wrote 3 disagreements from 1 article .* to ${out.replace(/[.]/g, '\\.')} \\(${ext}\\)`),
      );
      const review = loadReview(p.db);
      const expected = path.join(dir, `cli.${ext}`);
      await writeDisagreements(file, review.annotators, review.articles, expected, decisionColumn(p.db));
      expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(expected, 'utf8'));
    }
    expect(fs.readFileSync(path.join(dir, 'job.jsonl'), 'utf8')).toContain('"decision":"accepted (bob)"');
  });

  it('refuses a file that is neither .jsonl nor .csv before starting, and uses the dialog answer', async () => {
    const r = reviewProject([SUMMIT]);
    const file = r.p.file;
    r.p.close();
    const dir = tempDir();
    const p = withJobs(file);
    const bad = dispatch(p.handlers, 'startDisagreements', { out: path.join(dir, 'x.txt') });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/\.jsonl or \.csv/);
    expect(host.runner.list()).toEqual([]);

    const asked: string[] = [];
    const dialog: JobsHost = {
      ...sourceJobsHost(),
      trustCallerPaths: false,
      pickExportTarget: (s) => {
        asked.push(s.name);
        return Promise.resolve(path.join(dir, s.name));
      },
    };
    const q = withJobs(file, dialog);
    expect(dispatch(q.handlers, 'startDisagreements', { out: path.join(dir, 'y.jsonl') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const job = start(q, {});
    const end = await dialog.runner.wait(job.id);
    expect(end.phase).toBe('done');
    expect(asked).toEqual(['test-disagreements.jsonl']);
    expect(
      fs.readFileSync(path.join(dir, 'test-disagreements.jsonl'), 'utf8').split('\n').filter(Boolean),
    ).toHaveLength(3);
    await dialog.runner.shutdown();
  });
});
