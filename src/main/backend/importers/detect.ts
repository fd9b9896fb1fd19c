// --format auto: decide a file's format from its name and its first record.
import fs from 'node:fs';
import path from 'node:path';
import type { ConcreteImportFormat } from '../../../shared/jobs';
import { ImportError } from './errors';
import { readJsonRecords, type JsonReadStats } from './json';
import { firstChar } from './read';

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson', '.jsonlines']);
const PRODIGY_KEYS = ['_input_hash', '_task_hash', '_view_id', '_annotator_id', '_session_id', 'answer'];

/** The file is readable JSON but none of the formats Spanwise knows. */
export class UnknownFormat extends ImportError {}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The format of one JSON record, or null when it looks like none of them. */
export function classifyRecord(rec: unknown, inArray: boolean): ConcreteImportFormat | null {
  if (!isObject(rec)) return null;
  if (isObject(rec['data']) || 'annotations' in rec || 'predictions' in rec || 'completions' in rec) {
    return 'label-studio';
  }
  if (PRODIGY_KEYS.some((k) => k in rec) || 'tokens' in rec) return 'prodigy';
  if (!('text' in rec)) return null;
  if ('label' in rec || 'labels' in rec || 'entities' in rec) return 'doccano';
  if ('layer' in rec || 'status' in rec) return 'spans';
  if (inArray) return 'label-studio';
  return 'jsonl';
}

export function detectFormat(file: string): ConcreteImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (TEXT_EXTENSIONS.has(ext)) return 'txt';
  const c = firstChar(file);
  if (!JSON_EXTENSIONS.has(ext) && c !== '{' && c !== '[') return 'txt';
  if (c === null) return JSON_EXTENSIONS.has(ext) ? 'jsonl' : 'txt';
  const stats: JsonReadStats = { container: 'lines', multiLine: 0 };
  const records = readJsonRecords(file, stats);
  let first: IteratorResult<{ value: unknown; line: number }>;
  try {
    first = records.next();
  } finally {
    records.return(undefined);
  }
  if (first.done) return stats.container === 'array' ? 'label-studio' : 'jsonl';
  let format = classifyRecord(first.value.value, stats.container === 'array');
  // A .jsonl of objects is articles JSONL: its parser then says what is missing.
  if (!format && ext !== '.json' && JSON_EXTENSIONS.has(ext) && isObject(first.value.value)) format = 'jsonl';
  if (!format) {
    const keys = isObject(first.value.value) ? Object.keys(first.value.value).slice(0, 8).join(', ') : 'not an object';
    throw new UnknownFormat(
      file,
      first.value.line,
      `cannot tell the format from the first record (${keys}); pass --format txt|jsonl|spans|doccano|label-studio|prodigy`,
    );
  }
  return format;
}

/** In folders, only these (and files without an extension) are read; others are listed as skipped. */
export const FOLDER_EXTENSIONS = new Set([...TEXT_EXTENSIONS, ...JSON_EXTENSIONS, '']);

/**
 * Files under the given paths: folders recursively (sorted; hidden files and folders
 * skipped; only .txt/.text, JSON and extension-less files taken, the others reported).
 */
export function expandPaths(
  paths: readonly string[],
  skipped: { path: string; why: string }[] = [],
): { file: string; root: string | null }[] {
  const out: { file: string; root: string | null }[] = [];
  const walk = (dir: string, root: string) => {
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, root);
      else if (!e.isFile()) continue;
      else if (FOLDER_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push({ file: full, root });
      else skipped.push({ path: full, why: 'not an import file type (.txt, .text, .json, .jsonl, .ndjson)' });
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new ImportError(p, null, 'no such file or folder');
    }
    if (stat.isDirectory()) walk(p, p);
    else out.push({ file: p, root: null });
  }
  return out;
}
