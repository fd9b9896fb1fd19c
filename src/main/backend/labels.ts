import type { Label } from '../../shared/model';
import { AppError } from '../../shared/result';
import { writeTransaction } from './db/busy';
import type { Db } from './db/open';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'];

export const DEFAULT_LABELS: ReadonlyArray<Omit<Label, 'id' | 'position'>> = [
  {
    name: 'ACTOR',
    color: '#0072B2',
    hotkey: '1',
    description: 'A person, organisation, state or armed group that acts or is acted on.',
  },
  {
    name: 'CLAIM',
    color: '#E69F00',
    hotkey: '2',
    description: 'A statement attributed to a source, usually reported speech, including the quote’s content.',
  },
  { name: 'LOCATION', color: '#009E73', hotkey: '3', description: 'A geographic place.' },
  {
    name: 'SANCTION',
    color: '#D55E00',
    hotkey: '4',
    description:
      'A punitive measure, ban or restriction, or a reference to one (a UN resolution forbidding arms deals, sanctioned entities).',
  },
];

export function listLabels(db: Db): Label[] {
  return db
    .prepare('SELECT id, name, color, hotkey, description, position FROM labels ORDER BY position, id')
    .all() as Label[];
}

export function getLabel(db: Db, id: number): Label {
  const row = db.prepare('SELECT id, name, color, hotkey, description, position FROM labels WHERE id = ?').get(id) as
    Label | undefined;
  if (!row) throw new AppError('NOT_FOUND', `label ${id} does not exist`);
  return row;
}

/** The label with this name, compared as label names are (case-insensitively), or null. */
export function findLabelByName(db: Db, name: string): Label | null {
  const row = db
    .prepare('SELECT id, name, color, hotkey, description, position FROM labels WHERE name = ? COLLATE NOCASE')
    .get(name) as Label | undefined;
  return row ?? null;
}

function assertFree(db: Db, field: 'name' | 'hotkey', value: string, exceptId: number | null): void {
  const clash = db
    .prepare(`SELECT id, name FROM labels WHERE ${field} = ? COLLATE NOCASE AND id IS NOT ?`)
    .get(value, exceptId) as { id: number; name: string } | undefined;
  if (clash) {
    throw new AppError(
      'CONFLICT',
      `${field === 'name' ? 'name' : `hotkey ${value}`} is already used by label ${clash.name}`,
    );
  }
}

/** The first free hotkey among 1–9 (null when all are taken). */
function freeHotkey(db: Db): string | null {
  const used = new Set(
    (db.prepare('SELECT hotkey FROM labels WHERE hotkey IS NOT NULL').all() as { hotkey: string }[]).map(
      (r) => r.hotkey,
    ),
  );
  for (let i = 1; i <= 9; i++) if (!used.has(String(i))) return String(i);
  return null;
}

/** The first palette colour no label uses yet; when all are used, cycle by label count. */
function freeColor(db: Db, labelCount: number): string {
  const used = new Set(
    (db.prepare('SELECT color FROM labels').all() as { color: string }[]).map((r) => r.color.toUpperCase()),
  );
  return PALETTE.find((c) => !used.has(c.toUpperCase())) ?? PALETTE[labelCount % PALETTE.length]!;
}

export interface NewLabel {
  name: string;
  color?: string | undefined;
  hotkey?: string | null | undefined;
  description?: string | undefined;
}

export function createLabel(db: Db, input: NewLabel): Label {
  return writeTransaction(db, () => {
    assertFree(db, 'name', input.name, null);
    const hotkey = input.hotkey === undefined ? freeHotkey(db) : input.hotkey;
    if (hotkey) assertFree(db, 'hotkey', hotkey, null);
    const count = db.prepare('SELECT count(*) AS n, coalesce(max(position), -1) AS p FROM labels').get() as {
      n: number;
      p: number;
    };
    const color = input.color ?? freeColor(db, count.n);
    const info = db
      .prepare('INSERT INTO labels (name, color, hotkey, description, position) VALUES (?, ?, ?, ?, ?)')
      .run(input.name, color, hotkey, input.description ?? '', count.p + 1);
    return getLabel(db, Number(info.lastInsertRowid));
  });
}

export interface LabelChanges {
  id: number;
  name?: string | undefined;
  color?: string | undefined;
  hotkey?: string | null | undefined;
  description?: string | undefined;
}

/** Spans reference labels by id, so a rename never orphans them. */
export function updateLabel(db: Db, input: LabelChanges): Label {
  return writeTransaction(db, () => {
    const current = getLabel(db, input.id);
    if (input.name !== undefined) assertFree(db, 'name', input.name, input.id);
    if (input.hotkey) assertFree(db, 'hotkey', input.hotkey, input.id);
    db.prepare('UPDATE labels SET name = ?, color = ?, hotkey = ?, description = ? WHERE id = ?').run(
      input.name ?? current.name,
      input.color ?? current.color,
      input.hotkey === undefined ? current.hotkey : input.hotkey,
      input.description ?? current.description,
      input.id,
    );
    return getLabel(db, input.id);
  });
}

export function seedDefaultLabels(db: Db): void {
  for (const label of DEFAULT_LABELS) createLabel(db, label);
}
