import type { Annotator } from '../../shared/model';
import { AppError } from '../../shared/result';
import { now } from './clock';
import type { Db } from './db/open';

export function listAnnotators(db: Db): Annotator[] {
  return db.prepare('SELECT id, name, role FROM annotators ORDER BY id').all() as Annotator[];
}

export function getAnnotator(db: Db, id: number): Annotator {
  const row = db.prepare('SELECT id, name, role FROM annotators WHERE id = ?').get(id) as Annotator | undefined;
  if (!row) throw new AppError('NOT_FOUND', `annotator ${id} does not exist`);
  return row;
}

/** The annotator with this name, created on first use. */
export function ensureAnnotator(db: Db, name: string, role: Annotator['role'] = 'annotator'): Annotator {
  const existing = db.prepare('SELECT id, name, role FROM annotators WHERE name = ?').get(name) as
    Annotator | undefined;
  if (existing) return existing;
  const info = db.prepare('INSERT INTO annotators (name, role, created_at) VALUES (?, ?, ?)').run(name, role, now());
  return { id: Number(info.lastInsertRowid), name, role };
}
