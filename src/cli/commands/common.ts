// What every command shares: the project argument, and opening a project that must exist (a
// command other than init never creates one).
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { openDb, type Connection } from '../../main/backend/db/open';
import { UsageError } from '../args';
import { openingText } from '../../shared/opening';
import { stderrProgress } from '../progress';

export function projectArg(command: string, positionals: string[]): string {
  const file = positionals[0];
  if (!file) throw new UsageError('missing <project.db>', command);
  return file;
}

export function openExistingProject(file: string): Connection {
  if (!fs.existsSync(file)) {
    throw new AppError('NOT_FOUND', `no project at ${file} (create one with: spanwise init ${file})`);
  }
  // A project an older Spanwise wrote is updated first; at scale that takes a while: say so.
  const progress = stderrProgress();
  try {
    return openDb(file, {
      onMigration: (p) => progress.update({ done: p.done, total: p.total, unit: 'articles', message: openingText(p) }),
    }).db;
  } finally {
    progress.done();
  }
}

/** The project named by the first positional argument, the only one the command takes. */
export function openProjectArg(command: string, positionals: string[]): Connection {
  const file = projectArg(command, positionals);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, command);
  return openExistingProject(file);
}
