// Work packs as jobs through the real job runner and the source worker: merge (summaries,
// idempotent, Cancel leaves the file byte for byte, refusals change nothing), assign, export my
// work, opening an assignment pack (a project made, the host switched to it), a drop's packs by
// their header, and the path rules of an untrusted caller.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { PathGrants } from '../../src/main/backend/jobs/grants';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { writeAssignments } from '../../src/main/backend/packs/assign';
import { PACK_FORMAT, PACK_VERSION, PackWriter, readPack, sha256 } from '../../src/main/backend/packs/format';
import { mergePacks } from '../../src/main/backend/packs/merge';
import { writeWorkPack } from '../../src/main/backend/packs/work-pack';
import { Project } from '../../src/main/backend/project';
import type { JobEvent, JobState } from '../../src/shared/jobs';
import { call, RESOURCES, tempDir } from './helpers';
import { snapshot } from './fixtures/io';
import { annotatorProject, articleIds, labelId, layer, packLines, seal } from './fixtures/packs';

let events: JobEvent[] = [];
let host: JobsHost;
let switched: string[] = [];
const opened: Project[] = [];

beforeEach(() => {
  events = [];
  switched = [];
  host = {
    ...sourceJobsHost((e) => events.push(e)),
    projectsDir: tempDir(),
    switchProject: (file) => switched.push(file),
  };
});

afterEach(async () => {
  for (const p of opened.splice(0)) p.close();
  await host.runner.shutdown();
});

function refused(p: Project, method: string, input: unknown): { code: string; message: string } {
  const r = dispatch(p.handlers, method, input);
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error;
}

/** `file` opened with the job host (the app's view of it). */
function withJobs(file: string, jobs: JobsHost = host): Project {
  const p = Project.open(file, { resourcesDir: RESOURCES, demo: false, jobs });
  opened.push(p);
  return p;
}

/** An annotator's project with some work: spans on two articles (one deleted), one article done (both in progress first). */
function workOf(name: string): Project {
  const p = annotatorProject(name);
  opened.push(p);
  const [a0, a1] = articleIds(p);
  p.handlers.createSpan({ articleId: a0!, labelId: labelId(p, 'ACTOR'), start: 0, end: 10 });
  const gone = p.handlers.createSpan({ articleId: a0!, labelId: labelId(p, 'ACTOR'), start: 15, end: 20 });
  p.handlers.createSpan({ articleId: a1!, labelId: labelId(p, 'SANCTION'), start: 4, end: 22 });
  p.handlers.deleteSpan({ id: gone.id });
  p.handlers.setStatus({ articleId: a0!, status: 'done' });
  return p;
}

function packOf(p: Project, dir = tempDir()): string {
  const name = p.handlers.getSession({}).annotator!.name;
  const out = path.join(dir, `${name}.swpack`);
  writeWorkPack(p.db, name, out);
  return out;
}

/** A work pack of `articles` new articles with `perArticle` spans each, written directly. */
function bigPack(out: string, articles: number, perArticle: number): string {
  const ts = '2026-12-01T00:00:00.000Z';
  const writer = new PackWriter(out, {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    kind: 'work',
    offsets: 'utf16',
    createdAt: ts,
    annotator: { uid: randomUUID(), name: 'big' },
    guidelinesHash: sha256(''),
  });
  writer.write({ type: 'label', name: 'ACTOR', color: '#0072B2', hotkey: null, description: '' });
  for (let a = 0; a < articles; a++) {
    const text = `Article ${a}: ` + 'Officials met in Geneva on Monday. '.repeat(20);
    const hash = sha256(text);
    writer.write({ type: 'article', hash, title: `A${a}`, source: 'bench', text, meta: {}, externalId: null });
    for (let k = 0; k < perArticle; k++) {
      const start = (k * 7) % 600;
      writer.write({
        type: 'span',
        id: randomUUID(),
        article: hash,
        label: 'ACTOR',
        start,
        end: start + 5,
        origin: 'manual',
        createdAt: ts,
        updatedAt: ts,
        deleted: false,
      });
    }
  }
  writer.finish();
  return out;
}

/** A closed reviewer project file with the three articles. */
function reviewerFile(): string {
  const rev = annotatorProject('rev');
  const file = rev.file;
  rev.close();
  return file;
}

const finished = (id: string) => host.runner.wait(id);

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the merge job', () => {
  it('merges packs in a worker, summarises each, and changes nothing when run again', async () => {
    const anna = packOf(workOf('anna'));
    const bo = packOf(workOf('bo'));
    const file = reviewerFile();
    // The same merge done directly, on a copy, for the expected layers.
    const copy = path.join(tempDir(), 'copy.spanwise');
    fs.copyFileSync(file, copy);
    const direct = withJobs(copy);
    const expected = mergePacks(direct.db, [anna, bo]);

    const p = withJobs(file);
    const job = call<JobState>(p, 'startMerge', { paths: [anna, bo] });
    expect(job.kind).toBe('merge');
    const end = await finished(job.id);
    expect(end.phase).toBe('done');
    expect(end.merge!.inbox).toBeNull();
    expect(end.merge!.merged.map((m) => [m.annotator.name, m.spans, m.articlesAdded, m.statusesChanged])).toEqual([
      ['anna', { added: 2, updated: 0, deleted: 1, unchanged: 0 }, 0, 2],
      ['bo', { added: 2, updated: 0, deleted: 1, unchanged: 0 }, 0, 2],
    ]);
    expect(end.merge!.merged.map((m) => m.spans)).toEqual(expected.map((m) => m.spans));
    for (const m of end.merge!.merged) expect(layer(p.db, m.annotator.uid)).toEqual(layer(direct.db, m.annotator.uid));
    expect(end.report).toMatch(
      /anna\.swpack: anna \(.*\), new layer\n {2}spans: 2 added, 0 updated, 1 deleted, 0 unchanged/,
    );

    const before = snapshot(p.db);
    const again = await finished(call<JobState>(p, 'startMerge', { paths: [anna, bo] }).id);
    expect(again.phase).toBe('done');
    expect(again.merge!.merged.map((m) => m.spans)).toEqual([
      { added: 0, updated: 0, deleted: 0, unchanged: 3 },
      { added: 0, updated: 0, deleted: 0, unchanged: 3 },
    ]);
    expect(snapshot(p.db)).toBe(before);
  });

  it('Cancel rolls the merge back: the project file is byte for byte as it was', async () => {
    const anna = packOf(workOf('anna'));
    const file = reviewerFile();
    const bytes = fs.readFileSync(file);
    const p = withJobs(file);
    const job = call<JobState>(p, 'startMerge', { paths: [anna] });
    call<JobState>(p, 'cancelJob', { id: job.id });
    const end = await finished(job.id);
    expect(end.phase).toBe('cancelled');
    p.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('Cancel while spans are being merged rolls back everything merged so far', async () => {
    const big = bigPack(path.join(tempDir(), 'big.swpack'), 200, 400);
    const file = reviewerFile();
    const bytes = fs.readFileSync(file);
    const p = withJobs(file);
    const job = call<JobState>(p, 'startMerge', { paths: [big] });
    await until('spans being merged', () =>
      events.some(
        (e) => e.type === 'job' && e.job.id === job.id && e.job.progress.unit === 'spans' && e.job.progress.done > 0,
      ),
    );
    call<JobState>(p, 'cancelJob', { id: job.id });
    const end = await finished(job.id);
    expect(end.phase).toBe('cancelled');
    expect(end.progress.message).toBe('cancelled: nothing was changed');
    p.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a refused pack fails the job with its message and nothing is merged', async () => {
    const anna = packOf(workOf('anna'));
    const damaged = path.join(tempDir(), 'damaged.swpack');
    fs.writeFileSync(
      damaged,
      fs
        .readFileSync(packOf(workOf('bo')))
        .toString('utf8')
        .replace('"ACTOR"', '"ACTRO"'),
    );
    const newer = seal(
      path.join(tempDir(), 'newer.swpack'),
      packLines(anna).map((l, i) => (i === 0 ? l.replace('"version":1', '"version":2') : l)),
    );
    const notAPack = path.join(tempDir(), 'notes.swpack');
    fs.writeFileSync(notAPack, 'meeting notes\n');
    const rev = annotatorProject('rev');
    opened.push(rev);
    const assignments = writeAssignments(rev.db, {
      annotators: ['cy'],
      share: { overlap: 1 },
      seed: 1,
      outDir: tempDir(),
    }).packs[0]!.file;
    const p = withJobs(reviewerFile());
    const before = snapshot(p.db);
    const cases: [string, RegExp][] = [
      [damaged, /checksum mismatch: the pack was changed or damaged after it was written$/],
      [newer, /written by a newer Spanwise \(pack version 2; this version reads up to 1\)/],
      [notAPack, /not a Spanwise pack \(its first line is not a pack header\)$/],
      [assignments, /is an assignment pack \(open it with open-pack\), not a work pack to merge$/],
    ];
    for (const [bad, message] of cases) {
      const end = await finished(call<JobState>(p, 'startMerge', { paths: [anna, bad] }).id);
      expect(end.phase).toBe('failed');
      expect(end.error!.code).toBe('BAD_INPUT');
      expect(end.error!.message.startsWith(`${bad}: `)).toBe(true);
      expect(end.error!.message).toMatch(message);
      expect(snapshot(p.db)).toBe(before);
    }
  });

  it('an article the project has under the same hash with other text is refused', async () => {
    const file = packOf(workOf('anna'));
    const p = withJobs(reviewerFile());
    const kim = readPack(file).articles.keys().next().value!;
    p.db.prepare('UPDATE articles SET text = ? WHERE content_hash = ?').run('other text', kim);
    const before = snapshot(p.db);
    const end = await finished(call<JobState>(p, 'startMerge', { paths: [file] }).id);
    expect(end.phase).toBe('failed');
    expect(end.error!.message).toMatch(
      new RegExp(
        `^${file}:\\d+: article ${kim.slice(0, 12)} has the same content hash as one in this project but different text$`,
      ),
    );
    expect(snapshot(p.db)).toBe(before);
  });

  it('an untrusted caller merges only packs the user chose or dropped', async () => {
    const anna = packOf(workOf('anna'));
    const grants = new PathGrants();
    const p = withJobs(reviewerFile(), { ...host, trustCallerPaths: false, importGrants: grants });
    expect(refused(p, 'startMerge', { paths: [anna] }).code).toBe('FORBIDDEN');
    expect(host.runner.list()).toEqual([]);
    grants.grant(anna);
    const end = await finished(call<JobState>(p, 'startMerge', { paths: [anna] }).id);
    expect(end.phase).toBe('done');
  });
});

describe('assign, export my work, open work pack', () => {
  it('assigns in a worker: the same packs as the command, each listed in the summary', async () => {
    const file = reviewerFile();
    const copy = path.join(tempDir(), 'copy.spanwise');
    fs.copyFileSync(file, copy);
    const direct = withJobs(copy);
    const expected = writeAssignments(direct.db, {
      annotators: ['anna', 'bo', 'cy'],
      share: { overlap: 2 },
      seed: 7,
      outDir: tempDir(),
    });
    const p = withJobs(file);
    const out = path.join(tempDir(), 'packs');
    const end = await finished(
      call<JobState>(p, 'startAssign', { annotators: ['anna', 'bo', 'cy'], overlap: 2, seed: 7, out }).id,
    );
    expect(end.phase).toBe('done');
    expect(end.assignment!.articles).toBe(3);
    expect(end.assignment!.packs.map((k) => [k.annotator.name, k.articles])).toEqual(
      expected.packs.map((k) => [k.annotator.name, k.articles]),
    );
    for (const k of end.assignment!.packs) {
      expect(path.dirname(k.file)).toBe(out);
      expect(readPack(k.file, 'assignment').header.annotator).toEqual({ uid: k.annotator.uid, name: k.annotator.name });
    }
    expect(end.report).toMatch(/^Assigned 3 article\(s\):\n {2}anna /);
  });

  it('refuses a bad share before starting, and asks the host for a folder when none is given', async () => {
    const asked: { name: string; folder: boolean }[] = [];
    const chosen = path.join(tempDir(), 'chosen');
    const p = withJobs(reviewerFile(), {
      ...host,
      trustCallerPaths: false,
      pickExportTarget: (s) => {
        asked.push(s);
        return Promise.resolve(chosen);
      },
    });
    expect(refused(p, 'startAssign', { annotators: ['anna', 'bo'], overlap: 3 })).toEqual({
      code: 'BAD_INPUT',
      message: 'each article can go to at most 2 annotators, not 3',
    });
    expect(refused(p, 'startAssign', { annotators: ['anna', 'anna'] }).message).toBe('anna is named twice');
    expect(refused(p, 'startAssign', { annotators: ['anna'], overlap: 1, double: 0.2 }).message).toMatch(
      /give an overlap or a double-annotation share, not both/,
    );
    expect(refused(p, 'startAssign', { annotators: ['anna'], out: chosen }).code).toBe('FORBIDDEN');
    expect(host.runner.list()).toEqual([]);
    const end = await finished(call<JobState>(p, 'startAssign', { annotators: ['anna', 'bo'], double: 0.5 }).id);
    expect(end.phase).toBe('done');
    expect(asked).toEqual([{ name: 'p-assignments', folder: true, title: 'Choose a folder for the assignment packs' }]);
    expect(fs.readdirSync(chosen).filter((n) => n.endsWith('.swpack'))).toHaveLength(2);
  });

  it('exports the current annotator’s work pack, suggesting <name>.swpack', async () => {
    const anna = workOf('anna');
    anna.close();
    const asked: { name: string; folder: boolean }[] = [];
    const target = path.join(tempDir(), 'mine.swpack');
    const p = withJobs(anna.file, {
      ...host,
      pickExportTarget: (s) => {
        asked.push(s);
        return Promise.resolve(target);
      },
    });
    const end = await finished(call<JobState>(p, 'startWorkPack', {}).id);
    expect(end.phase).toBe('done');
    expect(asked).toEqual([{ name: 'anna.swpack', folder: false, title: 'Export my work as a pack' }]);
    expect(end.workPack).toMatchObject({ file: target, spans: 2, tombstones: 1, statuses: 2, articles: 2 });
    const pack = readPack(target, 'work');
    expect(pack.header.annotator.uid).toBe(p.handlers.getSession({}).annotator!.uid);
    expect(end.report).toMatch(/^Wrote .*mine\.swpack: anna \(/);
  });

  it('opens an assignment pack: makes the annotator’s project in the user folder and switches to it', async () => {
    const rev = annotatorProject('rev');
    opened.push(rev);
    const pack = writeAssignments(rev.db, { annotators: ['dana'], share: { overlap: 1 }, seed: 3, outDir: tempDir() })
      .packs[0]!.file;
    const p = withJobs(reviewerFile());
    const job = call<JobState>(p, 'openWorkPack', { path: pack });
    expect(job.kind).toBe('open-pack');
    const end = await finished(job.id);
    expect(end.phase).toBe('done');
    const made = path.join(host.projectsDir!, 'dana.spanwise');
    expect(end.openPack).toMatchObject({ project: made, created: true, articlesAdded: 3 });
    await until('the switch', () => switched.length > 0);
    expect(switched).toEqual([made]);
    const dana = withJobs(made);
    expect(dana.handlers.getSession({}).annotator!.name).toBe('dana');
    expect(dana.handlers.listArticles({ status: 'all', at: 0, limit: 10 }).total).toBe(3);

    // A work pack is not opened: it is merged.
    const work = packOf(workOf('eve'));
    expect(refused(p, 'openWorkPack', { path: work }).message).toBe(
      `${work}: is a work pack (merge it), not an assignment pack`,
    );
  });

  it('a drop of packs: work packs merge, an assignment pack opens, anything else is refused first', async () => {
    const rev = annotatorProject('rev');
    opened.push(rev);
    const assignment = writeAssignments(rev.db, {
      annotators: ['fay'],
      share: { overlap: 1 },
      seed: 3,
      outDir: tempDir(),
    }).packs[0]!.file;
    const work = packOf(workOf('gus'));
    const p = withJobs(reviewerFile());
    const notes = path.join(tempDir(), 'notes.swpack');
    fs.writeFileSync(notes, 'hello\n');
    expect(refused(p, 'openPacks', { paths: [work, notes] }).message).toBe(
      `${notes}: not a Spanwise pack (its first line is not a pack header)`,
    );
    expect(host.runner.list()).toEqual([]);
    const jobs = call<JobState[]>(p, 'openPacks', { paths: [work, assignment] });
    expect(jobs.map((j) => j.kind)).toEqual(['merge', 'open-pack']);
    const [merged, openedPack] = await Promise.all(jobs.map((j) => finished(j.id)));
    expect(merged!.merge!.merged[0]!.annotator.name).toBe('gus');
    expect(openedPack!.openPack!.annotator.name).toBe('fay');
  });
});
