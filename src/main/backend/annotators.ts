import { randomUUID } from 'node:crypto';
import type { Annotator } from '../../shared/model';
import { AppError } from '../../shared/result';
import { now } from './clock';
import { sql, type ReadDb, type WriteDb } from './db/handles';
import { getSetting, setSetting } from './settings';

const COLUMNS = 'id, uid, name, role';
const ALL = sql<Annotator>(`SELECT ${COLUMNS} FROM annotators ORDER BY id`);
const BY_ID = sql<Annotator>(`SELECT ${COLUMNS} FROM annotators WHERE id = ?`);
const BY_UID = sql<Annotator>(`SELECT ${COLUMNS} FROM annotators WHERE uid = ?`);
const LOCAL_BY_NAME = sql<Annotator>(
  `SELECT ${COLUMNS} FROM annotators WHERE name = ? AND remote = 0 ORDER BY id = ? DESC, id LIMIT 1`,
);
const SET_LOCAL = sql('UPDATE annotators SET remote = 0 WHERE id = ?');
const IS_REMOTE = sql<{ remote: number }>('SELECT remote FROM annotators WHERE id = ?');
const INSERT = sql('INSERT INTO annotators (uid, name, role, remote, created_at) VALUES (?, ?, ?, ?, ?)');

export function listAnnotators(db: ReadDb): Annotator[] {
  return ALL.all(db);
}

export function getAnnotator(db: ReadDb, id: number): Annotator {
  const row = BY_ID.get(db, id);
  if (!row) throw new AppError('NOT_FOUND', `annotator ${id} does not exist`);
  return row;
}

export function findAnnotatorByUid(db: ReadDb, uid: string): Annotator | null {
  return BY_UID.get(db, uid.toLowerCase()) ?? null;
}

const CURRENT = 'current_annotator';

/** The person working in this project (the app's "you"); null until someone has said who. */
export function currentAnnotatorId(db: ReadDb): number | null {
  const value = getSetting(db, CURRENT);
  return value === null ? null : Number(value);
}

/** The current annotator, or NO_ANNOTATOR when nobody has said who they are yet. */
export function requireCurrentAnnotator(db: ReadDb): Annotator {
  const id = currentAnnotatorId(db);
  if (id === null) throw new AppError('NO_ANNOTATOR', 'no annotator is set for this project: set a name first');
  return getAnnotator(db, id);
}

export function setCurrentAnnotator(db: WriteDb, id: number): void {
  setSetting(db, CURRENT, String(id));
}

/**
 * The local person with this name, created (with a new uid) on first use. Names may repeat
 * once other people's work is merged in: people met through packs (remote) are never picked;
 * among local ones the current annotator wins if it has this name, then the oldest.
 */
export function ensureAnnotator(db: WriteDb, name: string, role: Annotator['role'] = 'annotator'): Annotator {
  const existing = LOCAL_BY_NAME.get(db, name, currentAnnotatorId(db));
  if (existing) return existing;
  return insertAnnotator(db, randomUUID(), name, role, false);
}

/**
 * The person with this uid, created under this name when the project has not met them yet;
 * `remote` when their work reaches this project in packs rather than being done here.
 */
export function ensureAnnotatorByUid(
  db: WriteDb,
  uid: string,
  name: string,
  remote: boolean,
  role: Annotator['role'] = 'annotator',
): { annotator: Annotator; created: boolean } {
  const existing = findAnnotatorByUid(db, uid);
  if (existing) return { annotator: existing, created: false };
  return { annotator: insertAnnotator(db, uid.toLowerCase(), name, role, remote), created: true };
}

/** Whether a person's work reaches this project in packs (merged in as their layer). */
export function isRemote(db: ReadDb, id: number): boolean {
  return IS_REMOTE.get(db, id)?.remote === 1;
}

/** Makes a person local: the one working in this project (an assignment pack was opened). */
export function setLocal(db: WriteDb, id: number): void {
  SET_LOCAL.run(db, id);
}

function insertAnnotator(db: WriteDb, uid: string, name: string, role: Annotator['role'], remote: boolean): Annotator {
  const info = INSERT.run(db, uid, name, role, remote ? 1 : 0, now());
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
