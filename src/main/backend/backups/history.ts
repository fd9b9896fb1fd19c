// Where a project's backups live and which there are: a folder beside the project file,
// `<file>.backups/`, holding `<stamp>.spanwise` copies, newest last, at most BACKUP_KEEP.
// Beside the project (not in the user folder) so the app and the CLI find the same backups
// without sharing a configuration, and so they travel with the project when its folder is
// copied to another machine.
import fs from 'node:fs';
import path from 'node:path';

/** How many backups a project keeps; the oldest goes when a new one is made. */
export const BACKUP_KEEP = 10;
const SUFFIX = '.spanwise';

export function backupFolder(file: string): string {
  return `${path.resolve(file)}.backups`;
}

/** A file-name-safe time stamp that sorts in time order: 2026-12-01T07-31-16-555Z. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** The stamp back as a time (null for a file we did not name). */
export function stampTime(name: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null;
}

/** The backups of `file`, oldest first (complete ones only: a backup in progress is `.partial`). */
export function backupFiles(file: string): string[] {
  const dir = backupFolder(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(SUFFIX) && stampTime(n) !== null)
    .sort()
    .map((n) => path.join(dir, n));
}

/** In the name of a damaged file kept by a restore: kept for rescue, never offered to restore. */
export const DAMAGED_NOTE = 'damaged';

/** The newest backup that is one (not a damaged file kept by a restore). */
export function latestBackup(file: string): string | null {
  return backupFiles(file).findLast((f) => !path.basename(f).includes(DAMAGED_NOTE)) ?? null;
}

/** A new backup's path (a suffix keeps two made in the same millisecond apart). */
export function newBackupPath(file: string, date: Date, note = ''): string {
  const dir = backupFolder(file);
  const base = `${stamp(date)}${note ? ` ${note}` : ''}`;
  let candidate = path.join(dir, base + SUFFIX);
  for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(dir, `${base} (${i})${SUFFIX}`);
  return candidate;
}

/** Removes the oldest backups beyond `keep`. Returns the removed paths. */
export function pruneBackups(file: string, keep = BACKUP_KEEP): string[] {
  const all = backupFiles(file);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const f of removed) fs.rmSync(f, { force: true });
  return removed;
}

/** "; the latest backup is … (`spanwise restore FILE` puts it back)", or ''. */
export function backupHint(file: string): string {
  const latest = latestBackup(file);
  if (!latest) return '';
  const when = stampTime(path.basename(latest));
  return `; the latest backup is ${latest}${when ? ` (${when.toISOString()})` : ''}: \`spanwise restore ${file}\` puts it back (the damaged file is kept)`;
}
