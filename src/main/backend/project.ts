import fs from 'node:fs';
import path from 'node:path';
import type { Handlers, Output } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { currentAnnotatorId, ensureAnnotator, listAnnotators, setCurrentAnnotator } from './annotators';
import { listArticles } from './article-list';
import { getArticle, nextArticle, readArticle } from './articles';
import { writeTransaction } from './db/handles';
import { openDb, type Connection } from './db/open';
import { createLabel, listLabels, updateLabel } from './labels';
import { log } from './log';
import { seedDemoArticles, seedProject } from './seed';
import { getSetting } from './settings';
import { sessionOf } from './session';
import { listBackups } from './backups/backup';
import { createSpan, deleteSpan, listSpans, readSpans, restoreSpan, updateSpan } from './spans';
import { getProgress, setStatus } from './status';
import { jobHandlers, type JobsHost } from './jobs/handlers';
import { openProjectHandler } from './jobs/open-project';
import { packHandlers, type PackMethods } from './jobs/pack-handlers';
import { Reader } from './reader/reader';
import { reviewHandlers } from './review/handlers';
import { acrossHandlers } from './across/handlers';
import { INDEX_ON_THE_SPOT, indexSource, prepareIndex } from './across/index-access';
import type { IndexSource } from './across/suggestions';
import type { OffMainMethod } from '../../shared/contract';
import { indexBehind, indexState } from './across/index-store';
import { indexBuilding, startIndexBuild } from './jobs/sentence-index';

export interface OpenOptions {
  /** Where guidelines.md and the demo articles live. */
  resourcesDir: string;
  /** Seed the demo article set into a newly created file. */
  demo?: boolean;
  /** Runs the project's import and export jobs (none: the job methods are refused). */
  jobs?: JobsHost | undefined;
  /** A new project is being made (init, New Project): an empty file may become one. */
  create?: boolean;
  /** Restores one of the project's backups over it (the app's workspace; none: refused). */
  restore?: ((backup: string) => Output<'restoreBackup'>) | undefined;
}

/** Answered by the workspace whatever is open: a project being opened is not open yet. */
export type WorkspaceMethods = 'getOpening';

/** One open project file, and the handlers that serve the contract over it. */
export class Project {
  readonly handlers: Omit<Handlers, WorkspaceMethods>;
  /** Stops what runs while the project is open (the inbox watcher). */
  private readonly stopWatching: () => Promise<void>;
  /**
   * Where the app runs the contract's off-main methods (a worker thread with its own
   * connection); null where the host runs no workers (the CLI) or the file is read-only.
   */
  readonly reader: Reader | null;
  /** The sentence index for suggestions, kept up to date by this connection (or its background build). */
  private readonly index: IndexSource;

  private constructor(
    readonly file: string,
    readonly db: Connection,
    /** The file cannot be written: it was opened for reading only. */
    readonly readonly: boolean,
    options: OpenOptions,
  ) {
    const packs = packHandlers(file, db, options.jobs);
    this.stopWatching = packs.close;
    const jobs = options.jobs;
    this.index = indexSource(db, {
      readonly,
      background: jobs ? () => startIndexBuild(jobs.runner, file) : undefined,
      building: jobs ? () => indexBuilding(jobs.runner, file) : undefined,
    });
    this.handlers = { ...createHandlers(this, options, this.index), ...packs.handlers };
    const runner = options.jobs?.runner;
    this.reader = runner && !readonly ? new Reader(file, (input) => runner.spawn(input)) : null;
    // A project with many articles not yet in the sentence index builds it in the background.
    if (options.jobs && !readonly && indexBehind(db) && indexState(db).dirty > INDEX_ON_THE_SPOT) {
      startIndexBuild(options.jobs.runner, file);
    }
  }

  static open(file: string, options: OpenOptions): Project {
    const { db, created, readonly } = openDb(file, { create: options.create ?? false });
    log.info(`project opened: ${path.resolve(file)}${created ? ' (new)' : ''}`);
    if (created) {
      try {
        seedProject(db, options.resourcesDir);
        if (options.demo) seedDemoArticles(db, options.resourcesDir);
      } catch (err) {
        // A new file that could not be seeded is removed, so that the next open starts afresh
        // instead of finding a half-made project that is never seeded again.
        db.close();
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
        throw err;
      }
    }
    return new Project(path.resolve(file), db, readonly, options);
  }

  /**
   * What must happen here before the reader serves `method`: the sentence index is written only
   * on this connection (or by its build job), so suggestions bring it up to date first (a few
   * articles on the spot, or the background build started); nothing when it is, one row read.
   */
  beforeOffMain(method: OffMainMethod): void {
    if (method === 'listSuggestions') prepareIndex(this.db, this.index);
  }

  get annotatorId(): number | null {
    return currentAnnotatorId(this.db);
  }

  /** The current annotator's id, or NO_ANNOTATOR when nobody has said who they are yet. */
  requireAnnotator(): number {
    const id = this.annotatorId;
    if (id === null) throw new AppError('NO_ANNOTATOR', 'no annotator is set for this project: set a name first');
    return id;
  }

  setAnnotator(name: string): void {
    writeTransaction(this.db, (w) => {
      const annotator = ensureAnnotator(w, name);
      setCurrentAnnotator(w, annotator.id);
    });
  }

  close(): void {
    void this.stopWatching();
    void this.reader?.close();
    if (this.db.open) this.db.close();
  }
}

function createHandlers(
  p: Project,
  options: OpenOptions,
  index: IndexSource,
): Omit<Handlers, PackMethods | WorkspaceMethods> {
  const { jobs, restore } = options;
  const db = p.db;
  const me = () => p.requireAnnotator();
  const session = () => sessionOf(db, p.file, p.readonly);
  return {
    getSession: () => session(),
    loadProject: () => session(),
    setAnnotator: ({ name }) => {
      p.setAnnotator(name);
      return session();
    },
    listAnnotators: () => listAnnotators(db),
    listLabels: () => listLabels(db),
    createLabel: (input) => createLabel(db, input),
    updateLabel: (input) => updateLabel(db, input),
    getGuidelines: () => getSetting(db, 'guidelines') ?? '',
    listArticles: (q) => listArticles(db, me(), q),
    getProgress: () => getProgress(db, me()),
    getArticle: ({ id }) => getArticle(db, me(), id),
    nextArticle: ({ afterId, undoneOnly, direction }) => nextArticle(db, me(), afterId, undoneOnly, direction),
    setStatus: ({ articleId, status, note }) => {
      const annotator = me();
      if (note && status !== 'flagged') throw new AppError('BAD_INPUT', 'only a flagged article carries a note');
      writeTransaction(db, (w) => {
        getArticle(w, annotator, articleId);
        setStatus(w, annotator, articleId, status, note);
      });
      return { status, progress: getProgress(db, annotator) };
    },
    listSpans: ({ articleId }) => listSpans(db, me(), articleId),
    readArticle: ({ id, textHash }) => {
      const annotator = me();
      return { ...readArticle(db, annotator, id, textHash), spans: readSpans(db, annotator, id) };
    },
    readSpans: ({ articleId }) => readSpans(db, me(), articleId),
    createSpan: (input) => createSpan(db, me(), input),
    updateSpan: (input) => updateSpan(db, me(), input),
    deleteSpan: ({ id }) => deleteSpan(db, me(), id),
    restoreSpan: ({ id }) => restoreSpan(db, me(), id),
    listBackups: () => listBackups(p.file),
    restoreBackup: ({ path: backup }) => {
      if (!restore) throw new AppError('FORBIDDEN', 'backups are restored in the app, or with spanwise restore');
      return restore(backup);
    },
    ...reviewHandlers(db, me, session),
    ...acrossHandlers(db, me, index),
    ...jobHandlers(p.file, db, jobs),
    ...openProjectHandler(jobs),
  };
}
