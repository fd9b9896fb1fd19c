// Import/export vocabulary shared by the backend, the CLI, the job runner and the renderer:
// format names, option shapes, summaries and the job states that travel as AppEvents.
import type { OffsetUnit } from './offsets';
import type { ApiErrorData } from './result';
import type { AssignmentSummary, MergeJobSummary, OpenWorkPackSummary, WorkPackSummary } from './packs';
import type { AgreementReport, PolicyRun } from './review';

export const IMPORT_FORMATS = [
  'auto',
  'txt',
  'jsonl',
  'spans',
  'doccano',
  'label-studio',
  'label-studio-min',
  'prodigy',
  'conll',
  'bio',
  'brat',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ConcreteImportFormat = Exclude<ImportFormat, 'auto'>;

export const EXPORT_FORMATS = ['spans', 'doccano', 'label-studio', 'bio', 'conll', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is called where people choose one (the app's import and export sheets). */
export const IMPORT_FORMAT_NAMES: Record<ImportFormat, string> = {
  auto: 'Detect automatically',
  txt: 'Plain text (one article per file)',
  jsonl: 'JSONL articles',
  spans: 'Spanwise export (spans JSONL)',
  doccano: 'doccano JSONL',
  'label-studio': 'Label Studio JSON',
  'label-studio-min': 'Label Studio JSON-MIN',
  prodigy: 'Prodigy JSONL',
  conll: 'CoNLL / IOB columns (CoNLL-2003, CoNLL-U)',
  bio: 'Hugging Face token classification (tokens + ner_tags)',
  brat: 'brat standoff (.txt + .ann)',
};

export const EXPORT_FORMAT_NAMES: Record<ExportFormat, string> = {
  spans: 'Spanwise spans JSONL',
  doccano: 'doccano JSONL',
  'label-studio': 'Label Studio JSON',
  bio: 'Hugging Face token classification (BIO JSONL)',
  conll: 'CoNLL-2003',
  brat: 'brat standoff (a folder of .txt + .ann)',
};

export const OFFSET_UNITS = ['codepoint', 'utf16'] as const;

/**
 * Preload → main (ipcRenderer.send): the path of a file the user dropped on the window, which
 * the renderer may then import. Main otherwise reads only what its own open dialog returned.
 */
export const GRANT_PATH_CHANNEL = 'spanwise:grant-path';

export type { ExportOptions, ImportOptions } from './options';

/** How the offsets of one imported file were read. */
export interface UnitReport {
  unit: OffsetUnit | null;
  /** One sentence for people: which unit, and how Spanwise knows. */
  statement: string;
}

export interface ImportFileReport {
  path: string;
  format: ConcreteImportFormat;
  records: number;
  articlesAdded: number;
  articlesExisting: number;
  spansAdded: number;
  units: UnitReport;
  /** Things that were read but not carried (relations, predictions, rejected answers…). */
  notes: string[];
}

export interface ImportSummary {
  files: ImportFileReport[];
  /** Files inside imported folders whose format is none of ours (named, never silently). */
  skippedFiles: { path: string; why: string }[];
  articlesAdded: number;
  articlesExisting: number;
  articlesSkipped: number;
  spansAdded: number;
  spansDuplicate: number;
  labelsCreated: string[];
  /** Each layer written, and where its name came from (the file, or --as). */
  layers: { name: string; created: boolean; spans: number; articles: number; from: string }[];
  statusSet: number;
  elapsedMs: number;
}

/** Spans a format could not carry, and spans it wrote differently, by label and reason. */
export interface LossReport {
  total: number;
  dropped: number;
  byLabel: { label: string; reason: string; count: number }[];
  /** Spans written, but not exactly as they are (trimmed, relabelled). */
  changed: number;
  changes: { label: string; reason: string; count: number }[];
}

export interface ExportFileReport {
  path: string;
  split: string | null;
  articles: number;
  lines: number;
  spans: number;
  bytes: number;
}

export interface ExportSummary {
  format: ExportFormat;
  layer: string;
  offsets: OffsetUnit;
  files: ExportFileReport[];
  articles: number;
  lines: number;
  spans: number;
  bytes: number;
  loss: LossReport | null;
  /** Near-duplicate groups kept together by --split. */
  groups: { count: number; largest: number; grouped: number } | null;
  elapsedMs: number;
}

export type JobKind =
  | 'import'
  | 'export'
  | 'agreement'
  | 'disagreements'
  | 'policy'
  | 'merge'
  | 'assign'
  | 'pack'
  | 'open-pack'
  | 'sentence-index';
/** Jobs that write to their project: one at a time per project file (one writer). */
export const WRITING_JOBS: readonly JobKind[] = ['import', 'merge', 'policy', 'assign', 'open-pack', 'sentence-index'];
export type JobPhase = 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number;
  /** What done/total count. */
  unit: 'bytes' | 'articles' | 'spans' | 'packs';
  message: string;
}

export interface JobState {
  id: string;
  kind: JobKind;
  phase: JobPhase;
  title: string;
  /** The project file the job reads or writes (absolute path). */
  projectFile: string;
  progress: JobProgress;
  /** Human summary (the same text the CLI prints) once done. */
  report?: string | undefined;
  importSummary?: ImportSummary | undefined;
  exportSummary?: ExportSummary | undefined;
  /** An agreement job's report (what `spanwise agreement --json` prints). */
  agreement?: AgreementReport | undefined;
  /** A merge policy run: what it decided, counted. */
  policyRun?: PolicyRun | undefined;
  /** A merge job's packs: merged (per pack added/updated/deleted/unchanged…), skipped, refused. */
  merge?: MergeJobSummary | undefined;
  /** An assign job's packs, one per annotator. */
  assignment?: AssignmentSummary | undefined;
  /** An "export my work" job's pack. */
  workPack?: WorkPackSummary | undefined;
  /** An opened assignment pack: the project it made or updated (the app then switches to it). */
  openPack?: OpenWorkPackSummary | undefined;
  error?: ApiErrorData | undefined;
  startedAt: string;
  endedAt?: string | undefined;
}

/** What a finished job carries besides its phase: the fields a worker's result fills. */
export type JobResult = Pick<
  JobState,
  | 'report'
  | 'importSummary'
  | 'exportSummary'
  | 'agreement'
  | 'policyRun'
  | 'merge'
  | 'assignment'
  | 'workPack'
  | 'openPack'
>;

/** Events about jobs that main sends to the renderer. */
export type JobEvent =
  | { type: 'job'; job: JobState }
  /** File → Import… chose these paths: the renderer asks for the options, then calls startImport. */
  | { type: 'importRequest'; paths: string[] }
  /** File → Export…: the renderer shows the export options, then calls startExport. */
  | { type: 'exportRequest' }
  /** File → Open work pack…/Import work… chose these packs: assignment packs open, work packs merge. */
  | { type: 'packsRequest'; paths: string[] }
  /** File → Inbox folder… chose this folder: the renderer shows it to confirm (setInbox). */
  | { type: 'inboxRequest'; folder: string };
