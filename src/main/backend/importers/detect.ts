// --format auto: decide a file's format from its name and its first record or lines; name the
// formats Spanwise does not read instead of guessing; never read a column file as prose.
import fs from 'node:fs';
import path from 'node:path';
import type { ConcreteImportFormat } from '../../../shared/jobs';
import { ImportError } from './errors';
import { isObject } from './formats/common';
import { readJsonRecords, type JsonReadStats } from './json';
import { fileError, firstChar, kindOf } from './read';
import { headLines, sniffLines } from './sniff';

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson', '.jsonlines']);
const COLUMN_EXTENSIONS = new Set(['.conll', '.conllu', '.conllx', '.iob', '.iob2', '.bio', '.bioes', '.tsv']);
const PRODIGY_KEYS = ['_input_hash', '_task_hash', '_view_id', '_annotator_id', '_session_id', 'answer'];
const DOCS = 'see "Formats Spanwise does not read" in docs/formats.md';

/** Formats people have that Spanwise does not read, by extension: what they are, what to do. */
const NOT_READ: Record<string, string> = {
  '.spacy': `is a spaCy DocBin file (binary), which Spanwise does not read: write its Docs as JSONL articles with spans first (${DOCS})`,
  '.csv': `is a CSV table, which Spanwise does not read: save it as JSONL with a "text" field per article (${DOCS})`,
  '.xmi': `is a UIMA CAS XMI file (INCEpTION, WebAnno), which Spanwise does not read: export the project as CoNLL 2003 or CoNLL-U instead (${DOCS})`,
  '.zip': `is a ZIP archive: unpack it and import the folder`,
};

/** Files that describe a data set rather than hold articles (read by the bio format). */
const SIDECARS = new Set(['dataset_info.json', 'label_names.json']);

/** The file is readable but none of the formats Spanwise reads (named and skipped in folders). */
export class UnknownFormat extends ImportError {}

const WEBANNO = `is WebAnno TSV (INCEpTION, WebAnno), which Spanwise does not read: export the project as CoNLL 2003 or CoNLL-U instead (${DOCS})`;

function hasText(rec: Record<string, unknown>): boolean {
  return 'text' in rec;
}

/** A Label Studio result value: {start, end, labels: [...]} (JSON-MIN lists these under the control's name). */
function isLabelsValue(v: unknown): boolean {
  return isObject(v) && 'start' in v && 'end' in v && Array.isArray(v['labels']);
}

/** A record of Label Studio's JSON-MIN export: the task's data, the annotator, results by control name. */
export function looksLikeJsonMin(rec: Record<string, unknown>): boolean {
  if ('data' in rec || 'annotations' in rec) return false;
  if ('annotator' in rec || 'annotation_id' in rec) return true;
  return Object.values(rec).some((v) => Array.isArray(v) && v.length > 0 && v.every(isLabelsValue));
}

/** The format of one JSON record, or null when it looks like none of them. */
export function classifyRecord(rec: unknown, inArray: boolean): ConcreteImportFormat | null {
  if (!isObject(rec)) return null;
  if (isObject(rec['data']) || 'annotations' in rec || 'predictions' in rec || 'completions' in rec) {
    return 'label-studio';
  }
  // doccano 1.x wrote the text under "data" (its JSONL and JSON exports).
  if (typeof rec['data'] === 'string' && ('label' in rec || 'labels' in rec || 'entities' in rec)) return 'doccano';
  const tokens = rec['tokens'];
  if (('ner_tags' in rec || 'tags' in rec) && Array.isArray(tokens) && tokens.every((t) => typeof t === 'string')) {
    return 'bio';
  }
  if (PRODIGY_KEYS.some((k) => k in rec) || 'tokens' in rec) return 'prodigy';
  if (looksLikeJsonMin(rec)) return 'label-studio-min';
  if (!hasText(rec)) return null;
  if ('label' in rec || 'labels' in rec || 'entities' in rec) return 'doccano';
  if ('layer' in rec || 'status' in rec) return 'spans';
  if (inArray) return 'label-studio';
  return 'jsonl';
}

function unknownJson(file: string, line: number, rec: unknown): UnknownFormat {
  const keys = isObject(rec) ? Object.keys(rec).slice(0, 8).join(', ') : 'not an object';
  return new UnknownFormat(
    file,
    line,
    `cannot tell the format from the first record (${keys}); ` +
      'pass --format txt|jsonl|spans|doccano|label-studio|label-studio-min|prodigy|conll|bio|brat',
  );
}

function looksLikeColumns(file: string): boolean {
  const kind = sniffLines(headLines(file));
  return kind === 'conll' || kind === 'conllu';
}

function siblingAnn(file: string): string | null {
  const ann = file.replace(/\.[^./\\]+$/, '') + '.ann';
  return ann !== file && fs.existsSync(ann) ? ann : null;
}

/** The format of a file that is not JSON, from its name and first lines. */
function detectText(file: string, ext: string): ConcreteImportFormat {
  if (ext === '.ann') return 'brat';
  if (TEXT_EXTENSIONS.has(ext) && siblingAnn(file)) return 'brat';
  const kind = sniffLines(headLines(file));
  if (kind === 'conll' || kind === 'conllu') return 'conll';
  if (kind === 'webanno') throw new UnknownFormat(file, 1, WEBANNO);
  if (kind === 'brat-ann') {
    throw new UnknownFormat(
      file,
      1,
      'holds brat standoff annotations (T1<TAB>LABEL 0 5<TAB>text): name it .ann, beside the .txt it annotates, and import either',
    );
  }
  if (COLUMN_EXTENSIONS.has(ext)) {
    if (ext === '.tsv') {
      throw new UnknownFormat(
        file,
        1,
        `is a tab-separated table without a tag column (token<TAB>tag), which Spanwise does not read as articles (${DOCS})`,
      );
    }
    // A .conll file whose first lines do not look right: the reader says what is wrong, by line.
    return 'conll';
  }
  return 'txt';
}

export function detectFormat(file: string): ConcreteImportFormat {
  const ext = path.extname(file).toLowerCase();
  const notRead = NOT_READ[ext];
  if (notRead) throw new UnknownFormat(file, null, notRead);
  if (SIDECARS.has(path.basename(file).toLowerCase())) {
    throw new UnknownFormat(
      file,
      null,
      'is a data set description (the tag names of the bio files beside it), not articles',
    );
  }
  const c = firstChar(file);
  if (TEXT_EXTENSIONS.has(ext) || ext === '.ann' || COLUMN_EXTENSIONS.has(ext)) return detectText(file, ext);
  if (!JSON_EXTENSIONS.has(ext) && c !== '{' && c !== '[') return detectText(file, ext);
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
  if (!format) throw unknownJson(file, first.value.line, first.value.value);
  return format;
}

/**
 * A file about to be read as prose must not be a column or standoff file: an article full of
 * tags is garbage that looks like success.
 */
export function refuseProse(file: string): void {
  const ext = path.extname(file).toLowerCase();
  const what = (kind: string, format: string) =>
    new UnknownFormat(file, 1, `looks like ${kind}, not prose: import it with --format ${format} (or auto)`);
  if (ext === '.ann') throw what('brat standoff annotations', 'brat');
  const kind = sniffLines(headLines(file));
  if (kind === 'conll') throw what('token-per-line columns with tags (CoNLL, IOB)', 'conll');
  if (kind === 'conllu') throw what('CoNLL-U', 'conll');
  if (kind === 'brat-ann') throw what('brat standoff annotations', 'brat');
  if (kind === 'webanno') throw new UnknownFormat(file, 1, WEBANNO);
}

/** In folders, only these (and files without an extension) are read; others are listed as skipped. */
export const FOLDER_EXTENSIONS = new Set([...TEXT_EXTENSIONS, ...JSON_EXTENSIONS, ...COLUMN_EXTENSIONS, '.ann', '']);

/**
 * Files under the given paths: folders recursively (sorted; hidden files and folders
 * skipped; only known import file types taken, the others reported). A brat .txt beside its
 * .ann is read with it, once.
 */
export function expandPaths(
  paths: readonly string[],
  skipped: { path: string; why: string }[] = [],
  pairBrat = true,
): { file: string; root: string | null }[] {
  const out: { file: string; root: string | null }[] = [];
  const seen = new Set<string>();
  const add = (file: string, root: string | null) => {
    // a.txt beside a.ann is one brat document, whichever of the two is named or found first.
    const ann = pairBrat && TEXT_EXTENSIONS.has(path.extname(file).toLowerCase()) ? siblingAnn(file) : null;
    const target = ann ?? file;
    const key = path.resolve(target);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file: target, root });
  };
  const walk = (dir: string, root: string) => {
    let list: fs.Dirent[];
    try {
      list = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw fileError(dir, err);
    }
    const entries = list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      const ext = path.extname(e.name).toLowerCase();
      if (e.isDirectory()) walk(full, root);
      // Links inside a folder are not followed (they may lead out of it, or round in a loop);
      // pipes and devices are not files. Each is listed, never passed over in silence.
      else if (e.isSymbolicLink())
        skipped.push({ path: full, why: 'a symbolic link (links inside a folder are not followed)' });
      else if (!e.isFile()) skipped.push({ path: full, why: `${direntKind(e)}, not a regular file` });
      else if (FOLDER_EXTENSIONS.has(ext)) add(full, root);
      else if (NOT_READ[ext]) skipped.push({ path: full, why: NOT_READ[ext] });
      // CoNLL corpora name their files by split (eng.train, eng.testa): read by their lines.
      else if (looksLikeColumns(full)) add(full, root);
      else skipped.push({ path: full, why: 'not an import file type (.txt, .json, .jsonl, .conll, .ann…)' });
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      throw namedPathError(p, err);
    }
    if (stat.isDirectory()) walk(p, p);
    else if (stat.isFile()) add(p, null);
    // Named by the user: refused by name, never opened (a FIFO would wait forever).
    else
      throw new ImportError(p, null, `is ${kindOf(stat)}, not a regular file: Spanwise reads only files and folders`);
  }
  return out;
}

/** Why a path named for import cannot be read; a link to nothing is told apart from nothing. */
function namedPathError(p: string, err: unknown): ImportError {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
    try {
      if (fs.lstatSync(p).isSymbolicLink()) {
        return new ImportError(p, null, `is a symbolic link to ${fs.readlinkSync(p)}, which does not exist`);
      }
    } catch {
      // Not there at all: the plain message below.
    }
  }
  return fileError(p, err);
}

function direntKind(e: fs.Dirent): string {
  if (e.isFIFO()) return 'a FIFO (named pipe)';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice()) return 'a character device';
  if (e.isBlockDevice()) return 'a block device';
  return 'not a file or folder';
}
