// Export: the project out as training data, streamed (one page of articles in memory at a
// time, writes awaited on backpressure), in one read snapshot, to `<out>` or to
// `<out>/{train,dev,test}.<ext>` with --split. Shared by the CLI, the app's job worker and tests.
import path from 'node:path';
import type { ExportFileReport, ExportOptions, ExportSummary } from '../../../shared/jobs';
import { AppError } from '../../../shared/result';
import type { Connection } from '../db/open';
import { Cancelled } from '../importers/errors';
import type { JobHooks } from '../importers';
import { assignSplits, NearDuplicates, splitNames } from '../splits';
import { assertFolderTarget, FolderSink } from './folder';
import { FORMATS, LossCounter, type FileSerializer, type Piece } from './formats';
import { countArticles, resolveLayer, resolveOnly, selectArticles, type ExportArticle } from './select';
import { Sink } from './sink';
import { assertNotProjectFile } from './target';

/** Where one output's pieces go: a stream (one file) or a folder of files (brat). */
interface Target {
  write(piece: Piece): Promise<void>;
  close(closing: Piece['files']): Promise<void>;
  abort(): Promise<void>;
  readonly bytes: number;
}

function streamTarget(file: string): Target {
  const sink = new Sink(file);
  return {
    write: (p) => sink.write(p.text),
    close: async () => sink.close(),
    abort: () => sink.abort(),
    get bytes() {
      return sink.bytes;
    },
  };
}

function folderTarget(folder: string): Target {
  const sink = new FolderSink(folder);
  return {
    write: async (p) => sink.write(p.files ?? []),
    close: async (closing) => {
      sink.write(closing ?? []);
      sink.close();
    },
    abort: async () => sink.abort(),
    get bytes() {
      return sink.bytes;
    },
  };
}

interface Output {
  report: ExportFileReport;
  sink: Target;
  ser: FileSerializer;
}

/** Yields to the event loop now and then so that progress messages and cancels get through. */
function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function exportProject(
  db: Connection,
  out: string,
  options: ExportOptions,
  hooks: JobHooks = {},
): Promise<ExportSummary> {
  const started = Date.now();
  const format = FORMATS[options.format];
  let names: string[] | null = null;
  if (options.split) {
    try {
      names = splitNames(options.split);
    } catch (err) {
      throw new AppError('BAD_INPUT', (err as Error).message);
    }
    if (out === '-') throw new AppError('BAD_INPUT', '--split writes a folder of files: give --out a folder, not -');
  }
  const targets = names ? names.map((name) => path.join(out, format.folder ? name : `${name}.${format.ext}`)) : [out];
  // Before anything is written: never over the project file (or its -wal/-shm/-journal).
  assertNotProjectFile(db.name, targets);
  if (format.folder) for (const t of targets) assertFolderTarget(t, options.format);
  resolveLayer(db, options.layer);
  const only = resolveOnly(options.layer, options.only);
  const ownTransaction = !db.inTransaction;
  // One read snapshot for the whole export (WAL: writers elsewhere are not blocked).
  if (ownTransaction) db.exec('BEGIN');
  const loss = new LossCounter();
  const ctx = { unit: options.offsets, loss, allLayers: options.layer === 'all' };
  const outputs: Output[] = [];
  const total = countArticles(db);
  let step = 0;
  const tick = async (done: number, message: string) => {
    if (++step % 64 !== 0) return;
    await pause();
    if (hooks.shouldCancel?.()) throw new Cancelled();
    hooks.onProgress?.({ done, total, unit: 'articles', message });
  };
  const sel = { layer: options.layer, only };
  let groupsInfo: ExportSummary['groups'] = null;
  try {
    let splitOf: ((a: ExportArticle) => number) | null = null;
    if (names) {
      // Pass 1: find the near-duplicate groups and place each group in one split.
      const dups = new NearDuplicates();
      const index = new Map<number, number>();
      let seen = 0;
      for (const a of selectArticles(db, sel)) {
        index.set(a.id, dups.add(a.contentHash, a.text));
        await tick(++seen, 'grouping near-duplicate articles');
      }
      const roots = dups.groups();
      const assignment = assignSplits(dups.keys, roots, options.split!, options.seed);
      const sizes = new Map<number, number>();
      for (const r of roots) sizes.set(r, (sizes.get(r) ?? 0) + 1);
      const multi = [...sizes.values()].filter((s) => s > 1);
      groupsInfo = {
        count: multi.length,
        largest: multi.reduce((m, s) => Math.max(m, s), 0),
        grouped: multi.reduce((n, s) => n + s, 0),
      };
      splitOf = (a) => assignment[index.get(a.id)!]!;
      names.forEach((name, i) => outputs.push(newOutput(targets[i]!, name, format.open(ctx), format.folder)));
    } else {
      outputs.push(newOutput(out, null, format.open(ctx), format.folder));
    }
    for (const o of outputs) await o.sink.write({ text: o.ser.begin(), lines: 0, spans: 0 });
    let done = 0;
    // Split files list their articles by content hash: the same lines in the same order in
    // any project holding the same articles, whatever order they were imported in.
    for (const a of selectArticles(db, { ...sel, order: names ? 'content' : 'id' })) {
      const o = outputs[splitOf ? splitOf(a) : 0]!;
      const piece = o.ser.item(a);
      o.report.articles++;
      o.report.lines += piece.lines;
      o.report.spans += piece.spans;
      await o.sink.write(piece);
      await tick(++done, `${done} articles written`);
    }
    for (const o of outputs) {
      await o.sink.write({ text: o.ser.end(), lines: 0, spans: 0 });
      await o.sink.close(o.ser.closing?.());
      o.report.bytes = o.sink.bytes;
    }
  } catch (err) {
    for (const o of outputs) await o.sink.abort();
    throw err;
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
  const files = outputs.map((o) => o.report);
  return {
    format: options.format,
    layer: options.layer,
    offsets: options.offsets,
    files,
    articles: files.reduce((n, f) => n + f.articles, 0),
    lines: files.reduce((n, f) => n + f.lines, 0),
    spans: files.reduce((n, f) => n + f.spans, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    loss: format.lossy ? loss.report() : null,
    groups: groupsInfo,
    elapsedMs: Date.now() - started,
  };
}

function newOutput(file: string, split: string | null, ser: FileSerializer, folder = false): Output {
  return {
    report: { path: file, split, articles: 0, lines: 0, spans: 0, bytes: 0 },
    sink: folder ? folderTarget(file) : streamTarget(file),
    ser,
  };
}

const UNIT_WORDS = {
  codepoint: 'code points (Python: text[start:end] == span text)',
  utf16: 'UTF-16 code units (JavaScript string indices)',
};

export function formatExportSummary(s: ExportSummary): string {
  const lines: string[] = [];
  for (const f of s.files) {
    lines.push(
      `${f.path === '-' ? 'stdout' : f.path}${f.split ? ` [${f.split}]` : ''}: ${f.articles} article${f.articles === 1 ? '' : 's'}, ` +
        `${f.lines} line${f.lines === 1 ? '' : 's'}, ${f.spans} span${f.spans === 1 ? '' : 's'}, ${(f.bytes / 1e6).toFixed(2)} MB`,
    );
  }
  lines.push(
    `Exported ${s.articles} article${s.articles === 1 ? '' : 's'} (${s.format}, layer ${s.layer}) in ${(s.elapsedMs / 1000).toFixed(1)} s.`,
  );
  lines.push(
    s.format === 'conll' ? 'Offsets: none (CoNLL carries tokens only).' : `Offsets: ${UNIT_WORDS[s.offsets]}.`,
  );
  if (s.format === 'brat') {
    lines.push('Each article is NAME.txt + NAME.ann; annotation.conf declares the labels (open the folder in brat).');
  }
  if (s.groups) {
    lines.push(
      s.groups.count === 0
        ? 'Near-duplicates: none found; every article was placed on its own.'
        : `Near-duplicates: ${s.groups.grouped} articles in ${s.groups.count} group${s.groups.count === 1 ? '' : 's'} ` +
            `(largest ${s.groups.largest}), each group kept in one split.`,
    );
  }
  if (s.loss) {
    const plural = (n: number) => `${n} span${n === 1 ? '' : 's'}`;
    if (s.loss.dropped === 0) {
      lines.push(`Loss report: nothing dropped (${plural(s.loss.total)} all carried).`);
    } else {
      lines.push(
        `Loss report: ${s.loss.dropped} of ${s.loss.total} spans dropped — ` +
          (s.format === 'bio' || s.format === 'conll'
            ? `${s.format} cannot carry overlapping or nested spans, so the fewest possible were dropped:`
            : `${s.format} cannot carry them:`),
      );
      for (const r of s.loss.byLabel) lines.push(`  ${r.label}: ${r.count} (${r.reason})`);
    }
    if (s.loss.changed > 0) {
      lines.push(`Changed: ${s.loss.changed} of ${plural(s.loss.total)} written other than they are:`);
      for (const r of s.loss.changes) lines.push(`  ${r.label}: ${r.count} (${r.reason})`);
    }
  }
  return lines.join('\n');
}
