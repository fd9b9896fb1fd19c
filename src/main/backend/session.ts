// What the window knows of the open project: its file and name, the current person, the schema.
import path from 'node:path';
import type { Session } from '../../shared/model';
import { currentAnnotatorId, getAnnotator } from './annotators';
import type { Db } from './db/open';
import { LATEST_VERSION } from './db/migrations';

/** A project's name, as the window, its progress and the files it suggests show it: the file's name without its extension. */
export function projectNameOf(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

export function sessionOf(db: Db, file: string, readonly: boolean): Session {
  const id = currentAnnotatorId(db);
  return {
    projectPath: file,
    projectName: projectNameOf(file),
    annotator: id === null ? null : getAnnotator(db, id),
    schemaVersion: LATEST_VERSION,
    readonly,
  };
}
