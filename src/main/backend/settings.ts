import { sql, type ReadDb, type WriteDb } from './db/handles';

const GET = sql<{ value: string }>('SELECT value FROM settings WHERE key = ?');
const SET = sql(
  'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
);

export function getSetting(db: ReadDb, key: string): string | null {
  return GET.get(db, key)?.value ?? null;
}

export function setSetting(db: WriteDb, key: string, value: string): void {
  SET.run(db, key, value);
}
