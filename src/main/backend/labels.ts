import { labelHotkeyProblem } from '../../shared/keymap';
import type { Label } from '../../shared/model';
import { AppError } from '../../shared/result';
import { sql, writeTransaction, type ReadDb } from './db/handles';

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

const COLUMNS = 'id, name, color, hotkey, description, position';
const ALL = sql<Label>(`SELECT ${COLUMNS} FROM labels ORDER BY position, id`);
const BY_ID = sql<Label>(`SELECT ${COLUMNS} FROM labels WHERE id = ?`);
const BY_NAME = sql<Label>(`SELECT ${COLUMNS} FROM labels WHERE name = ? COLLATE NOCASE`);
const NAME_CLASH = sql<{ id: number; name: string }>(
  'SELECT id, name FROM labels WHERE name = ? COLLATE NOCASE AND id IS NOT ?',
);
const HOTKEY_CLASH = sql<{ id: number; name: string }>(
  'SELECT id, name FROM labels WHERE hotkey = ? COLLATE NOCASE AND id IS NOT ?',
);
const HOTKEYS = sql<{ hotkey: string }>('SELECT hotkey FROM labels WHERE hotkey IS NOT NULL');
const COLORS = sql<{ color: string }>('SELECT color FROM labels');
const COUNT = sql<{ n: number; p: number }>('SELECT count(*) AS n, coalesce(max(position), -1) AS p FROM labels');
const INSERT = sql('INSERT INTO labels (name, color, hotkey, description, position) VALUES (?, ?, ?, ?, ?)');
const UPDATE = sql('UPDATE labels SET name = ?, color = ?, hotkey = ?, description = ? WHERE id = ?');

export function listLabels(db: ReadDb): Label[] {
  return ALL.all(db);
}

export function getLabel(db: ReadDb, id: number): Label {
  const row = BY_ID.get(db, id);
  if (!row) throw new AppError('NOT_FOUND', `label ${id} does not exist`);
  return row;
}

/** The label with this name, compared as label names are (case-insensitively), or null. */
export function findLabelByName(db: ReadDb, name: string): Label | null {
  return BY_NAME.get(db, name) ?? null;
}

function assertFree(db: ReadDb, field: 'name' | 'hotkey', value: string, exceptId: number | null): void {
  const clash = (field === 'name' ? NAME_CLASH : HOTKEY_CLASH).get(db, value, exceptId);
  if (clash) {
    throw new AppError(
      'CONFLICT',
      `${field === 'name' ? 'name' : `hotkey ${value}`} is already used by label ${clash.name}`,
    );
  }
}

/** A label key must not take one of the editor's own keys (the keymap says which). */
function assertNotEditorKey(hotkey: string): void {
  const problem = labelHotkeyProblem(hotkey);
  if (problem) throw new AppError('CONFLICT', problem);
}

/** The first free hotkey among 1–9 that the editor does not use itself (null when all are taken). */
function freeHotkey(db: ReadDb): string | null {
  const used = new Set(HOTKEYS.all(db).map((r) => r.hotkey));
  for (let i = 1; i <= 9; i++) if (!used.has(String(i)) && !labelHotkeyProblem(String(i))) return String(i);
  return null;
}

/** The first palette colour no label uses yet; when all are used, cycle by label count. */
function freeColor(db: ReadDb, labelCount: number): string {
  const used = new Set(COLORS.all(db).map((r) => r.color.toUpperCase()));
  return PALETTE.find((c) => !used.has(c.toUpperCase())) ?? PALETTE[labelCount % PALETTE.length]!;
}

export interface NewLabel {
  name: string;
  color?: string | undefined;
  hotkey?: string | null | undefined;
  description?: string | undefined;
}

export function createLabel(db: ReadDb, input: NewLabel): Label {
  return writeTransaction(db, (w) => {
    assertFree(w, 'name', input.name, null);
    const hotkey = input.hotkey === undefined ? freeHotkey(w) : input.hotkey;
    if (hotkey) {
      assertNotEditorKey(hotkey);
      assertFree(w, 'hotkey', hotkey, null);
    }
    const count = COUNT.get(w)!;
    const color = input.color ?? freeColor(w, count.n);
    const info = INSERT.run(w, input.name, color, hotkey, input.description ?? '', count.p + 1);
    return getLabel(w, Number(info.lastInsertRowid));
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
export function updateLabel(db: ReadDb, input: LabelChanges): Label {
  return writeTransaction(db, (w) => {
    const current = getLabel(w, input.id);
    if (input.name !== undefined) assertFree(w, 'name', input.name, input.id);
    if (input.hotkey) {
      assertNotEditorKey(input.hotkey);
      assertFree(w, 'hotkey', input.hotkey, input.id);
    }
    UPDATE.run(
      w,
      input.name ?? current.name,
      input.color ?? current.color,
      input.hotkey === undefined ? current.hotkey : input.hotkey,
      input.description ?? current.description,
      input.id,
    );
    return getLabel(w, input.id);
  });
}

export function seedDefaultLabels(db: ReadDb): void {
  for (const label of DEFAULT_LABELS) createLabel(db, label);
}
