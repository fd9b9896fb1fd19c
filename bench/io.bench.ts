// Import and export throughput on a synthetic set (100,000 articles of ~3 KB with ~20 spans
// each; --quick: 5,000), each beside a bare baseline measured in the same run:
// - import: `spanwise import` of the JSONL (read, parse, validate with zod, hash, check every
//   span's offsets against its text, insert) vs raw prepared-statement inserts of the same,
//   already prepared rows in one transaction;
// - export: `spanwise export --format spans` from the project vs JSON.stringify of the same,
//   already built rows to a file.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OffsetMap } from '../src/shared/offsets';
import { openDb } from '../src/main/backend/db/open';
import { exportProject } from '../src/main/backend/exporters';
import { importPaths } from '../src/main/backend/importers';
import { seedProject } from '../src/main/backend/seed';
import { Sink } from '../src/main/backend/exporters/sink';
import { LABELS, synthArticles, writeSynthJsonl } from './lib/synth';
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

interface BaselineRows {
  articles: [string, string, string, string, string, string, string][];
  spans: [string, number, number, number, number][];
  exportRows: object[];
}

function baselineRows(n: number): BaselineRows {
  const articles: BaselineRows['articles'] = [];
  const spans: BaselineRows['spans'] = [];
  const exportRows: object[] = [];
  const ts = new Date().toISOString();
  for (const a of synthArticles(n)) {
    const map = new OffsetMap(a.text);
    const hash = createHash('sha256').update(a.text, 'utf8').digest('hex');
    articles.push([a.title, 'synthetic', a.text, '{}', hash, ts, String(a.id)]);
    for (const s of a.spans) {
      spans.push([randomUUID(), a.id, LABELS.indexOf(s.label) + 1, map.toUtf16(s.start), map.toUtf16(s.end)]);
    }
    exportRows.push({
      id: a.id,
      text: a.text,
      spans: a.spans,
      meta: { title: a.title, source: 'synthetic' },
      layer: 'bench',
      status: 'done',
    });
  }
  return { articles, spans, exportRows };
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
      const rows = baselineRows(n);

      const importOurs: number[] = [];
      const importBase: number[] = [];
      const exportOurs: number[] = [];
      const exportBase: number[] = [];
      const heapGrowth: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        // Baseline import: the same rows, already parsed, hashed and converted.
        const baseFile = freshProject(dir, 'baseline.spanwise');
        {
          const { db } = openDb(baseFile);
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
        }
        // Ours: the real import of the JSONL file.
        const file = freshProject(dir, 'ours.spanwise');
        const { db } = openDb(file);
        const t = seconds(() => {
          importPaths(db, [input], { format: 'auto' });
        });
        importOurs.push(n / t);
        ctx.log(`run ${run + 1}: import ${(n / t).toFixed(0)} articles/s (baseline ${importBase[run]!.toFixed(0)})`);

        // Export, ours: from the project just imported.
        const out = path.join(dir, 'export.jsonl');
        global.gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
        let outBytes = 0;
        const te = await secondsAsync(async () => {
          const s = await exportProject(db, out, {
            format: 'spans',
            layer: 'bench',
            only: 'all',
            offsets: 'codepoint',
            seed: 0,
          });
          outBytes = s.bytes;
        });
        clearInterval(sampler);
        heapGrowth.push((heapPeak - heapBefore) / 1e6);
        exportOurs.push(outBytes / 1e6 / te);
        db.close();

        // Export, baseline: JSON.stringify of the same rows to a file (same batching writer).
        const baseOut = path.join(dir, 'baseline.jsonl');
        let baseBytes = 0;
        const tb = await secondsAsync(async () => {
          const sink = new Sink(baseOut);
          for (const r of rows.exportRows) await sink.write(JSON.stringify(r) + '\n');
          await sink.close();
          baseBytes = sink.bytes;
        });
        exportBase.push(baseBytes / 1e6 / tb);
        ctx.log(
          `run ${run + 1}: export ${(outBytes / 1e6 / te).toFixed(0)} MB/s (baseline ${(baseBytes / 1e6 / tb).toFixed(0)}), ` +
            `${(outBytes / 1e6).toFixed(0)} MB`,
        );
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
        { name: 'export heap growth (peak)', unit: 'MB', samples: heapGrowth, higherIsBetter: false },
      ];
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default io;
