// Import: files and folders in, articles and pre-annotations into the project. One
// transaction for the whole import: any bad record and nothing is written; the error names
// `file:line` and what is wrong. Shared by the CLI, the app's job worker and the tests.
import fs from 'node:fs';
import path from 'node:path';
import type {
  ConcreteImportFormat,
  ImportFileReport,
  ImportOptions,
  ImportSummary,
  JobProgress,
} from '../../../shared/jobs';
import type { OffsetUnit } from '../../../shared/offsets';
import { writeTransaction, type WriteDb } from '../db/handles';
import type { Connection } from '../db/open';
import { detectFormat, expandPaths, refuseProse, UnknownFormat } from './detect';
import { Cancelled, ImportError, RecordError } from './errors';
import { bioFormat } from './formats/bio';
import { bratReader } from './formats/brat';
import {
  Notes,
  sameApartFromWhiteSpace,
  type ArticleReader,
  type FormatParser,
  type ParseOptions,
  type ParsedArticle,
  type ReadArticle,
} from './formats/common';
import { conllReader } from './formats/conll';
import { doccanoFormat } from './formats/doccano';
import { jsonlFormat, spansFormat } from './formats/jsonl';
import { labelStudioFormat } from './formats/labelstudio';
import { labelStudioMinFormat } from './formats/labelstudio-min';
import { prodigyFormat } from './formats/prodigy';
import { readJsonRecords, type JsonReadStats } from './json';
import { LayerNamer, parseAs } from './layers';
import { readTextFile } from './read';
import { UnitResolver, UnitRestart } from './units';
import { refuseNonText, refuseNonTextArticle } from './verbatim';
import { ImportWriter, titleOf, type CheckedLayer } from './writer';

export { ImportError } from './errors';

const IMPORT_CACHE_KIB = 64 * 1024;

/** Formats of JSON records (one per line, pretty-printed, or in an array). */
const PARSERS: Record<
  'jsonl' | 'spans' | 'doccano' | 'label-studio' | 'label-studio-min' | 'prodigy' | 'bio',
  FormatParser
> = {
  jsonl: jsonlFormat,
  spans: spansFormat,
  doccano: doccanoFormat,
  'label-studio': labelStudioFormat,
  'label-studio-min': labelStudioMinFormat,
  prodigy: prodigyFormat,
  bio: bioFormat,
};

/** Formats that read their files themselves (columns, standoff pairs). */
const READERS: Record<'conll' | 'brat', ArticleReader> = { conll: conllReader, brat: bratReader };

export interface JobHooks {
  /** Progress (throttled by the caller or not: called at most every 256 records and per file). */
  onProgress?: ((progress: JobProgress) => void) | undefined;
  /** Polled often; returning true rolls the import back and throws Cancelled. */
  shouldCancel?: (() => boolean) | undefined;
}

class Progress {
  private ticks = 0;
  private base = 0;
  constructor(
    private readonly total: number,
    private readonly hooks: JobHooks,
  ) {}
  startFile(bytesBefore: number): void {
    this.base = bytesBefore;
  }
  /** Called per record: checks for cancel and reports every 256 records. */
  tick(bytesInFile: number, message: string, force = false): void {
    if (!force && ++this.ticks % 256 !== 0) return;
    if (this.hooks.shouldCancel?.()) throw new Cancelled();
    this.hooks.onProgress?.({ done: this.base + bytesInFile, total: this.total, unit: 'bytes', message });
  }
}

function relativeSource(file: string, root: string | null): string {
  return root ? path.relative(root, file).split(path.sep).join('/') : path.basename(file);
}

interface FileRun {
  file: string;
  source: string;
  format: ConcreteImportFormat;
  notes: Notes;
  records: number;
  /** Records deliberately not imported (empty, rejected answers), each also noted. */
  skipped: number;
  unitReport: ImportFileReport['units'];
}

function importTxt(writer: ImportWriter, run: FileRun): void {
  const text = readTextFile(run.file);
  run.records = 1;
  if (text.trim().length === 0) {
    run.notes.add('empty text file skipped');
    run.skipped++;
    return;
  }
  try {
    refuseNonText(text, 'the text', lineAt(text, text.indexOf('\0')));
  } catch (err) {
    if (err instanceof RecordError) throw new ImportError(run.file, err.line ?? 1, err.message);
    throw err;
  }
  writer.write({ text, title: titleOf(text), source: run.source, meta: {}, layers: [] }, run.source);
}

/** The 1-based line of a UTF-16 offset in a text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A JSON format as an article source: each record parsed, skipped records counted. */
function* jsonArticles(
  run: FileRun,
  parser: FormatParser,
  stats: JsonReadStats,
  onBytes: (b: number) => void,
): Generator<ReadArticle> {
  for (const { value, line } of readJsonRecords(run.file, stats, onBytes)) {
    run.records++;
    let article: ParsedArticle | null;
    try {
      article = parser.parse(value, run.notes);
    } catch (err) {
      if (err instanceof RecordError) throw new ImportError(run.file, err.line ?? line, err.message);
      throw err;
    }
    if (!article) {
      run.skipped++;
      continue;
    }
    yield { article, line };
  }
}

interface Source {
  articles: Iterable<ReadArticle>;
  name: string;
  defaultUnit: OffsetUnit;
  looseText?: { why: string } | undefined;
  computedOffsets?: string | undefined;
  /** After the articles: what the reading itself has to say (records spread over lines…). */
  after?: () => void;
  /** Readers count their own records. */
  counts: boolean;
}

/**
 * Writes one file's articles: layers named (file or --as), offsets checked and converted to
 * UTF-16, RecordErrors turned into file:line errors.
 */
function importArticles(
  writer: ImportWriter,
  run: FileRun,
  source: Source,
  ctx: { options: ImportOptions; namer: LayerNamer; progress: Progress; bytes: () => number },
  preset: { unit: OffsetUnit; line: number; how: string } | undefined,
): void {
  const { options, namer, progress } = ctx;
  const forced = options.offsets && options.offsets !== 'auto' ? options.offsets : undefined;
  const units = new UnitResolver({
    forced: source.computedOffsets ? 'utf16' : forced,
    formatDefault: source.defaultUnit,
    formatName: source.name,
    preset,
    looseText: source.looseText ? sameApartFromWhiteSpace : undefined,
  });
  namer.startFile();
  for (const { article, line } of source.articles) {
    if (!source.counts) run.records++;
    try {
      if (article.text.length === 0) {
        if (article.layers.some((l) => l.spans.length > 0)) throw new RecordError('spans on an empty text');
        run.notes.add('records with empty text skipped');
        run.skipped++;
        continue;
      }
      refuseNonTextArticle(article);
      const layers: CheckedLayer[] = [];
      for (const l of article.layers) {
        const status = options.status ?? l.status;
        // An untouched article (no layer, no spans, todo: what --layer all exports) carries nothing.
        if (l.name === null && l.spans.length === 0 && (!status || status === 'todo')) continue;
        const named = namer.name(l, line);
        layers.push({
          name: named.name,
          from: named.from,
          status: l.status,
          spans: units.toUtf16(article.text, l.spans, line, article.evidence),
        });
      }
      writer.write({ ...article, layers }, run.source, { file: run.file, line });
    } catch (err) {
      if (err instanceof RecordError) throw new ImportError(run.file, err.line ?? line, err.message);
      throw err;
    }
    progress.tick(ctx.bytes(), `${run.source}: ${run.records} records`);
  }
  namer.endFile(run.file);
  source.after?.();
  if (source.looseText && units.looseMatches > 0) {
    run.notes.add(`span texts matched once white space was set aside (${source.looseText.why})`, units.looseMatches);
  }
  run.unitReport = source.computedOffsets ? { unit: null, statement: source.computedOffsets } : units.report();
}

/**
 * Imports every file under `paths` in one transaction (a savepoint when the caller already
 * holds one). Throws ImportError (BAD_INPUT, message `file:line: what`) and writes nothing on
 * any bad record; throws Cancelled when hooks.shouldCancel says so.
 */
export function importPaths(
  db: Connection,
  paths: readonly string[],
  options: ImportOptions,
  hooks: JobHooks = {},
): ImportSummary {
  const started = Date.now();
  const skippedFiles: ImportSummary['skippedFiles'] = [];
  const files = expandPaths(paths, skippedFiles, options.format === 'auto' || options.format === 'brat');
  const sizes = files.map((f) => fs.statSync(f.file).size);
  const progress = new Progress(
    sizes.reduce((a, b) => a + b, 0),
    hooks,
  );
  const reports: ImportFileReport[] = [];
  let articlesSkipped = 0;
  const as = parseAs(options.as);
  const namer = new LayerNamer(as, options.defaultLayer);
  const parseOptions: ParseOptions = { column: options.column, tags: options.tags };
  // A larger page cache for the bulk write (64 MB instead of 2 MB): fewer pages spilled to the
  // WAL and read back while the indexes grow. Restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  if (cacheSize > -IMPORT_CACHE_KIB && cacheSize < IMPORT_CACHE_KIB) db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    // One write transaction (a savepoint when the caller has one open), a savepoint per file.
    return writeTransaction(db, (w) => importFiles(w));
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }

  function importFiles(w: WriteDb): ImportSummary {
    const writer = new ImportWriter(
      w,
      { fallback: as.kind === 'name' ? as.name : options.defaultLayer, status: options.status },
      'import',
    );
    let before = 0;
    files.forEach(({ file, root }, i) => {
      progress.startFile(before);
      let format: ConcreteImportFormat;
      try {
        format = options.format === 'auto' ? detectFormat(file) : options.format;
        // Column and standoff files are never read as prose, even when asked to.
        if (format === 'txt') refuseProse(file);
      } catch (err) {
        // Inside a folder, a JSON file of no known format (a manifest, a config) is named and skipped.
        if (!(err instanceof UnknownFormat) || root === null) throw err;
        skippedFiles.push({ path: file, why: err.what });
        before += sizes[i]!;
        return;
      }
      const run = (preset?: { unit: OffsetUnit; line: number; how: string }): FileRun => {
        const r: FileRun = {
          file,
          source: relativeSource(file, root),
          format,
          notes: new Notes(),
          records: 0,
          skipped: 0,
          unitReport: { unit: null, statement: 'plain text: no spans' },
        };
        writer.file = { articlesAdded: 0, articlesExisting: 0, spansAdded: 0 };
        writer.origin = `import:${format}`;
        let bytes = 0;
        const onBytes = (b: number) => (bytes = b);
        const ctx = { options, namer, progress, bytes: () => bytes };
        if (format === 'txt') importTxt(writer, r);
        else if (format === 'conll' || format === 'brat') {
          const reader = READERS[format];
          const source: Source = {
            articles: reader.read(file, r.notes, parseOptions, onBytes),
            name: reader.name,
            defaultUnit: reader.defaultUnit,
            looseText: reader.looseText,
            computedOffsets: reader.computedOffsets,
            counts: false,
          };
          importArticles(writer, r, source, ctx, preset);
        } else {
          const parser = PARSERS[format].forFile?.(file, parseOptions) ?? PARSERS[format];
          const stats: JsonReadStats = { container: 'lines', multiLine: 0 };
          const source: Source = {
            articles: jsonArticles(r, parser, stats, onBytes),
            name: parser.name,
            defaultUnit: parser.defaultUnit,
            looseText: parser.looseText,
            computedOffsets: parser.computedOffsets,
            counts: true,
            after: () => {
              if (stats.multiLine > 0) {
                r.notes.add(
                  stats.container === 'array'
                    ? 'records spread over several lines (pretty-printed JSON array), read whole'
                    : 'records spread over several lines (pretty-printed JSON rather than one object per line), read whole',
                  stats.multiLine,
                );
              }
            },
          };
          importArticles(writer, r, source, ctx, preset);
        }
        return r;
      };
      const restore = writer.snapshot();
      let result: FileRun;
      try {
        result = writeTransaction(w, () => run());
      } catch (err) {
        if (!(err instanceof UnitRestart)) throw err;
        // A later record showed the unit that earlier, ambiguous ones assumed wrongly: the
        // file's savepoint has rolled back; redo the file in that unit.
        restore();
        result = writeTransaction(w, () => run({ unit: err.unit, line: err.line, how: err.how }));
      }
      const notes = result.notes.list();
      articlesSkipped += result.skipped;
      reports.push({
        path: file,
        format,
        records: result.records,
        articlesAdded: writer.file.articlesAdded,
        articlesExisting: writer.file.articlesExisting,
        spansAdded: writer.file.spansAdded,
        units: result.unitReport,
        notes,
      });
      before += sizes[i]!;
      progress.tick(0, `${i + 1} of ${files.length} files`, true);
    });
    namer.finish();
    if (hooks.shouldCancel?.()) throw new Cancelled();
    const parts = writer.summaryParts();
    return {
      files: reports,
      skippedFiles,
      articlesAdded: reports.reduce((a, r) => a + r.articlesAdded, 0),
      articlesExisting: reports.reduce((a, r) => a + r.articlesExisting, 0),
      articlesSkipped,
      spansAdded: reports.reduce((a, r) => a + r.spansAdded, 0),
      ...parts,
      elapsedMs: Date.now() - started,
    };
  }
}

/** The summary as people read it (CLI output, the app's toast). */
export function formatImportSummary(s: ImportSummary): string {
  const lines: string[] = [];
  for (const f of s.files) {
    lines.push(
      `${f.path} (${f.format}): ${f.records} record${f.records === 1 ? '' : 's'}, ` +
        `${f.articlesAdded} article${f.articlesAdded === 1 ? '' : 's'} added, ${f.articlesExisting} already present, ` +
        `${f.spansAdded} span${f.spansAdded === 1 ? '' : 's'} added`,
    );
    if (f.format !== 'txt') lines.push(`  offsets: ${f.units.statement}`);
    for (const n of f.notes) lines.push(`  note: ${n}`);
  }
  for (const f of s.skippedFiles) lines.push(`${f.path}: skipped, ${f.why}`);
  lines.push(
    `Imported ${s.articlesAdded} new article${s.articlesAdded === 1 ? '' : 's'} ` +
      `(${s.articlesExisting} already present${s.articlesSkipped ? `, ${s.articlesSkipped} skipped` : ''}) ` +
      `and ${s.spansAdded} span${s.spansAdded === 1 ? '' : 's'}` +
      (s.spansDuplicate ? ` (${s.spansDuplicate} duplicate span${s.spansDuplicate === 1 ? '' : 's'} skipped)` : '') +
      ` in ${(s.elapsedMs / 1000).toFixed(1)} s.`,
  );
  if (s.labelsCreated.length) lines.push(`New labels created: ${s.labelsCreated.join(', ')}.`);
  for (const l of s.layers) {
    lines.push(
      `Layer ${l.name}${l.created ? ' (new annotator)' : ''}: ${l.spans} span${l.spans === 1 ? '' : 's'} on ${l.articles} article${l.articles === 1 ? '' : 's'}; name from ${l.from}.`,
    );
  }
  if (s.statusSet) lines.push(`Status set on ${s.statusSet} article layer${s.statusSet === 1 ? '' : 's'}.`);
  return lines.join('\n');
}
