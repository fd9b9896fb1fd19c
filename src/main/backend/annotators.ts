import { randomUUID } from 'node:crypto';
import type { Annotator } from '../../shared/model';
import { AppError } from '../../shared/result';
import { now } from './clock';
import type { Db } from './db/open';
import { getSetting } from './settings';

const COLUMNS = 'id, uid, name, role';

export function listAnnotators(db: Db): Annotator[] {
  return db.prepare(`SELECT ${COLUMNS} FROM annotators ORDER BY id`).all() as Annotator[];
}

export function getAnnotator(db: Db, id: number): Annotator {
  const row = db.prepare(`SELECT ${COLUMNS} FROM annotators WHERE id = ?`).get(id) as Annotator | undefined;
  if (!row) throw new AppError('NOT_FOUND', `annotator ${id} does not exist`);
  return row;
}

export function findAnnotatorByUid(db: Db, uid: string): Annotator | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM annotators WHERE uid = ?`).get(uid.toLowerCase()) as
    Annotator | undefined;
  return row ?? null;
}

/**
 * The local person with this name, created (with a new uid) on first use. Names may repeat
 * once other people's work is merged in: people met through packs (remote) are never picked;
 * among local ones the current annotator wins if it has this name, then the oldest.
 */
export function ensureAnnotator(db: Db, name: string, role: Annotator['role'] = 'annotator'): Annotator {
  const current = getSetting(db, 'current_annotator');
  const existing = db
    .prepare(`SELECT ${COLUMNS} FROM annotators WHERE name = ? AND remote = 0 ORDER BY id = ? DESC, id LIMIT 1`)
    .get(name, current === null ? null : Number(current)) as Annotator | undefined;
  if (existing) return existing;
  return insertAnnotator(db, randomUUID(), name, role, false);
}

/**
 * The person with this uid, created under this name when the project has not met them yet;
 * `remote` when their work reaches this project in packs rather than being done here.
 */
export function ensureAnnotatorByUid(
  db: Db,
  uid: string,
  name: string,
  remote: boolean,
  role: Annotator['role'] = 'annotator',
): { annotator: Annotator; created: boolean } {
  const existing = findAnnotatorByUid(db, uid);
  if (existing) return { annotator: existing, created: false };
  return { annotator: insertAnnotator(db, uid.toLowerCase(), name, role, remote), created: true };
}

/** Makes a person local: the one working in this project (an assignment pack was opened). */
export function setLocal(db: Db, id: number): void {
  db.prepare('UPDATE annotators SET remote = 0 WHERE id = ?').run(id);
}

function insertAnnotator(db: Db, uid: string, name: string, role: Annotator['role'], remote: boolean): Annotator {
  const info = db
    .prepare('INSERT INTO annotators (uid, name, role, remote, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(uid, name, role, remote ? 1 : 0, now());
  return { id: Number(info.lastInsertRowid), uid, name, role };
}

/** The first characters of a uid: enough to tell people apart in a list. */
export function shortUid(uid: string): string {
  return uid.replace(/-/g, '').slice(0, 6);
}

/**
 * How to show an annotator to a reviewer: the name, plus a short id when another annotator in
 * `all` has the same name (case-insensitively), so two "Anna"s read "Anna (3f2a9c)" and
 * "Anna (b71e04)".
 */
export function displayName(
  annotator: Pick<Annotator, 'uid' | 'name'>,
  all: readonly Pick<Annotator, 'uid' | 'name'>[],
): string {
  const key = annotator.name.trim().toLowerCase();
  const clash = all.some((a) => a.uid !== annotator.uid && a.name.trim().toLowerCase() === key);
  return clash ? `${annotator.name} (${shortUid(annotator.uid)})` : annotator.name;
}
