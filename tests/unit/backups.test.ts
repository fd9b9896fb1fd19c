// Backups: the online backup API while the project is open, a bounded history beside the
// project, restore (keeping the current file first), in the workspace and through the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backupProject, listBackups, restoreProject } from '../../src/main/backend/backups/backup';
import { BACKUP_KEEP, backupFiles, backupFolder } from '../../src/main/backend/backups/history';
import { checkProject } from '../../src/main/backend/check';
import { Workspace } from '../../src/main/backend/workspace';
import { RESOURCES, tempDir, tempProject } from './helpers';
import { ok, SLOW, spanwise } from './fixtures/cli';

function spanCount(file: string): number | undefined {
  return checkProject(file).counts?.spans;
}

describe('backups', () => {
  it('are whole projects made while the project stays open and editable', async () => {
    const project = tempProject();
    const span = { articleId: 1, labelId: 1, start: 0, end: 3 };
    project.handlers.createSpan({ id: randomUUID(), ...span });
    const running = backupProject(project.db, project.file);
    // Editing goes on while the backup runs.
    project.handlers.createSpan({ id: randomUUID(), ...span, start: 4, end: 7 });
    const file = await running;
    expect(path.dirname(file)).toBe(backupFolder(project.file));
    const check = checkProject(file);
    expect(check.healthy).toBe(true);
    expect(check.counts?.articles).toBe(5);
    expect(check.counts?.spans).toBeGreaterThanOrEqual(1);
    // A backup is a plain file: reading it leaves no -wal/-shm beside it.
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('-wal') || n.endsWith('-shm'))).toEqual([]);
    project.close();
  });

  it(`keep the newest ${BACKUP_KEEP}, oldest removed first`, async () => {
    const project = tempProject();
    const made: string[] = [];
    for (let i = 0; i < BACKUP_KEEP + 3; i++) made.push(await backupProject(project.db, project.file));
    expect(backupFiles(project.file)).toEqual(made.slice(3));
    expect(listBackups(project.file).map((b) => b.path)).toEqual(made.slice(3).reverse());
    project.close();
  });

  it('restore replaces the project with the backup and keeps the replaced file as a backup', async () => {
    const project = tempProject();
    const file = project.file;
    const backup = await backupProject(project.db, file);
    project.handlers.createSpan({ id: randomUUID(), articleId: 1, labelId: 1, start: 0, end: 3 });
    project.close();
    expect(spanCount(file)).toBe(1);
    const kept = restoreProject(file, backup);
    expect(spanCount(file)).toBe(0);
    expect(kept).not.toBeNull();
    expect(checkProject(kept!).counts?.spans).toBe(1);
    expect(path.basename(kept!)).toContain('before restore');
    // …so the restore itself can be undone.
    restoreProject(file, kept!);
    expect(spanCount(file)).toBe(1);
  });

  it('a damaged project is replaced by its backup, the damaged file kept byte for byte', async () => {
    const project = tempProject();
    const backup = await backupProject(project.db, project.file);
    project.close();
    const data = fs.readFileSync(project.file);
    const damaged = data.subarray(0, data.length >> 1);
    fs.writeFileSync(project.file, damaged);
    const kept = restoreProject(project.file, backup);
    expect(checkProject(project.file)).toMatchObject({ healthy: true, counts: { articles: 5 } });
    expect(fs.readFileSync(kept!).equals(damaged)).toBe(true);
    expect(path.basename(kept!)).toContain('before restore, damaged');
    expect(listBackups(project.file)[0]).toMatchObject({ path: kept, counts: null });
  });

  it('a damaged backup is refused and the project left as it was', async () => {
    const project = tempProject();
    const backup = await backupProject(project.db, project.file);
    project.close();
    const data = fs.readFileSync(backup);
    fs.writeFileSync(backup, data.subarray(0, data.length >> 1));
    const before = fs.readFileSync(project.file);
    expect(() => restoreProject(project.file, backup)).toThrow(/cannot be restored: the file is shorter/);
    expect(fs.readFileSync(project.file).equals(before)).toBe(true);
  });

  it('the app backs up a project when it opens it, and restores through the contract', async () => {
    const dir = tempDir();
    const ws = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES });
    const file = path.join(dir, 'p.spanwise');
    ws.open(file, { demo: true });
    // A window (sender 1) that has loaded the project.
    const call = (method: string, input: unknown) => ws.dispatch(method, input, 1);
    call('loadProject', {});
    await ws.backupsSettled();
    expect(backupFiles(file)).toHaveLength(1);
    expect(call('setAnnotator', { name: 'ana' }).ok).toBe(true);
    expect(call('createSpan', { articleId: 1, labelId: 1, start: 0, end: 3 }).ok).toBe(true);

    const listed = call('listBackups', {});
    expect(listed).toMatchObject({ ok: true, value: [{ counts: { articles: 5, spans: 0 } }] });
    const [first] = (listed as { value: { path: string }[] }).value;

    // Only the project's own backups may be named.
    expect(call('restoreBackup', { path: file })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const restored = call('restoreBackup', { path: first!.path });
    expect(restored).toMatchObject({ ok: true, value: { kept: expect.stringContaining('before restore') as string } });
    expect(call('listSpans', { articleId: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    call('loadProject', {});
    // The backup was made before the annotator was set: the file is as it was then.
    expect(call('getSession', {})).toMatchObject({ ok: true, value: { annotator: null } });
    await ws.backupsSettled();
    ws.close();
    expect(checkProject(file).counts?.spans).toBe(0);
  });

  it('spanwise backup and spanwise restore (the real binary)', { timeout: SLOW }, () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.spanwise');
    ok(['init', file, '--demo']);
    expect(ok(['backup', file])).toMatch(/^Backed up .* \(1 in .*p\.spanwise\.backups\)\.\n$/);
    const input = path.join(dir, 'more.jsonl');
    fs.writeFileSync(input, JSON.stringify({ text: 'one more article' }) + '\n');
    ok(['import', file, input, '-q']);
    expect(checkProject(file).counts?.articles).toBe(6);
    const list = ok(['restore', file, '--list']);
    expect(list).toContain('5 articles, 0 spans');
    const r = spanwise(['restore', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Restored .* from .*\nThe file it replaced is kept as .*before restore.*\n$/);
    expect(checkProject(file)).toMatchObject({ healthy: true, counts: { articles: 5 } });
    const none = spanwise(['restore', path.join(dir, 'other.spanwise')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('has no backups to restore');
  });
});
