// A new project with the default labels and nothing else, for a bench to fill: its file (and a
// -wal or -shm left there by an earlier run) removed first.
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../src/main/backend/db/open';
import { seedProject } from '../../src/main/backend/seed';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

export function freshProject(dir: string, name: string): string {
  const file = path.join(dir, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const { db } = openDb(file);
  seedProject(db, RESOURCES);
  db.close();
  return file;
}
