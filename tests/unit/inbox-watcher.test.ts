// The inbox folder on real files: setInbox checks the folder; while the project is open, a pack
// arriving in it is merged once (a job like any other), the same pack under another name is
// skipped, a pack still being written is not merged until it is whole, hidden files are not
// looked at, and the watch follows the project (reopened: watched again; closed: stopped).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { writeWorkPack } from '../../src/main/backend/packs/work-pack';
import { Project } from '../../src/main/backend/project';
import type { JobEvent, JobState } from '../../src/shared/jobs';
import { call, RESOURCES, tempDir } from './helpers';
import { annotatorProject, articleIds, labelId, layer } from './fixtures/packs';

let events: JobEvent[] = [];
let host: JobsHost;
const opened: Project[] = [];

beforeEach(() => {
  events = [];
  host = { ...sourceJobsHost((e) => events.push(e)), inboxTiming: { pollMs: 100, settleMs: 40 } };
});

afterEach(async () => {
  for (const p of opened.splice(0)) p.close();
  await host.runner.shutdown();
});

function reviewer(): Project {
  const rev = annotatorProject('rev');
  const file = rev.file;
  rev.close();
  const p = Project.open(file, { resourcesDir: RESOURCES, demo: false, jobs: host });
  opened.push(p);
  return p;
}

/** A work pack of `name` with one span, written outside the inbox; returns its bytes. */
function packBytes(name: string): { bytes: Buffer; uid: string } {
  const p = annotatorProject(name);
  const [a0] = articleIds(p);
  p.handlers.createSpan({ articleId: a0!, labelId: labelId(p, 'ACTOR'), start: 0, end: 10 });
  const out = path.join(tempDir(), `${name}.swpack`);
  writeWorkPack(p.db, name, out);
  const uid = p.handlers.getSession({}).annotator!.uid;
  p.close();
  return { bytes: fs.readFileSync(out), uid };
}

/** The finished inbox jobs so far, oldest first. */
function inboxJobs(): JobState[] {
  const last = new Map<string, JobState>();
  for (const e of events) if (e.type === 'job' && e.job.kind === 'merge' && e.job.endedAt) last.set(e.job.id, e.job);
  return [...last.values()].filter((j) => j.merge?.inbox);
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const mergedNames = () => inboxJobs().flatMap((j) => j.merge!.merged.map((m) => m.annotator.name));

describe('the inbox folder', () => {
  it('is a project setting: the folder must exist', () => {
    const p = reviewer();
    expect(call(p, 'getInbox', {})).toEqual({ folder: null });
    const missing = path.join(tempDir(), 'nope');
    expect(dispatch(p.handlers, 'setInbox', { folder: missing })).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: `no folder at ${missing}` },
    });
    const dir = fs.realpathSync(tempDir());
    expect(call(p, 'setInbox', { folder: dir })).toEqual({ folder: dir });
    expect(call(p, 'getInbox', {})).toEqual({ folder: dir });
    expect(call(p, 'setInbox', { folder: null })).toEqual({ folder: null });
    expect(call(p, 'getInbox', {})).toEqual({ folder: null });
  });

  it('merges a pack that arrives once, skips the same pack under another name, waits for a whole file', async () => {
    const p = reviewer();
    const inbox = fs.realpathSync(tempDir());
    call(p, 'setInbox', { folder: inbox });
    const anna = packBytes('anna');
    fs.writeFileSync(path.join(inbox, 'anna.swpack'), anna.bytes);
    const first = await until('anna merged', () => inboxJobs().find((j) => j.merge!.merged.length > 0));
    expect(first.phase).toBe('done');
    expect(first.merge!.merged.map((m) => [m.annotator.name, m.spans.added])).toEqual([['anna', 1]]);
    expect(first.report).toMatch(/Inbox: 1 merged, 0 skipped, 0 refused\.$/);
    expect(layer(p.db, anna.uid).spans).toHaveLength(1);

    // The same bytes under another name: looked at, skipped as merged before.
    fs.writeFileSync(path.join(inbox, 'anna copy.swpack'), anna.bytes);
    const skipped = await until('the copy skipped', () => inboxJobs().find((j) => j.merge!.skipped.length > 0));
    expect(skipped.merge!.merged).toEqual([]);
    expect(skipped.merge!.skipped).toEqual([
      { file: path.join(inbox, 'anna copy.swpack'), reason: expect.stringMatching(/^merged before \(/) as unknown },
    ]);

    // Half of bo's pack, as a sync tool leaves it mid-copy: refused as cut short, nothing merged.
    const bo = packBytes('bo');
    const half = path.join(inbox, 'bo.swpack');
    fs.writeFileSync(half, bo.bytes.subarray(0, Math.floor(bo.bytes.length / 2)));
    const cut = await until('bo refused', () => inboxJobs().find((j) => j.merge!.refused.length > 0));
    expect(cut.merge!.refused[0]!.message).toMatch(/truncated|not JSON/);
    expect(layer(p.db, bo.uid).spans).toEqual([]);
    // The rest arrives: merged then.
    fs.writeFileSync(half, bo.bytes);
    await until('bo merged', () => mergedNames().includes('bo'));
    expect(layer(p.db, bo.uid).spans).toHaveLength(1);
    expect(mergedNames()).toEqual(['anna', 'bo']);
  });

  it('ignores hidden and temporary files and is watched again when the project is reopened', async () => {
    const p = reviewer();
    const inbox = fs.realpathSync(tempDir());
    call(p, 'setInbox', { folder: inbox });
    const cy = packBytes('cy');
    fs.writeFileSync(path.join(inbox, '.cy.swpack.partial'), cy.bytes);
    fs.writeFileSync(path.join(inbox, 'cy.swpack.tmp'), cy.bytes);
    // Closed: nothing is watched; a pack arriving meanwhile is merged when it is opened again.
    p.close();
    fs.writeFileSync(path.join(inbox, 'cy.swpack'), cy.bytes);
    const again = Project.open(p.file, { resourcesDir: RESOURCES, demo: false, jobs: host });
    opened.push(again);
    expect(call(again, 'getInbox', {})).toEqual({ folder: inbox });
    const job = await until('cy merged', () => inboxJobs().find((j) => j.merge!.merged.length > 0));
    expect(job.merge!.merged.map((m) => m.file)).toEqual([path.join(inbox, 'cy.swpack')]);
    expect(job.merge!.skipped).toEqual([]);
    expect(inboxJobs()).toHaveLength(1);
  });
});
