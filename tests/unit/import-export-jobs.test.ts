// The job runner: imports and exports in worker threads through the contract methods,
// progress events while the main thread stays free, cancel = rollback (project unchanged),
// exports to a path chosen by the host's dialog, imports into one file queued.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent, JobState } from '../../src/shared/jobs';
import { dispatch } from '../../src/main/backend/dispatch';
import { NO_GOLD } from '../../src/main/backend/exporters/select';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import type { Project } from '../../src/main/backend/project';
import { tempDir, tempProject } from './helpers';
import { jsonl, snapshot, write } from './fixtures/io';

let events: JobEvent[] = [];
let host: JobsHost;

beforeEach(() => {
  events = [];
  host = sourceJobsHost((e) => events.push(e));
});

afterEach(async () => {
  await host.runner.shutdown();
});

function call<T>(p: Project, method: string, input: unknown): T {
  const r = dispatch(p.handlers, method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A JSONL big enough that importing it takes a while (~`n` articles of ~3 KB with 10 spans). */
function bigFile(n: number): string {
  const body = 'Officials in Geneva said on Monday that talks on sanctions would resume. '.repeat(40);
  const records = Array.from({ length: n }, (_, i) => ({
    text: `Report ${i}. ${body}`,
    spans: Array.from({ length: 10 }, (_, k) => ({ start: 12 + k * 74, end: 21 + k * 74, label: 'LOCATION' })),
  }));
  return write(tempDir(), 'big.jsonl', jsonl(records));
}

function finished(id: string): Promise<JobState> {
  return host.runner.wait(id);
}

describe('import and export jobs', () => {
  it('imports in a worker: progress events, a summary, the project changed, the main thread free meanwhile', async () => {
    const p = tempProject({ demo: true, jobs: host });
    const file = bigFile(4000);
    const job = call<JobState>(p, 'startImport', { paths: [file], as: 'model' });
    expect(job.phase).toBe('running');
    expect(job.kind).toBe('import');
    // While the worker holds the write transaction, this connection still reads (WAL), and
    // sees all or nothing of the import, never part of it.
    const seen: number[] = [];
    let over = false;
    void finished(job.id).then(() => (over = true));
    while (!over) {
      seen.push(call<{ total: number }>(p, 'listArticles', { limit: 1 }).total);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]).toBe(5);
    expect(seen.every((n) => n === 5 || n === 4005)).toBe(true);
    const done = await finished(job.id);
    expect(done.phase).toBe('done');
    expect(done.importSummary!.articlesAdded).toBe(4000);
    expect(done.importSummary!.spansAdded).toBe(40000);
    expect(done.report).toMatch(/Imported 4000 new articles/);
    const progress = events.filter((e) => e.type === 'job' && e.job.id === job.id && e.job.progress.done > 0);
    expect(progress.length).toBeGreaterThan(0);
    expect(call<{ total: number }>(p, 'listArticles', { limit: 1 }).total).toBe(4005);
    expect(call<JobState[]>(p, 'listJobs', {}).map((j) => j.id)).toContain(job.id);
  });

  it('cancel rolls the import back: the project is unchanged', async () => {
    const p = tempProject({ demo: true, jobs: host });
    const file = bigFile(6000);
    const before = snapshot(p.db);
    const job = call<JobState>(p, 'startImport', { paths: [file], as: 'model' });
    await new Promise<void>((resolve) => {
      const check = () =>
        events.some((e) => e.type === 'job' && e.job.id === job.id && e.job.progress.done > 0)
          ? resolve()
          : setTimeout(check, 5);
      check();
    });
    const cancelling = call<JobState>(p, 'cancelJob', { id: job.id });
    expect(cancelling.progress.message).toBe('cancelling…');
    const end = await finished(job.id);
    expect(end.phase).toBe('cancelled');
    expect(end.progress.message).toBe('cancelled: nothing was changed');
    expect(snapshot(p.db)).toBe(before);
  });

  it('a failed import reports the file:line and changes nothing', async () => {
    const p = tempProject({ demo: true, jobs: host });
    const file = write(tempDir(), 'bad.jsonl', '{"text": "ok"}\n{"text": \n');
    const before = snapshot(p.db);
    const job = call<JobState>(p, 'startImport', { paths: [file] });
    const end = await finished(job.id);
    expect(end.phase).toBe('failed');
    expect(end.error).toEqual({
      code: 'BAD_INPUT',
      message: expect.stringMatching(new RegExp(`^${file}:2: bad JSON`)) as unknown,
    });
    expect(snapshot(p.db)).toBe(before);
  });

  it('a second import into the same project waits for the first', async () => {
    const p = tempProject({ demo: true, jobs: host });
    const a = call<JobState>(p, 'startImport', { paths: [bigFile(1500)], as: 'a' });
    const b = call<JobState>(p, 'startImport', {
      paths: [write(tempDir(), 'small.jsonl', jsonl([{ text: 'small one' }]))],
    });
    expect(b.phase).toBe('waiting');
    expect(host.runner.get(b.id).progress.message).toBe('waiting for another import to finish');
    const [ea, eb] = await Promise.all([finished(a.id), finished(b.id)]);
    expect(ea.phase).toBe('done');
    expect(eb.phase).toBe('done');
    expect(Date.parse(eb.endedAt!)).toBeGreaterThanOrEqual(Date.parse(ea.endedAt!));
  });

  it('exports in a worker to the given path', async () => {
    const p = tempProject({ demo: true, jobs: host });
    const out = path.join(tempDir(), 'out.jsonl');
    const job = call<JobState>(p, 'startExport', { out, format: 'spans' });
    const end = await finished(job.id);
    expect(end.phase).toBe('done');
    expect(end.exportSummary!.articles).toBe(5);
    expect(end.report).toMatch(/Exported 5 articles/);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('refuses an unknown layer and a gold layer with nothing decided before starting anything', () => {
    const p = tempProject({ demo: true, jobs: host });
    const r = dispatch(p.handlers, 'startExport', { out: path.join(tempDir(), 'x'), layer: 'gold' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: NO_GOLD },
    });
    expect(host.runner.list()).toEqual([]);
  });

  it('where the host does not trust caller paths, the destination comes from its dialog', async () => {
    const chosen = path.join(tempDir(), 'picked.jsonl');
    const asked: { name: string; folder: boolean }[] = [];
    const p = tempProject({
      demo: true,
      jobs: {
        ...host,
        trustCallerPaths: false,
        pickExportTarget: (s) => {
          asked.push(s);
          return Promise.resolve(asked.length === 1 ? chosen : null);
        },
      },
    });
    const forbidden = dispatch(p.handlers, 'startExport', { out: '/etc/passwd' });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const job = call<JobState>(p, 'startExport', { format: 'doccano' });
    expect(job.phase).toBe('waiting');
    expect((await finished(job.id)).phase).toBe('done');
    expect(asked[0]).toEqual({ name: 'test-doccano.jsonl', folder: false });
    expect(fs.existsSync(chosen)).toBe(true);
    const second = call<JobState>(p, 'startExport', { split: [0.5, 0.5] });
    expect((await finished(second.id)).phase).toBe('cancelled');
    expect(asked[1]).toEqual({ name: 'test-spans', folder: true });
  });

  it('cancelling an export leaves no file behind', async () => {
    const p = tempProject({ demo: true, jobs: host });
    const imported = call<JobState>(p, 'startImport', { paths: [bigFile(5000)], as: 'model' });
    await finished(imported.id);
    const out = path.join(tempDir(), 'cancelled.jsonl');
    const job = call<JobState>(p, 'startExport', { out });
    call<JobState>(p, 'cancelJob', { id: job.id });
    const end = await finished(job.id);
    expect(end.phase).toBe('cancelled');
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  it('validates its input through the contract', () => {
    const p = tempProject({ demo: true, jobs: host });
    expect(dispatch(p.handlers, 'startImport', { paths: [] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(dispatch(p.handlers, 'startExport', { format: 'xml' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(dispatch(p.handlers, 'cancelJob', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });
});
