// `spanwise backup <project>` and `spanwise restore <project> [BACKUP]`: the same backups the
// app makes (backend/backups), in <project>.backups/ beside the file.
import fs from 'node:fs';
import type { Io } from '../index';
import { backupProject, listBackups, restoreProject } from '../../main/backend/backups/backup';
import { backupFiles, backupFolder, BACKUP_KEEP } from '../../main/backend/backups/history';
import { assertNotLocked } from '../../main/backend/lock';
import { AppError } from '../../shared/result';
import { parse, UsageError } from '../args';
import { openExistingProject, projectArg } from './common';

export const BACKUP_HELP = `Usage: spanwise backup <project.db>

Makes a backup of the project (SQLite's online backup API: safe while the app has it open)
in <project.db>.backups/, keeping the newest ${BACKUP_KEEP}. The app makes one when a project opens
and every 10 minutes of editing.

Options:
  -h, --help    show this help
`;

export const RESTORE_HELP = `Usage: spanwise restore <project.db> [BACKUP] [--list]

Replaces the project with one of its backups (default: the newest). The current file is kept
among the backups first, so a restore can be undone by restoring that one. Refused while the
app has the project open (restore from the app instead: File → Restore backup…).

Options:
  --list        list the backups (newest first) with what each holds, and change nothing
  -h, --help    show this help
`;

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('backup', argv, {});
  if (values.help) {
    io.out(BACKUP_HELP);
    return 0;
  }
  const file = projectArg('backup', positionals);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, 'backup');
  const db = openExistingProject(file);
  try {
    const dest = await backupProject(db, file);
    io.out(`Backed up ${file} to ${dest} (${backupFiles(file).length} in ${backupFolder(file)}).\n`);
  } finally {
    db.close();
  }
  return 0;
}

export function restoreCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('restore', argv, { list: { type: 'boolean' } });
  if (values.help) {
    io.out(RESTORE_HELP);
    return 0;
  }
  const file = projectArg('restore', positionals);
  if (positionals.length > 2) throw new UsageError(`unexpected argument ${positionals[2]}`, 'restore');
  const backups = listBackups(file);
  if (values.list) {
    if (backups.length === 0) io.out(`${file} has no backups (${backupFolder(file)} holds none).\n`);
    for (const b of backups) {
      const holds = b.counts ? `${b.counts.articles} articles, ${b.counts.spans} spans` : 'unreadable';
      io.out(`${b.time}  ${holds}  ${b.path}\n`);
    }
    return 0;
  }
  // The newest backup that reads as a project (a damaged file kept by a restore is not one).
  const chosen = positionals[1] ?? backups.find((b) => b.counts !== null)?.path;
  if (!chosen) throw new AppError('NOT_FOUND', `${file} has no backups to restore (none in ${backupFolder(file)})`);
  if (!fs.existsSync(chosen)) throw new AppError('NOT_FOUND', `no backup at ${chosen}`);
  assertNotLocked(file, 'restore');
  const kept = restoreProject(file, chosen);
  io.out(`Restored ${file} from ${chosen}.${kept ? `\nThe file it replaced is kept as ${kept}.` : ''}\n`);
  return 0;
}
