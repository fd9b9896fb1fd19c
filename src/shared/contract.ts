// The one contract: every backend method is named here once, with the zod schema that main
// parses its input with and the type it returns. Preload, main/ipc.ts, the renderer's
// window.api type and the e2e test host are all derived from this object.
import { z } from 'zod';
import type {
  Annotator,
  Article,
  ArticleRead,
  BackupInfo,
  ArticleListItem,
  ArticleStatus,
  Label,
  Progress,
  Session,
  Span,
} from './model';
import { ARTICLE_STATUSES } from './model';
import type { Result } from './result';
import type { JobEvent, JobState } from './jobs';
import type { OpeningState } from './opening';
import {
  OCCURRENCE_SCOPES,
  SUGGESTION_ID,
  SUGGESTION_ID_SHAPE,
  type Occurrences,
  type SearchHits,
  type SearchResults,
  type SpanBatch,
  type SuggestionList,
} from './across';
import { exportOptions, importOptions, labelName, personName } from './options';
import type { PackedSpans } from './packed-spans';
import {
  QUEUE_FILTERS,
  type Decision,
  type PairConflicts,
  type Policy,
  type ReviewArticleData,
  type ReviewProgress,
  type ReviewQueue,
} from './review';

/**
 * Where a method runs in the app. By default on the process that serves the window (Electron
 * main); `read`: on the reader, a connection in a worker thread, because at scale it takes
 * longer than a frame and would hold every other call and the menus meanwhile; `write`: there
 * too, as one write transaction on that connection. The CLI runs every method in its own process.
 */
export type Thread = 'main' | 'read' | 'write';

interface MethodDef<I extends z.ZodType, O, T extends Thread = Thread> {
  input: I;
  thread: T;
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
}
const method =
  <O>() =>
  <I extends z.ZodType, T extends Thread = 'main'>(input: I, thread?: T): MethodDef<I, O, T> => ({
    input,
    thread: thread ?? ('main' as T),
  });

const id = z.number().int().positive();
const offset = z.number().int().nonnegative();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');
const hotkey = z
  .string()
  .regex(/^[0-9a-z]$/, 'hotkey must be one digit or lower-case letter')
  .nullable();
const status = z.enum(ARTICLE_STATUSES);
const empty = z.object({}).strict();
/** Span ids are stored lower-case, so one span never has two spellings. */
const spanId = z.uuid().toLowerCase();
/** A conflict cluster's id: 20 hex digits of a hash over the article and its member spans. */
const clusterId = z.string().regex(/^[0-9a-f]{20}$/, 'cluster id must be 20 hex digits');
const decideAction = z.union([
  /** Take this annotator's version (display name or uid). */
  z.object({ take: z.string().min(1) }).strict(),
  /** Take the version with this span id. */
  z.object({ accept: spanId }).strict(),
  /** "No span here", recorded as a decision. */
  z.object({ reject: z.literal(true) }).strict(),
  /** A gold span drawn by hand (UTF-16 offsets). */
  z
    .object({ edit: z.object({ start: offset, end: offset, labelId: id }).strict() })
    .strict()
    .refine((a) => a.edit.end > a.edit.start, { message: 'end must be greater than start', path: ['edit', 'end'] }),
]);

const suggestionIds = z
  .array(z.string().regex(SUGGESTION_ID, `a suggestion id is ${SUGGESTION_ID_SHAPE}`))
  .min(1, 'name at least one suggestion')
  .max(100_000);
/** Suggestions by id, or every one offered in an article. */
const suggestionSelection = z
  .object({
    ids: suggestionIds.optional(),
    articleId: id.optional(),
  })
  .strict()
  .refine((s) => (s.ids === undefined) !== (s.articleId === undefined), {
    message: 'give suggestion ids or an article, not both',
    path: ['ids'],
  });
const occurrenceQuery = z
  .object({
    articleId: id,
    start: offset,
    end: offset,
    labelId: id,
    scope: z.enum(OCCURRENCE_SCOPES).default('article'),
    caseSensitive: z.boolean().default(true),
  })
  .strict()
  .refine((q) => q.end > q.start, { message: 'end must be greater than start', path: ['end'] });
const batchId = z.object({ batch: id }).strict();
const searchQuery = z.string().max(1000, 'the query is longer than 1,000 characters');
const searchHitsQuery = z.object({ query: searchQuery, labelId: id }).strict();

export const contract = {
  getSession: method<Session>()(empty),
  /**
   * A window loads the open project: its session, and from then on the window's calls reach that
   * project. After another project is opened, a window's calls are refused until it loads it.
   */
  loadProject: method<Session>()(empty),
  /**
   * While a project an older Spanwise wrote is being brought to this schema: how far it has come
   * (answered at once; the window's other calls wait for the open). Null once it is open.
   */
  getOpening: method<OpeningState | null>()(empty),
  setAnnotator: method<Session>()(z.object({ name: personName }).strict()),
  listAnnotators: method<Annotator[]>()(empty),

  listLabels: method<Label[]>()(empty),
  createLabel: method<Label>()(
    z
      .object({
        name: labelName,
        color: color.optional(),
        hotkey: hotkey.optional(),
        description: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  updateLabel: method<Label>()(
    z
      .object({
        id,
        name: labelName.optional(),
        color: color.optional(),
        hotkey: hotkey.optional(),
        description: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  getGuidelines: method<string>()(empty),

  /**
   * Rows `at`… of the person's list (whole or one status), in id order, and the list's total.
   * `after` (the row at `at - 1`) or `before` (the row at `at + limit`), when the caller has
   * one, reads the page on from that row; without, the page is found by its index directly.
   * On the reader: a page under a label filter counts its total through the label index, tens
   * to hundreds of milliseconds at 100,000 articles.
   */
  listArticles: method<{ total: number; items: ArticleListItem[] }>()(
    z
      .object({
        status: z.enum([...ARTICLE_STATUSES, 'all']).default('all'),
        /** Only articles whose title contains this text (case-insensitively); empty: all. */
        titleQuery: z.string().trim().max(200).optional(),
        /** Only articles whose title or text matches this full-text query (as search reads it). */
        textQuery: z.string().trim().max(1000, 'the query is longer than 1,000 characters').optional(),
        /** Only articles where the current person has a span of this label. */
        withLabel: id.optional(),
        /** Only articles where the current person has no span of this label. */
        withoutLabel: id.optional(),
        at: offset.default(0),
        after: id.optional(),
        before: id.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict()
      .refine((q) => q.after === undefined || q.before === undefined, {
        message: 'give the row before the page or the row after it, not both',
        path: ['before'],
      }),
    'read',
  ),
  getProgress: method<Progress>()(empty),
  getArticle: method<Article>()(z.object({ id }).strict()),
  /** The next article after `afterId` in list order (wrapping), optionally only undone ones. */
  nextArticle: method<{ id: number } | null>()(
    z
      .object({
        afterId: id.nullable(),
        undoneOnly: z.boolean().default(false),
        direction: z.union([z.literal(1), z.literal(-1)]).default(1),
      })
      .strict(),
  ),
  /** Sets the article's status for the current annotator; a flag carries a note (why). */
  setStatus: method<{ status: ArticleStatus; progress: Progress }>()(
    z.object({ articleId: id, status, note: z.string().trim().max(2000).optional() }).strict(),
  ),

  listSpans: method<Span[]>()(z.object({ articleId: id }).strict()),
  /**
   * What the window opens: the article and the current person's spans on it in one answer, the
   * spans packed (shared/packed-spans.ts), the text left out when `textHash` names it (the
   * window holds it from an earlier open).
   */
  readArticle: method<ArticleRead>()(z.object({ id, textHash: z.string().min(1).max(200).optional() }).strict()),
  /** The current person's spans on an article, packed: a re-read that needs no text. */
  readSpans: method<PackedSpans>()(z.object({ articleId: id }).strict()),
  createSpan: method<Span>()(
    z
      .object({
        id: spanId.optional(),
        articleId: id,
        labelId: id,
        start: offset,
        end: offset,
      })
      .strict()
      .refine((s) => s.end > s.start, { message: 'end must be greater than start', path: ['end'] }),
  ),
  updateSpan: method<Span>()(
    z.object({ id: spanId, labelId: id.optional(), start: offset.optional(), end: offset.optional() }).strict(),
  ),
  deleteSpan: method<Span>()(z.object({ id: spanId }).strict()),
  /** Undo of a delete: brings a tombstoned span back with its id. */
  restoreSpan: method<Span>()(z.object({ id: spanId }).strict()),

  // Across the article set (docs/across.md): search, suggestions, every occurrence, bulk undo.
  /** Full-text search: words, "phrases" and prefix* (every term must appear), best first. */
  search: method<SearchResults>()(
    z
      .object({
        query: searchQuery,
        limit: z.number().int().min(1).max(500).default(20),
        offset: offset.default(0),
      })
      .strict(),
    'read',
  ),
  /** Every hit of a search across the set still to label with a label, for a preview. */
  findSearchHits: method<SearchHits>()(searchHitsQuery, 'read'),
  /** Labels every hit findSearchHits lists, one batch (one undo). */
  labelSearchHits: method<SpanBatch & SearchHits>()(searchHitsQuery),
  /** Suggestions for the current person: in one article (with its cluster), or the whole set. */
  listSuggestions: method<SuggestionList>()(
    z
      .object({
        articleId: id.optional(),
        /** At most this many of the article's (all when absent), those nearest `near`. */
        limit: z.number().int().positive().optional(),
        /** Where the person is in the article: a text offset. */
        near: offset.optional(),
      })
      .strict(),
    'read',
  ),
  /** Writes suggestions as the current person's spans, one batch (one undo). */
  acceptSuggestions: method<SpanBatch>()(suggestionSelection),
  /** Dismissed suggestions are remembered and not offered again; the ids dismissed come back (for an undo). */
  dismissSuggestions: method<{ dismissed: number; ids: string[] }>()(suggestionSelection),
  /** Forgets dismissals (an undone dismissal): those suggestions are offered again. */
  undismissSuggestions: method<{ forgotten: number }>()(
    z
      .object({
        ids: suggestionIds,
      })
      .strict(),
  ),
  /** The other occurrences of a span's text (this article or the whole set), for a preview. */
  findOccurrences: method<Occurrences>()(occurrenceQuery, 'read'),
  /** Labels every occurrence findOccurrences lists, one batch (one undo). */
  labelOccurrences: method<SpanBatch & Occurrences>()(occurrenceQuery),
  /** Undo of a batch: tombstones its spans that are still live. */
  undoSpanBatch: method<Span[]>()(batchId),
  /** Redo of a batch: brings its tombstoned spans back. */
  redoSpanBatch: method<Span[]>()(batchId),

  // Review: the reviewer's role, the queue, one article's layers and clusters, decisions.
  /** The current person's role: a reviewer sees every layer and the gold layer (View → Review mode). */
  setRole: method<Session>()(z.object({ role: z.enum(['annotator', 'reviewer']) }).strict()),
  reviewQueue: method<ReviewQueue>()(z.object({ filter: z.enum(QUEUE_FILTERS).default('all') }).strict(), 'read'),
  reviewArticle: method<ReviewArticleData>()(z.object({ articleId: id }).strict()),
  /** Records a decision on one cluster as the current person; returns the article as it now is. */
  decide: method<ReviewArticleData>()(z.object({ articleId: id, clusterId, action: decideAction }).strict()),
  /** Takes back the current person's last decision (a policy run at once). */
  undoDecision: method<{ undone: Decision[]; article: ReviewArticleData | null }>()(empty, 'write'),
  setAdjudicated: method<{ articleId: number; adjudicated: boolean; progress: ReviewProgress }>()(
    z.object({ articleId: id, adjudicated: z.boolean() }).strict(),
  ),
  getPolicy: method<Policy>()(empty),
  setPolicy: method<Policy>()(z.object({ unanimous: z.boolean(), majority: z.boolean() }).strict()),
  /** The clusters where two annotators differ (on one label, or any): a cell of the agreement matrix. */
  pairConflicts: method<PairConflicts>()(
    z
      .object({
        a: personName,
        b: personName,
        label: labelName.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    'read',
  ),

  // Import and export: jobs run in a worker; progress arrives as { type: 'job' } events.
  /** Imports files/folders (paths from a drop or File → Import…) into the open project. */
  startImport: method<JobState>()(
    importOptions.extend({ paths: z.array(z.string().min(1)).min(1, 'nothing to import').max(10_000) }).strict(),
  ),
  /** Exports the open project; without `out`, main asks for the destination (save dialog). */
  startExport: method<JobState>()(exportOptions.extend({ out: z.string().min(1).optional() }).strict()),
  /** Agreement between annotators over the articles they marked done, computed in a worker. */
  /** The merge policy over the whole set as the current person, off the main thread (one undo). */
  startPolicy: method<JobState>()(empty),
  /** The disagreements report (one row per conflict cluster; .jsonl or .csv); without `out`, main asks where. */
  startDisagreements: method<JobState>()(z.object({ out: z.string().min(1).optional() }).strict()),
  startAgreement: method<JobState>()(
    z.object({ labels: z.array(labelName).min(1, 'name at least one label').max(1000).optional() }).strict(),
  ),
  // Work packs (docs/packs.md): jobs like imports; paths follow the import's trust rules.
  /** Merges work packs in one transaction (a refused pack: nothing merged). */
  startMerge: method<JobState>()(
    z.object({ paths: z.array(z.string().min(1)).min(1, 'no packs to merge').max(1000) }).strict(),
  ),
  /** Writes an assignment pack per annotator; without `out`, main asks for the folder. */
  startAssign: method<JobState>()(
    z
      .object({
        annotators: z.array(personName).min(1, 'name at least one annotator').max(1000),
        /** Each article to this many annotators (default 1). */
        overlap: z.number().int('overlap is a whole number').min(1, 'overlap is at least 1').optional(),
        /** Instead: this share of the articles to two annotators, the rest to one. */
        double: z.number().min(0, 'the share is between 0 and 1').max(1, 'the share is between 0 and 1').optional(),
        seed: z.number().int('the seed is a whole number').optional(),
        out: z.string().min(1).optional(),
      })
      .strict()
      .refine((a) => a.overlap === undefined || a.double === undefined, {
        message: 'give an overlap or a double-annotation share, not both',
        path: ['double'],
      }),
  ),
  /** The current annotator's work pack; without `out`, main asks where (suggesting <name>.swpack). */
  startWorkPack: method<JobState>()(z.object({ out: z.string().min(1).optional() }).strict()),
  /**
   * Opens an assignment pack: makes or updates that annotator's project (`project`, or by
   * default <user folder>/<name>.spanwise, which Electron offers in a save dialog), then
   * switches the app to it.
   */
  openWorkPack: method<JobState>()(
    z.object({ path: z.string().min(1), project: z.string().min(1).optional() }).strict(),
  ),
  /** Dropped or chosen packs, by their header: an assignment pack is opened, work packs merged. */
  openPacks: method<JobState[]>()(
    z.object({ paths: z.array(z.string().min(1)).min(1, 'no packs given').max(1000) }).strict(),
  ),
  /** The folder whose new work packs are merged while the project is open (null: none). */
  getInbox: method<{ folder: string | null }>()(empty),
  setInbox: method<{ folder: string | null }>()(z.object({ folder: z.string().trim().min(1).nullable() }).strict()),
  /**
   * Opens another project file the user chose in the window (a granted path, as for imports);
   * the window then receives projectChanged and loads it.
   */
  openProject: method<{ projectPath: string }>()(z.object({ path: z.string().min(1) }).strict()),
  /** Cancels a job: an import rolls back (the project is unchanged), an export leaves no file. */
  // Backups (docs/architecture.md#backups): the project's own, beside its file.
  /** The open project's backups, newest first, with what each holds. */
  listBackups: method<BackupInfo[]>()(empty),
  /**
   * Replaces the open project with one of its backups (a path listBackups gave), keeping the
   * current file among the backups first; the window then loads the project again.
   */
  restoreBackup: method<{ kept: string | null; backups: BackupInfo[] }>()(
    z.object({ path: z.string().min(1) }).strict(),
  ),
  cancelJob: method<JobState>()(z.object({ id: spanId }).strict()),
  listJobs: method<JobState[]>()(empty),
};

export type Contract = typeof contract;
export type Method = keyof Contract;
export const METHODS = Object.keys(contract) as Method[];
/** The methods the app runs on the reader's worker thread (see Thread). */
export type OffMainMethod = { [M in Method]: Contract[M]['thread'] extends 'main' ? never : M }[Method];
export const OFF_MAIN_METHODS = METHODS.filter((m): m is OffMainMethod => contract[m].thread !== 'main');

/** What a caller passes (defaults may be omitted). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What the backend receives after parsing. */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

type Args<M extends Method> = Record<never, never> extends Input<M> ? [input?: Input<M>] : [input: Input<M>];

/** The backend as main implements it: synchronous, throws AppError on failure. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> };

/** Events main sends to the renderer (menu commands, project switches, job progress). */
export const MENU_COMMANDS = [
  'undo',
  'redo',
  'markDone',
  'nextArticle',
  'prevArticle',
  'toggleSnap',
  'toggleSidePanel',
  'openSettings',
  'showShortcuts',
  'find',
  'searchAll',
  'showAgreement',
  'toggleReviewMode',
  'assignWork',
  'exportWork',
  'workPacks',
  'restoreBackup',
  'openProject',
  'importFiles',
  'exportProject',
  'skipArticle',
  'flagArticle',
  'reopenArticle',
  'labelOccurrences',
  'nextSuggestion',
  'prevSuggestion',
  'acceptAllSuggestions',
  'dismissAllSuggestions',
  'showCopies',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export type AppEvent =
  | { type: 'projectChanged' }
  | { type: 'menu'; command: MenuCommand }
  /** A project being opened is being updated: how far it has come (see getOpening). */
  | { type: 'opening'; opening: OpeningState }
  | JobEvent;

/** window.api: one async function per method (errors as data), plus the event subscription. */
export type Api = { [M in Method]: (...args: Args<M>) => Promise<Result<Output<M>>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * The file-system path of a File the user dropped or chose ('' when unknown); main may then
   * import it. Electron: webUtils.getPathForFile; the Chromium window: the DevTools protocol.
   */
  pathForFile(file: File): Promise<string>;
  /** Which host runs the window: the Electron app, or a Chromium window where Electron cannot be had. */
  readonly host: 'electron' | 'chromium';
};

export const IPC_CHANNEL = 'spanwise';
export const EVENT_CHANNEL = 'spanwise:event';
