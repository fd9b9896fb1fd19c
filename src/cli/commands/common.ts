// What the pack commands share: the project argument and opening an existing project.
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { openDb, type Db } from '../../main/backend/db/open';
import { UsageError } from '../args';

export function projectArg(command: string, positionals: string[]): string {
  const file = positionals[0];
  if (!file) throw new UsageError('missing <project.db>', command);
  return file;
}

export function openExistingProject(file: string): Db {
  if (!fs.existsSync(file)) {
    throw new AppError('NOT_FOUND', `no project at ${file} (create one with: spanwise init ${file})`);
  }
  return openDb(file).db;
}
