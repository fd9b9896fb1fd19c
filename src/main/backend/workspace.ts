import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ApiErrorData, Result } from '../../shared/result';
import { AppError } from '../../shared/result';
import type { OpeningState } from '../../shared/opening';
import type { BackupInfo } from '../../shared/model';
import { APP_BUSY_TIMEOUT_MS } from './db/busy';
import { contract, OFF_MAIN_METHODS, type AppEvent, type Handlers, type OffMainMethod } from '../../shared/contract';
import { LATEST_VERSION } from './db/migrations';
import { errorData } from './errors';
import { migrateInWorker, pendingVersions } from './opening/in-worker';
import { dispatch } from './dispatch';
import type { JobsHost } from './jobs/handlers';
import { backupProject, listBackups, restoreProject } from './backups/backup';
import { backupFiles, stampTime } from './backups/history';
import { acquireLock, type ProjectLock } from './lock';
import { log } from './log';
import { Project, type WorkspaceMethods } from './project';
import { projectNameOf } from './session';

/** Ten minutes: at most ten minutes of work to redo after a disaster the WAL cannot help with. */
export const DEFAULT_BACKUP_MINUTES = 10;

const Config = z.object({
  lastProject: z.string().nullable().default(null),
  recent: z.array(z.string()).default([]),
  /** A backup of the open project every this many minutes while it is being edited. */
  backupMinutes: z.number().positive().optional(),
});
type Config = z.infer<typeof Config>;

const RECENT_MAX = 10;
export const DEFAULT_PROJECT_NAME = 'Spanwise demo.spanwise';

export interface WorkspaceOptions {
  /** Per-user folder: the default project and config.json live here (Electron: userData). */
  userDir: string;
  resourcesDir: string;
  /** The host's job runner, dialogs and grants, given to every project it opens. */
  jobs?: JobsHost | undefined;
  /** Tells the window how far the update of a project being opened has come. */
  emit?: ((event: AppEvent) => void) | undefined;
}

/** What opens a project: demo articles for a new default project, creation of an empty file, a backup. */
export interface OpenRequest {
  demo?: boolean;
  create?: boolean;
  backupNow?: boolean;
}

/**
 * What a host (Electron main or the e2e test host) holds: the open project, the recent list
 * and the last-opened file, kept in `<userDir>/config.json`. No electron import: the hosts
 * supply paths and dialogs.
 */
export class Workspace {
  private current: Project | null = null;
  private lock: ProjectLock | null = null;
  private backupTimer: ReturnType<typeof setInterval> | null = null;
  /** The backup running now (one at a time), awaited by close and restore. */
  private backingUp: Promise<string | null> = Promise.resolve(null);
  /** Bumped by every open; and the generation each window last loaded (see dispatch). */
  private generation = 0;
  private readonly seenBy = new Map<number, number>();
  private config: Config;
  /** The off-main write running now (an undo of a policy run), which later calls wait for. */
  private offMainWrite: Promise<void> | null = null;
  /** A project being brought to this schema before it opens, and the open that follows. */
  private opening: { state: OpeningState; done: Promise<unknown> } | null = null;
  /** What the workspace answers itself, whatever is open: how far the project being opened has come. */
  private readonly own: Pick<Handlers, WorkspaceMethods> = { getOpening: () => this.opening?.state ?? null };
  /** Why the last open in the window failed, answered to its calls until another opens. */
  private openFailure: ApiErrorData | null = null;

  constructor(private readonly options: WorkspaceOptions) {
    this.config = this.readConfig();
  }

  get project(): Project | null {
    return this.current;
  }

  get recent(): readonly string[] {
    return this.config.recent;
  }

  /** On launch: the last project if it still exists, else the default project with the demo set. */
  openInitial(): Project {
    return this.initial((file, opts) => this.open(file, opts));
  }

  /**
   * As openInitial, for a host whose window is already up (Electron main, the Chromium window):
   * `file` (a project named on the command line) or the last project or the default one, opened
   * with beginOpen. Never throws: a failure is what the window's calls then answer, so the
   * window says it.
   */
  openInitialInWindow(file?: string): Promise<Project | null> {
    try {
      // A failed update was recorded by beginOpen; the window's calls answer it.
      return this.initial((f, opts) => this.beginOpen(f, opts), file).catch(() => null);
    } catch (err) {
      this.openFailure = errorData(err, 'open', file);
      return Promise.resolve(null);
    }
  }

  /** `file`, else the last project if it still exists, else the default project with the demo set. */
  private initial<T>(open: (file: string, opts?: OpenRequest) => T, file?: string): T {
    if (file) return open(file);
    const last = this.config.lastProject;
    if (last && fs.existsSync(last)) {
      try {
        return open(last);
      } catch (err) {
        // Open in another Spanwise: say so, rather than opening another project behind its back.
        if (err instanceof AppError && err.code === 'IN_USE') throw err;
        // Unreadable last project: fall back to the default rather than failing to start.
        log.warn(`the last project could not be opened: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return open(path.join(this.options.userDir, DEFAULT_PROJECT_NAME), { demo: true });
  }

  /**
   * Opens `file` as open() does, except that a file an older Spanwise wrote is first brought to
   * this schema in a worker (where the host runs workers), so the window's process stays free:
   * meanwhile getOpening and 'opening' events say how far it has come and the window's other
   * calls wait. A file that cannot be opened at all (not a project, in use, too new) throws at
   * once; a failed update rejects, leaves the file as it was, and is what the window's calls
   * answer until another project opens.
   */
  beginOpen(file: string, opts: OpenRequest = {}): Promise<Project> {
    const runner = this.options.jobs?.runner;
    if (!runner) return Promise.resolve(this.open(file, opts));
    const resolved = path.resolve(file);
    const lock = acquireLock(file, 'Spanwise');
    let version: number;
    let pending: number[];
    try {
      ({ version, pending } = pendingVersions(file));
    } catch (err) {
      if (resolved !== this.current?.file) lock.release();
      throw err;
    }
    if (pending.length === 0) return Promise.resolve(this.openLocked(file, lock, opts));
    // The previous project closes now; the window reloads when told and its calls wait for this one.
    this.closeCurrent();
    this.generation++;
    this.openFailure = null;
    const opening: { state: OpeningState; done: Promise<unknown> } = {
      state: {
        projectPath: resolved,
        projectName: projectNameOf(file),
        fromVersion: version,
        toVersion: LATEST_VERSION,
        step: null,
        index: 0,
        count: pending.length,
        done: 0,
        total: 0,
      },
      done: Promise.resolve(),
    };
    const tell = () => this.options.emit?.({ type: 'opening', opening: opening.state });
    log.info(`${resolved}: updating from schema ${opening.state.fromVersion} to ${LATEST_VERSION} in a worker`);
    const done = migrateInWorker(
      (input) => runner.spawn(input),
      resolved,
      ({ step, index, count, done, total }) => {
        opening.state = { ...opening.state, step, index, count, done, total };
        tell();
      },
    )
      .then(() => {
        // Closed (the app quitting) or another open begun meanwhile: this one is not opened.
        if (this.opening !== opening)
          throw new AppError(
            'CONFLICT',
            `${resolved} was updated, but not opened: another project was opened or the window closed meanwhile`,
          );
        this.opening = null;
        return this.openLocked(file, lock, opts);
      })
      .catch((err: unknown) => {
        if (this.opening === opening) this.opening = null;
        lock.release();
        this.openFailure = errorData(err, 'open', resolved);
        log.warn(`${resolved} could not be opened: ${this.openFailure.message}`);
        throw err;
      });
    opening.done = done.catch(() => undefined);
    this.opening = opening;
    tell();
    return done;
  }

  /** Opens (or creates) a project file and makes it current. The previous one is closed. */
  open(file: string, opts: OpenRequest = {}): Project {
    // The lock first: a second app on the same file is refused before it opens (or migrates) it.
    return this.openLocked(file, acquireLock(file, 'Spanwise'), opts);
  }

  /** As open(), with the file's lock already taken (by open, or by beginOpen before its update). */
  private openLocked(file: string, lock: ProjectLock, opts: OpenRequest): Project {
    let project: Project;
    try {
      project = Project.open(file, {
        resourcesDir: this.options.resourcesDir,
        demo: opts.demo ?? false,
        create: opts.create ?? false,
        jobs: this.options.jobs,
        restore: (backup) => this.restore(backup),
      });
    } catch (err) {
      if (!this.current || path.resolve(file) !== this.current.file) lock.release();
      throw err;
    }
    // The app's writes run on Electron's main thread: while an import (or the CLI) holds the
    // write lock they wait at most this long, then answer BUSY instead of freezing the window.
    project.db.pragma(`busy_timeout = ${APP_BUSY_TIMEOUT_MS}`);
    this.closeCurrent();
    this.current = project;
    this.lock = lock;
    this.openFailure = null;
    this.generation++;
    this.remember(project.file);
    this.startBackups(project, opts.backupNow ?? true);
    return project;
  }

  /**
   * A backup when the project opens (unless the newest backup is younger than the file) and
   * then every `backupMinutes` while it is edited. The online backup API copies a few pages
   * per turn of the event loop, so the window keeps editing meanwhile.
   */
  private startBackups(project: Project, backupNow: boolean): void {
    if (project.readonly) return;
    const newest = backupFiles(project.file).at(-1);
    const newestTime = newest ? (stampTime(path.basename(newest))?.getTime() ?? 0) : 0;
    const changed = Math.max(...['', '-wal'].map((s) => mtime(project.file + s)));
    if (backupNow && changed > newestTime) void this.backup(project);
    let seen = totalChanges(project);
    const timer = setInterval(
      () => {
        const now = totalChanges(project);
        if (now === seen || this.current !== project) return;
        seen = now;
        void this.backup(project);
      },
      (this.config.backupMinutes ?? DEFAULT_BACKUP_MINUTES) * 60_000,
    );
    timer.unref();
    this.backupTimer = timer;
  }

  /** Starts a backup of `project` after the one running (if any); failures are logged. */
  backup(project: Project): Promise<string | null> {
    this.backingUp = this.backingUp.then(() =>
      project.db.open
        ? backupProject(project.db, project.file).catch((err: unknown) => {
            log.warn(`backup of ${project.file} failed: ${err instanceof Error ? err.message : String(err)}`);
            return null;
          })
        : null,
    );
    return this.backingUp;
  }

  /** Waits for the backup that is running, if any. */
  backupsSettled(): Promise<unknown> {
    return this.backingUp;
  }

  /**
   * Replaces the open project's file with one of its backups (the current file is kept among
   * them first) and opens it again; windows then reload it as after File → Open.
   */
  restore(backup: string): { kept: string | null; backups: BackupInfo[] } {
    const project = this.current;
    if (!project) throw new AppError('NOT_FOUND', 'no project is open');
    if (!backupFiles(project.file).includes(backup)) {
      throw new AppError('FORBIDDEN', `${backup} is not one of this project's backups`);
    }
    const writing = this.options.jobs?.runner.list().some((j) => j.phase === 'running' || j.phase === 'waiting');
    if (writing)
      throw new AppError('BUSY', 'a job is running on this project: restore once it has finished or been cancelled');
    if (project.reader?.busy) throw new AppError('BUSY', 'the project is being read: restore once that has finished');
    const file = project.file;
    // The lock stays held across the swap: nobody else may open the file while it is replaced.
    const lock = this.lock;
    this.lock = null;
    this.stopBackups();
    project.close();
    this.current = null;
    let kept: string | null;
    try {
      kept = restoreProject(file, backup);
    } finally {
      // The file now is a backup: no new one of it on this open.
      this.open(file, { backupNow: false });
      lock?.release();
    }
    return { kept, backups: listBackups(file) };
  }

  private stopBackups(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
  }

  private closeCurrent(): void {
    this.stopBackups();
    this.current?.close();
    this.current = null;
    this.lock?.release();
    this.lock = null;
  }

  /** Creates a new empty project (default labels and guidelines); refuses to overwrite a file. */
  create(file: string): Project {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) {
      throw new AppError('CONFLICT', `${file} already exists: open it instead, or choose a new name`);
    }
    return this.open(file, { create: true });
  }

  /**
   * `sender` (a window) must have seen the project that is open now: after a switch, a window
   * is refused until it calls loadProject, which it does when it loads the new project. So an
   * edit queued in the window before the switch can never land in the other project.
   * Every method runs here, on the caller's thread (tests, and hosts that run no workers).
   */
  dispatch(method: unknown, input: unknown, sender?: number): Result<unknown> {
    if (isOwn(method)) return dispatch(this.own, method, input);
    if (this.opening) {
      const what = `${this.opening.state.projectPath} is being updated to this version of Spanwise`;
      return { ok: false, error: { code: 'BUSY', message: `${what}: try again once it is open` } };
    }
    return (
      this.failedOpen() ??
      this.refusedFor(method, sender) ??
      dispatch(this.current?.handlers ?? null, method, input, this.current?.file)
    );
  }

  /**
   * What the window's calls go through (Electron's IPC, the Chromium bridge): as dispatch, but
   * the methods the contract marks off-main go to the project's reader (a worker thread), so
   * the window's process is free meanwhile (until the reader has loaded, on the main thread as
   * before, so the window never waits for a worker to start; the window's first call starts it). A call that arrives while an off-main write runs
   * waits for it, so the window's calls still take effect in the order it made them.
   */
  serve(method: unknown, input: unknown, sender?: number): Result<unknown> | Promise<Result<unknown>> {
    if (isOwn(method)) return dispatch(this.own, method, input);
    // A project being updated: every other call once it is open.
    if (this.opening) return this.opening.done.then(() => this.serve(method, input, sender));
    const failed = this.failedOpen();
    if (failed) return failed;
    if (this.offMainWrite) {
      const after = this.offMainWrite.then(() => this.serve(method, input, sender));
      return after;
    }
    const refused = this.refusedFor(method, sender);
    if (refused) return refused;
    const project = this.current;
    const reader = project?.reader;
    // The window's first call starts the reader, so that it has loaded by the time the first
    // article asks for its suggestions (each article does, right after it is painted).
    reader?.warm();
    if (!project || !reader || !isOffMain(method)) {
      return dispatch(project?.handlers ?? null, method, input, project?.file);
    }
    // Until it has loaded, calls are served here as before.
    if (!reader.ready) return dispatch(project.handlers, method, input, project.file);
    try {
      project.beforeOffMain(method);
    } catch {
      // Served here instead, which meets the same trouble and answers it as the contract's error.
      return dispatch(project.handlers, method, input, project.file);
    }
    const answer = reader.call(method, input);
    if (contract[method].thread === 'write') {
      const settled = answer.then(() => {
        if (this.offMainWrite === settled) this.offMainWrite = null;
      });
      this.offMainWrite = settled;
    }
    return answer;
  }

  /** While no project is open because the last open failed: that failure, for every call. */
  private failedOpen(): Result<unknown> | null {
    if (this.current || !this.openFailure) return null;
    return { ok: false, error: this.openFailure };
  }

  /** The refusal of a call from a window that has not loaded the project open now (else null). */
  private refusedFor(method: unknown, sender: number | undefined): Result<unknown> | null {
    if (sender === undefined) return null;
    const seen = this.seenBy.get(sender) ?? this.generation;
    if (method === 'loadProject') this.seenBy.set(sender, this.generation);
    else if (seen !== this.generation) {
      return {
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'another project was opened: this change was meant for the previous project and was not saved',
        },
      };
    } else this.seenBy.set(sender, seen);
    return null;
  }

  /** The user dropped this file or folder on the window: the renderer may import it. */
  grantPath(p: string): void {
    this.options.jobs?.importGrants?.grant(p);
  }

  close(): void {
    this.opening = null;
    this.closeCurrent();
  }

  private remember(file: string): void {
    this.config.lastProject = file;
    this.config.recent = [file, ...this.config.recent.filter((f) => f !== file)].slice(0, RECENT_MAX);
    fs.mkdirSync(this.options.userDir, { recursive: true });
    fs.writeFileSync(this.configPath(), JSON.stringify(this.config, null, 2));
  }

  private configPath(): string {
    return path.join(this.options.userDir, 'config.json');
  }

  private readConfig(): Config {
    try {
      return Config.parse(JSON.parse(fs.readFileSync(this.configPath(), 'utf8')));
    } catch {
      return Config.parse({});
    }
  }
}

function isOwn(method: unknown): method is WorkspaceMethods {
  return method === 'getOpening';
}

function isOffMain(method: unknown): method is OffMainMethod {
  return (OFF_MAIN_METHODS as readonly unknown[]).includes(method);
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Rows changed through this connection since it opened (SQLite's total_changes()). */
function totalChanges(project: Project): number {
  return project.db.prepare('SELECT total_changes()').pluck().get() as number;
}
