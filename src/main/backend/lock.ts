// One writer per project file. The app holds `<file>.lock` (its pid, host and start time)
// while the project is open; the CLI's write commands and a second app on the same file read
// it and refuse, naming the holder. A lock file beside the project (not in the user folder)
// because a second app with another user folder and the CLI must both see it; a pid in it so
// a lock left by a crashed app is recognised as stale and taken over. SQLite's own locks stay
// what keeps any two writes from interleaving (BEGIN IMMEDIATE): this lock is what lets the
// second writer say who holds the file instead of failing on BUSY mid-way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/result';
import { log } from './log';

const Holder = z.object({ pid: z.number().int(), host: z.string(), app: z.string(), since: z.string() });
export type LockHolder = z.infer<typeof Holder>;

export function lockPath(file: string): string {
  return `${path.resolve(file)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of `file`'s lock (a lock of a process gone from this host is none). */
export function lockHolder(file: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = Holder.parse(JSON.parse(fs.readFileSync(lockPath(file), 'utf8')));
  } catch {
    return null;
  }
  if (holder.host === os.hostname() && !alive(holder.pid)) return null;
  return holder;
}

function describe(h: LockHolder): string {
  return `${h.app} (process ${h.pid}${h.host === os.hostname() ? '' : ` on ${h.host}`}, since ${h.since})`;
}

/** Throws IN_USE when another process holds `file`'s lock; `action` says what was refused. */
export function assertNotLocked(file: string, action: string): void {
  const h = lockHolder(file);
  if (h && !(h.pid === process.pid && h.host === os.hostname())) {
    throw new AppError(
      'IN_USE',
      `${file} is open in ${describe(h)}: ${action} refused so the two never interleave; close the project there (or ${action} from the app) and try again`,
    );
  }
}

export interface ProjectLock {
  release(): void;
}

/**
 * Takes `file`'s lock for this process, or throws IN_USE naming the live holder. Where no lock
 * can be written (a read-only folder) the project is read-only anyway: no lock is needed.
 */
export function acquireLock(file: string, app: string): ProjectLock {
  const lock = lockPath(file);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const me: LockHolder = { pid: process.pid, host: os.hostname(), app, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, JSON.stringify(me), { flag: 'wx' });
      return {
        release: () => {
          const h = lockHolder(file);
          if (h?.pid === me.pid && h.since === me.since) fs.rmSync(lock, { force: true });
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { release: () => undefined };
      if (code !== 'EEXIST') throw err;
      const holder = lockHolder(file);
      if (holder && !(holder.pid === me.pid && holder.host === me.host)) {
        throw new AppError(
          'IN_USE',
          `${file} is already open in ${describe(holder)}: one program at a time may write a project; switch to that window`,
        );
      }
      // Stale (its process is gone) or our own from an earlier open: take it over.
      log.info(`taking over the lock of ${file}${holder ? '' : ' (left by a process that is gone)'}`);
      fs.rmSync(lock, { force: true });
    }
  }
  throw new AppError('IN_USE', `${file}: could not take the project's lock (${lock})`);
}
