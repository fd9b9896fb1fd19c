// The renderer is untrusted: in Electron, startImport reads only what the user granted (a file
// or folder from main's open dialog, or dropped on the window). The policy on real files and
// symlinks, then through the contract method with an Electron-like jobs host.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { PathGrants } from '../../src/main/backend/jobs/grants';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import type { JobState } from '../../src/shared/jobs';
import { tempDir, tempProject } from './helpers';
import { snapshot, write } from './fixtures/io';

/** A granted folder with an article, a nested one, and secrets beside it. */
function layout() {
  const root = tempDir();
  const granted = path.join(root, 'data');
  const article = write(granted, 'a.txt', 'An article.');
  const nested = write(granted, 'deep/b.jsonl', '{"text": "Another."}\n');
  const secret = write(root, 'secret/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\n');
  const sibling = write(root, 'data-private/c.txt', 'Not granted.');
  return { root, granted, article, nested, secret, sibling };
}

describe('PathGrants', () => {
  it('allows a granted file, and only that file', () => {
    const { article, nested, secret } = layout();
    const grants = new PathGrants();
    grants.grant(article);
    expect(grants.check([article])).toEqual([fs.realpathSync(article)]);
    expect(grants.resolve(nested)).toBeNull();
    expect(grants.resolve(path.dirname(article))).toBeNull();
    expect(grants.resolve(secret)).toBeNull();
  });

  it('allows what is under a granted folder, however deep', () => {
    const { granted, article, nested, sibling } = layout();
    const grants = new PathGrants();
    grants.grant(granted);
    expect(grants.check([granted, article, nested])).toEqual([granted, article, nested].map((p) => fs.realpathSync(p)));
    expect(grants.resolve(sibling), 'a sibling sharing the prefix "data"').toBeNull();
  });

  it('refuses a `..` escape from a granted folder', () => {
    const { granted, secret } = layout();
    const grants = new PathGrants();
    grants.grant(granted);
    const escape = `${granted}/deep/../../secret/id_rsa`;
    expect(fs.existsSync(escape)).toBe(true);
    expect(grants.resolve(escape)).toBeNull();
    expect(grants.resolve(`${granted}/..`)).toBeNull();
    expect(() => grants.check([escape])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(grants.resolve(secret)).toBeNull();
  });

  it('refuses a symlink inside a granted folder that points outside it', () => {
    const { granted, secret } = layout();
    fs.symlinkSync(secret, path.join(granted, 'innocent.txt'));
    fs.symlinkSync(path.dirname(secret), path.join(granted, 'linked'));
    const grants = new PathGrants();
    grants.grant(granted);
    expect(grants.resolve(path.join(granted, 'innocent.txt'))).toBeNull();
    expect(grants.resolve(path.join(granted, 'linked', 'id_rsa'))).toBeNull();
    expect(grants.resolve(path.join(granted, 'linked'))).toBeNull();
  });

  it('a granted symlink grants what it points at, not the folder it sits in', () => {
    const { root, article, secret } = layout();
    const link = path.join(root, 'link.txt');
    fs.symlinkSync(article, link);
    const grants = new PathGrants();
    grants.grant(link);
    expect(grants.resolve(link)).toBe(fs.realpathSync(article));
    expect(grants.resolve(article)).toBe(fs.realpathSync(article));
    expect(grants.resolve(secret)).toBeNull();
  });

  it('refuses what was never granted, what does not exist, and grants nothing for a bad grant', () => {
    const { root, article, secret } = layout();
    const grants = new PathGrants();
    expect(grants.resolve(article)).toBeNull();
    grants.grant(path.join(root, 'missing'));
    grants.grant('');
    grants.grant('relative/path');
    grants.grant(path.join(root, 'data', '..')); // resolves to root: allowed as a grant of root…
    expect(grants.resolve(secret)).toBe(fs.realpathSync(secret)); // …which holds secret
    const fresh = new PathGrants();
    fresh.grant(path.join(root, 'missing'));
    expect(fresh.resolve(path.join(root, 'missing'))).toBeNull();
    expect(() => fresh.check([secret])).toThrow(
      `${secret} was not chosen in the import dialog or dropped on the window: only those files and folders can be imported`,
    );
  });
});

describe('startImport with an untrusted caller (Electron)', () => {
  let host: JobsHost;
  afterEach(async () => {
    await host.runner.shutdown();
  });

  function electronLikeHost(): PathGrants {
    const grants = new PathGrants();
    host = { ...sourceJobsHost(), trustCallerPaths: false, importGrants: grants };
    return grants;
  }

  it('refuses an ungranted path with FORBIDDEN naming it: no job, nothing read, the project unchanged', () => {
    const grants = electronLikeHost();
    const { secret, granted, article } = layout();
    grants.grant(article); // one granted file does not let the others through
    const p = tempProject({ demo: true, jobs: host });
    const before = snapshot(p.db);
    for (const paths of [[secret], [article, secret], [`${granted}/../secret/id_rsa`]]) {
      const r = dispatch(p.handlers, 'startImport', { paths, as: 'x' });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!r.ok) expect(r.error.message).toContain(paths.at(-1)!);
    }
    expect(dispatch(p.handlers, 'listJobs', {})).toEqual({ ok: true, value: [] });
    expect(snapshot(p.db)).toBe(before);
  });

  it('imports what was granted (a dropped file, a chosen folder)', async () => {
    const grants = electronLikeHost();
    const { granted, article, nested } = layout();
    const p = tempProject({ demo: false, jobs: host });
    grants.grant(granted);
    const r = dispatch(p.handlers, 'startImport', { paths: [article, nested] });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const job = await host.runner.wait((r as { value: JobState }).value.id);
    expect(job.phase).toBe('done');
    expect(job.importSummary?.articlesAdded).toBe(2);
  });

  it('test hosts (sourceJobsHost) keep trusting the caller', async () => {
    host = sourceJobsHost();
    const { article } = layout();
    const p = tempProject({ demo: false, jobs: host });
    const r = dispatch(p.handlers, 'startImport', { paths: [article] });
    expect(r.ok).toBe(true);
    expect((await host.runner.wait((r as { value: JobState }).value.id)).phase).toBe('done');
  });

  it('a project opened without a job host refuses imports and exports (nothing trusts a caller by default)', () => {
    host = sourceJobsHost();
    const { article } = layout();
    const p = tempProject({ demo: false });
    const before = snapshot(p.db);
    expect(dispatch(p.handlers, 'startImport', { paths: [article] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dispatch(p.handlers, 'startExport', { out: path.join(tempDir(), 'x.jsonl') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dispatch(p.handlers, 'listJobs', {})).toEqual({ ok: true, value: [] });
    expect(snapshot(p.db)).toBe(before);
  });
});
