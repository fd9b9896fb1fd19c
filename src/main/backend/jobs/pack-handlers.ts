// The contract's work-pack methods over one project: merge, assign, a work pack, an assignment
// pack opened (then the host switches to its project), and the inbox folder, watched while the
// project is open. Paths from an untrusted caller follow the import's rules (granted only).
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { JobState } from '../../../shared/jobs';
import { AppError } from '../../../shared/result';
import { requireCurrentAnnotator } from '../annotators';
import { writeTransaction } from '../db/handles';
import type { Db } from '../db/open';
import { log } from '../log';
import { safeFileName } from '../packs/assign';
import { PACK_EXT, readPackHeader } from '../packs/format';
import { InboxWatcher } from '../packs/inbox-watcher';
import { projectNameOf } from '../session';
import { getSetting, setSetting } from '../settings';
import { callerOutput, readablePaths, startWhenChosen, startWriting } from './paths';
import type { JobsHost } from './handlers';

export type PackMethods =
  'startMerge' | 'startAssign' | 'startWorkPack' | 'openWorkPack' | 'openPacks' | 'getInbox' | 'setInbox';

const INBOX_SETTING = 'inbox_folder';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A folder that exists, as the kernel resolves it; BAD_INPUT naming it otherwise. */
function existingFolder(folder: string): string {
  const resolved = path.resolve(folder);
  let real: string;
  try {
    real = fs.realpathSync.native(resolved);
  } catch {
    throw new AppError('BAD_INPUT', `no folder at ${resolved}`);
  }
  if (!fs.statSync(real).isDirectory()) throw new AppError('BAD_INPUT', `${resolved} is a file, not a folder`);
  return real;
}

export interface PackHandlers {
  handlers: Pick<Handlers, PackMethods>;
  /** Stops watching the inbox (the project is closing). */
  close(): Promise<void>;
}

export function packHandlers(projectFile: string, db: Db, host: JobsHost | undefined): PackHandlers {
  const jobs = (): JobsHost => {
    if (!host)
      throw new AppError('FORBIDDEN', 'work packs are merged and written by jobs in the app; this host runs no jobs');
    return host;
  };
  /** The real paths to read: what the user chose or dropped, unless the caller is trusted. */
  const readable = (paths: readonly string[]): string[] => readablePaths(jobs(), paths);

  const merge = (files: string[], inbox: string | null): JobState => {
    const { runner } = jobs();
    const title = inbox
      ? `Inbox: ${plural(files.length, 'pack')}`
      : files.length === 1
        ? `Merge ${path.basename(files[0]!)}`
        : `Merge ${files.length} packs`;
    const job = runner.create('merge', title, projectFile);
    return runner.start(job.id, { kind: 'merge', projectFile, paths: files, inbox });
  };

  const openAssignment = (pack: string, project: string | undefined): JobState => {
    const h = jobs();
    const header = readPackHeader(pack);
    if (header.kind !== 'assignment') {
      throw new AppError('BAD_INPUT', `${pack}: is a work pack (merge it), not an assignment pack`);
    }
    const { name } = header.annotator;
    // By default the user folder (where the app keeps its own project): not beside the pack,
    // which often sits in a synced folder, where a live SQLite file does not belong.
    const suggestion = path.join(h.projectsDir ?? path.dirname(projectFile), `${safeFileName(name)}.spanwise`);
    const target =
      project !== undefined
        ? callerOutput(h, project, 'project file')
        : h.pickProjectFile
          ? h.pickProjectFile(suggestion)
          : suggestion;
    const job = h.runner.create(
      'open-pack',
      `Open work pack for ${name}`,
      typeof target === 'string' ? target : suggestion,
    );
    return startWhenChosen(h.runner, job, target, (file) => {
      const started = h.runner.start(job.id, { kind: 'open-pack', projectFile: file, pack });
      void h.runner.wait(job.id).then((end) => {
        if (end.phase !== 'done') return;
        try {
          h.switchProject?.(file);
        } catch (err) {
          log.warn(`could not open ${file} after opening the work pack`, err);
        }
      });
      return started;
    });
  };

  let watcher: InboxWatcher | null = null;
  const watch = (folder: string | null): void => {
    void watcher?.stop();
    watcher = null;
    if (!host || folder === null) return;
    if (!fs.existsSync(folder)) {
      log.warn(`inbox ${folder} does not exist: not watched`);
      return;
    }
    watcher = new InboxWatcher({
      folder,
      merge: (files) => host.runner.wait(merge(files, folder).id),
      ...host.inboxTiming,
    }).start();
  };
  watch(getSetting(db, INBOX_SETTING));

  const handlers: Pick<Handlers, PackMethods> = {
    startMerge: ({ paths }) => merge(readable(paths), null),

    startAssign: ({ annotators, overlap, double, seed, out }) => {
      const h = jobs();
      const names = annotators.map((n) => n.trim());
      const twice = names.find((n, i) => names.indexOf(n) !== i);
      if (twice !== undefined) throw new AppError('BAD_INPUT', `${twice} is named twice`);
      if (overlap !== undefined && overlap > names.length) {
        throw new AppError(
          'BAD_INPUT',
          `each article can go to at most ${plural(names.length, 'annotator')}, not ${overlap}`,
        );
      }
      if (double !== undefined && names.length < 2) {
        throw new AppError('BAD_INPUT', 'double annotation needs at least two annotators');
      }
      const share = double !== undefined ? { double } : { overlap: overlap ?? 1 };
      const base = projectNameOf(projectFile);
      return startWriting(h, projectFile, {
        kind: 'assign',
        title: `Assign work to ${plural(names.length, 'annotator')}`,
        out,
        what: 'folder for the packs',
        missing: 'no folder for the packs given (out)',
        suggestion: { name: `${base}-assignments`, folder: true, title: 'Choose a folder for the assignment packs' },
        spec: (outDir) => ({ kind: 'assign', projectFile, annotators: names, share, seed: seed ?? 0, outDir }),
      });
    },

    startWorkPack: ({ out }) => {
      const h = jobs();
      const me = requireCurrentAnnotator(db);
      return startWriting(h, projectFile, {
        kind: 'pack',
        title: `Export my work (${me.name})`,
        out,
        what: 'pack file',
        suggestion: { name: `${safeFileName(me.name)}${PACK_EXT}`, folder: false, title: 'Export my work as a pack' },
        spec: (file) => ({ kind: 'pack', projectFile, annotator: me.uid, out: file }),
      });
    },

    openWorkPack: ({ path: pack, project }) => openAssignment(readable([pack])[0]!, project),

    openPacks: ({ paths }) => {
      const files = readable(paths);
      // Every header first: a file that is no pack is refused before any job starts.
      const kinds = files.map((f) => ({ file: f, kind: readPackHeader(f).kind }));
      const assignments = kinds.filter((k) => k.kind === 'assignment').map((k) => k.file);
      if (assignments.length > 1) {
        throw new AppError('BAD_INPUT', `${assignments.length} assignment packs given: open one at a time`);
      }
      const work = kinds.filter((k) => k.kind === 'work').map((k) => k.file);
      const started: JobState[] = [];
      if (work.length) started.push(merge(work, null));
      if (assignments.length) started.push(openAssignment(assignments[0]!, undefined));
      return started;
    },

    getInbox: () => ({ folder: getSetting(db, INBOX_SETTING) }),

    setInbox: ({ folder }) => {
      // A folder the user typed or chose; the watcher reads only pack files in it, and merges
      // only work packs (into their own layers), so it needs no grant.
      const real = folder === null ? null : existingFolder(folder);
      writeTransaction(db, (w) => {
        if (real === null) w.prepare('DELETE FROM settings WHERE key = ?').run(INBOX_SETTING);
        else setSetting(w, INBOX_SETTING, real);
      });
      watch(real);
      return { folder: real };
    },
  };
  return {
    handlers,
    close: async () => {
      const w = watcher;
      watcher = null;
      await w?.stop();
    },
  };
}
