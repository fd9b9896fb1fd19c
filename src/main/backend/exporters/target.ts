// An export must never write over the project it reads: `--out p.db` (or a save dialog that
// picks the project file, or a split folder whose train.jsonl is a link to it) would rename
// JSONL over the database. Paths are compared after the kernel's resolution (symlinks, `..`
// after a symlink), and existing files also by device and inode (hard links).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';

/** SQLite's own files beside a database, which are the project too. */
const SIDECARS = ['', '-wal', '-shm', '-journal'];

const caseInsensitive = process.platform === 'darwin' || process.platform === 'win32';

function key(p: string): string {
  return caseInsensitive ? p.toLowerCase() : p;
}

/**
 * The absolute path `file` names once every existing part of it is resolved as the kernel
 * would (symlinks included); the parts that do not exist yet are joined lexically (they can
 * hold no symlink).
 */
export function resolveReal(file: string): string {
  const abs = path.isAbsolute(file) ? file : path.join(process.cwd(), file);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = fs.realpathSync.native(cur);
      return rest.length ? path.resolve(real, ...rest.reverse()) : real;
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(abs);
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

function identity(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * Refuses (BAD_INPUT) when any of `targets` — or the `.partial` file written before each is
 * renamed into place — is the project file `projectFile` or one of its -wal, -shm or
 * -journal files. Nothing is written before this check.
 */
export function assertNotProjectFile(projectFile: string, targets: string[]): void {
  if (!projectFile || projectFile === ':memory:') return;
  // What each protected path is, for the message: "the project file /x/p.db".
  const byPath = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const base of new Set([path.resolve(projectFile), resolveReal(projectFile)])) {
    for (const suffix of SIDECARS) {
      const p = base + suffix;
      const what = suffix ? `the project's ${suffix.slice(1)} file ${p}` : `the project file ${p}`;
      byPath.set(key(p), what);
      const id = identity(p);
      if (id) byId.set(id, what);
    }
  }
  for (const target of targets) {
    if (target === '-') continue;
    for (const candidate of [target, `${target}.partial`]) {
      const id = identity(candidate);
      const hit = byPath.get(key(resolveReal(candidate))) ?? (id ? byId.get(id) : undefined);
      if (hit === undefined) continue;
      const which = candidate === target ? target : `${target} (through its temporary file ${candidate})`;
      throw new AppError('BAD_INPUT', `refusing to export to ${which}: that is ${hit}; choose another output path`);
    }
  }
}
