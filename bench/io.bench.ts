// Import and export throughput on a synthetic set (100,000 articles of ~3 KB with ~20 spans
// each; --quick: 5,000), each beside a bare baseline measured in the same run:
// - import: `spanwise import` of the JSONL (read, parse, validate with zod, hash, check every
//   span's offsets against its text, insert) vs raw prepared-statement inserts of the same,
//   already prepared rows in one transaction;
// - export: `spanwise export --format spans` from the project vs JSON.stringify of the same,
//   already built rows to a file.
import { importOptions } from '../src/shared/options';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OffsetMap } from '../src/shared/offsets';
import { openDb } from '../src/main/backend/db/open';
import { exportProject } from '../src/main/backend/exporters';
import { importPaths } from '../src/main/backend/importers';
import { uuidv7 } from '../src/main/backend/importers/ids';
import { seedProject } from '../src/main/backend/seed';
import { Sink } from '../src/main/backend/exporters/sink';
import { LABELS, spansRow, synthArticles, writeSynthJsonl } from './lib/synth';
import type { BenchModule, Metric } from './lib/types';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');

function freshProject(dir: string, name: string): string {
  const file = path.join(dir, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const { db } = openDb(file);
  seedProject(db, RESOURCES);
  db.close();
  return file;
}

/** The import baseline's rows: already parsed, hashed, converted to UTF-16, ids made. */
function baselineImportRows(n: number) {
  const articles: [string, string, string, string, string, string, string][] = [];
  const spans: [string, number, number, number, number][] = [];
  const ts = new Date().toISOString();
  for (const a of synthArticles(n)) {
    const map = new OffsetMap(a.text);
    const hash = createHash('sha256').update(a.text, 'utf8').digest('hex');
    articles.push([a.title, 'synthetic', a.text, '{}', hash, ts, String(a.id)]);
    for (const s of a.spans) {
      spans.push([uuidv7(), a.id, LABELS.indexOf(s.label) + 1, map.toUtf16(s.start), map.toUtf16(s.end)]);
    }
  }
  return { articles, spans };
}

/** The export baseline's rows: the objects of the spans JSONL lines, already built. */
function baselineExportRows(n: number): object[] {
  const rows: object[] = [];
  for (const a of synthArticles(n)) rows.push(spansRow(a));
  return rows;
}

function seconds(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function secondsAsync(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** Same page cache for the baseline as the importer gives itself (64 MB). */
const CACHE = 'cache_size = -65536';

const EXPORT_OPTIONS = { format: 'spans', layer: 'bench', only: 'all', offsets: 'codepoint', seed: 0 } as const;

const io: BenchModule = {
  name: 'io',
  description: 'import articles/s and export MB/s against bare baselines',
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 100_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const input = path.join(dir, 'synthetic.jsonl');
      const bytes = writeSynthJsonl(input, n);
      ctx.log(`${n.toLocaleString('en-US')} articles, ${(bytes / 1e6).toFixed(0)} MB of JSONL, ~20 spans each`);

      // Import, baseline: the same rows, already prepared, in one transaction.
      const importBase: number[] = [];
      {
        const rows = baselineImportRows(n);
        for (let run = 0; run < ctx.runs; run++) {
          const { db } = openDb(freshProject(dir, 'baseline.spanwise'));
          db.pragma(CACHE);
          const annotator = Number(
            db.prepare("INSERT INTO annotators (name, created_at) VALUES ('bench', ?)").run(new Date().toISOString())
              .lastInsertRowid,
          );
          const insA = db.prepare(
            'INSERT INTO articles (title, source, text, meta, content_hash, created_at, external_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
          );
          const insS = db.prepare(
            `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
          );
          const insSt = db.prepare(
            "INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, 'done', ?)",
          );
          const ts = new Date().toISOString();
          const t = seconds(() =>
            db.transaction(() => {
              for (const a of rows.articles) insA.run(...a);
              for (const s of rows.spans) insS.run(s[0], s[1], annotator, s[2], s[3], s[4], ts, ts);
              for (let id = 1; id <= n; id++) insSt.run(id, annotator, ts);
            })(),
          );
          importBase.push(n / t);
          db.close();
          ctx.log(`import baseline run ${run + 1}: ${(n / t).toFixed(0)} articles/s`);
        }
      }

      // Import, ours: the real import of the JSONL file (read, parse, validate, hash, check, insert).
      const importOurs: number[] = [];
      let file = '';
      for (let run = 0; run < ctx.runs; run++) {
        file = freshProject(dir, 'ours.spanwise');
        const { db } = openDb(file);
        const t = seconds(() => {
          importPaths(db, [input], importOptions.parse({}));
        });
        db.close();
        importOurs.push(n / t);
        ctx.log(`import run ${run + 1}: ${(n / t).toFixed(0)} articles/s`);
      }

      // Export, ours: from the project just imported, streamed to a file.
      const exportOurs: number[] = [];
      const out = path.join(dir, 'export.jsonl');
      const { db } = openDb(file);
      for (let run = 0; run < ctx.runs; run++) {
        let outBytes = 0;
        const t = await secondsAsync(async () => {
          outBytes = (await exportProject(db, out, EXPORT_OPTIONS)).bytes;
        });
        exportOurs.push(outBytes / 1e6 / t);
        ctx.log(`export run ${run + 1}: ${(outBytes / 1e6 / t).toFixed(0)} MB/s, ${(outBytes / 1e6).toFixed(0)} MB`);
      }
      // Memory (an untimed pass): the live heap after a full GC at every progress report.
      v8.setFlagsFromString('--expose_gc');
      const gc = runInNewContext('gc') as () => void;
      gc();
      const before = process.memoryUsage().heapUsed;
      let live = 0;
      await exportProject(db, out, EXPORT_OPTIONS, {
        onProgress: () => {
          gc();
          live = Math.max(live, process.memoryUsage().heapUsed - before);
        },
      });
      db.close();

      // Export, baseline: JSON.stringify of the same rows to a file (the same batching writer).
      const exportBase: number[] = [];
      {
        const rows = baselineExportRows(n);
        const baseOut = path.join(dir, 'baseline.jsonl');
        for (let run = 0; run < ctx.runs; run++) {
          let baseBytes = 0;
          const t = await secondsAsync(async () => {
            const sink = new Sink(baseOut);
            for (const r of rows) await sink.write(JSON.stringify(r) + '\n');
            await sink.close();
            baseBytes = sink.bytes;
          });
          exportBase.push(baseBytes / 1e6 / t);
          ctx.log(`export baseline run ${run + 1}: ${(baseBytes / 1e6 / t).toFixed(0)} MB/s`);
        }
      }

      const metrics: Metric[] = [
        { name: 'import (baseline: raw inserts)', unit: 'articles/s', samples: importBase, higherIsBetter: true },
        {
          name: 'import',
          unit: 'articles/s',
          samples: importOurs,
          higherIsBetter: true,
          baseline: 'import (baseline: raw inserts)',
          target: 20_000,
          maxRatio: 2,
        },
        { name: 'export (baseline: JSON.stringify)', unit: 'MB/s', samples: exportBase, higherIsBetter: true },
        {
          name: 'export spans JSONL',
          unit: 'MB/s',
          samples: exportOurs,
          higherIsBetter: true,
          baseline: 'export (baseline: JSON.stringify)',
          target: 50,
          maxRatio: 2,
        },
        { name: 'export live heap (peak, after GC)', unit: 'MB', samples: [live / 1e6], higherIsBetter: false },
      ];
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default io;
