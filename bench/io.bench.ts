// Import and export throughput on a synthetic set (100,000 articles of ~3 KB with ~20 spans
// each; --quick: 5,000), each beside a bare baseline measured in the same run:
// - import: `spanwise import` of the JSONL (read, parse, validate with zod, hash, check every
//   span's offsets against its text, insert) vs raw prepared-statement inserts of the same,
//   already prepared rows in one transaction into the same schema (its triggers included: the
//   list's positions and counts, the full-text index);
// - export: `spanwise export --format spans` from the project vs JSON.stringify of the same,
//   already built rows to a file through the same writer;
// - memory: the peak RSS of an export in a process of its own, beside that of a process that
//   streams the same lines from rows read one at a time (bench/lib/io-rss.ts).
// Each is given in wall time and in CPU time (this process's, all threads): on a loaded machine
// the wall time is partly the wait for a core, the CPU time what the code costs. At full size
// each is run once (a median of runs minutes apart on a shared machine fences off no more
// noise than the CPU time does, and each run is tens of seconds); --quick runs each --runs times.
import { importOptions } from '../src/shared/options';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { OffsetMap } from '../src/shared/offsets';
import { openDb } from '../src/main/backend/db/open';
import { exportProject } from '../src/main/backend/exporters';
import { importPaths } from '../src/main/backend/importers';
import { uuidv7 } from '../src/main/backend/importers/ids';
import { Sink } from '../src/main/backend/exporters/sink';
import { LABELS, type SynthRow } from './lib/synth';
import { cachedSynthJsonl, readSynthRows } from './lib/synth-jsonl';
import { freshProject } from './lib/fresh-project';
import type { BenchModule, Metric } from './lib/types';

/** The import baseline's rows: already parsed, hashed, converted to UTF-16, ids made. */
function baselineImportRows(jsonl: string) {
  const articles: [string, string, string, string, string, string, string][] = [];
  const spans: [string, number, number, number, number][] = [];
  const ts = new Date().toISOString();
  for (const a of readSynthRows(jsonl)) {
    const map = new OffsetMap(a.text);
    const hash = createHash('sha256').update(a.text, 'utf8').digest('hex');
    articles.push([a.meta.title, 'synthetic', a.text, '{}', hash, ts, String(a.id)]);
    for (const s of a.spans) {
      spans.push([uuidv7(), a.id, LABELS.indexOf(s.label) + 1, map.toUtf16(s.start), map.toUtf16(s.end)]);
    }
  }
  return { articles, spans };
}

/** The export baseline's rows: the objects of the spans JSONL lines, already built. */
function baselineExportRows(jsonl: string): SynthRow[] {
  return [...readSynthRows(jsonl)];
}

interface Timed {
  wall: number;
  cpu: number;
}

async function timed(fn: () => unknown): Promise<Timed> {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

/** Same page cache for the baseline as the importer gives itself (64 MB). */
const CACHE = 'cache_size = -65536';

const EXPORT_OPTIONS = { format: 'spans', layer: 'bench', only: 'all', offsets: 'codepoint', seed: 0 } as const;

type ImportRows = ReturnType<typeof baselineImportRows>;

/** The bare import: the prepared rows inserted with plain prepared statements, one transaction. */
async function bareImport(file: string, rows: ImportRows, n: number): Promise<Timed> {
  const { db } = openDb(file);
  try {
    db.pragma(CACHE);
    const ts = new Date().toISOString();
    const annotator = Number(
      db.prepare("INSERT INTO annotators (name, created_at) VALUES ('bench', ?)").run(ts).lastInsertRowid,
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
    return await timed(() =>
      db.transaction(() => {
        for (const a of rows.articles) insA.run(...a);
        for (const s of rows.spans) insS.run(s[0], s[1], annotator, s[2], s[3], s[4], ts, ts);
        for (let id = 1; id <= n; id++) insSt.run(id, annotator, ts);
      })(),
    );
  } finally {
    db.close();
  }
}

/** Peak RSS (MB) of bench/lib/io-rss.ts run in a process of its own. */
function childRss(args: string[]): { loaded: number; peak: number } {
  const script = path.join(import.meta.dirname, 'lib/io-rss.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { loaded: number; peak: number };
}

const rate = (n: number, t: number) => (n / t).toFixed(0);
const mbps = (bytes: number, t: number) => (bytes / 1e6 / t).toFixed(0);

const io: BenchModule = {
  name: 'io',
  description: 'import articles/s and export MB/s against bare baselines (wall and CPU), export peak RSS',
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 100_000;
    const runs = ctx.quick ? ctx.runs : 1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const { file: input, bytes } = cachedSynthJsonl(n, ctx.log);
      ctx.log(`${n.toLocaleString('en-US')} articles, ${(bytes / 1e6).toFixed(0)} MB of JSONL, ~20 spans each`);

      // Import: the bare baseline's runs while its prepared rows are held, then ours with
      // them let go (held, they would make every full garbage collection of ours slower).
      const base: Timed[] = [];
      const ours: Timed[] = [];
      let file = '';
      {
        const rows = baselineImportRows(input);
        ctx.log('import baseline rows prepared');
        for (let run = 0; run < runs; run++) {
          const b = await bareImport(freshProject(dir, 'baseline.spanwise'), rows, n);
          base.push(b);
          ctx.log(`import baseline run ${run + 1}: ${rate(n, b.wall)} articles/s (CPU ${rate(n, b.cpu)})`);
        }
      }
      for (let run = 0; run < runs; run++) {
        file = freshProject(dir, 'ours.spanwise');
        const { db } = openDb(file);
        const o = await timed(() => importPaths(db, [input], importOptions.parse({})));
        db.close();
        ours.push(o);
        ctx.log(`import run ${run + 1}: ${rate(n, o.wall)} articles/s (CPU ${rate(n, o.cpu)})`);
      }
      fs.rmSync(path.join(dir, 'baseline.spanwise'), { force: true });

      // Export: ours (from the project just imported), then the baseline with its rows built.
      const exBase: Timed[] = [];
      const exOurs: Timed[] = [];
      let outBytes = 0;
      let baseBytes = 0;
      {
        const out = path.join(dir, 'export.jsonl');
        const { db } = openDb(file);
        for (let run = 0; run < runs; run++) {
          const o = await timed(async () => {
            outBytes = (await exportProject(db, out, EXPORT_OPTIONS)).bytes;
          });
          exOurs.push(o);
          ctx.log(
            `export run ${run + 1}: ${mbps(outBytes, o.wall)} MB/s (CPU ${mbps(outBytes, o.cpu)}), ${(outBytes / 1e6).toFixed(0)} MB`,
          );
        }
        db.close();
        fs.rmSync(out, { force: true });
      }
      {
        const rows = baselineExportRows(input);
        ctx.log('export baseline rows built');
        const baseOut = path.join(dir, 'baseline.jsonl');
        for (let run = 0; run < runs; run++) {
          const b = await timed(async () => {
            const sink = new Sink(baseOut);
            for (const r of rows) await sink.write(JSON.stringify(r) + '\n');
            await sink.close();
            baseBytes = sink.bytes;
          });
          exBase.push(b);
          ctx.log(`export baseline run ${run + 1}: ${mbps(baseBytes, b.wall)} MB/s (CPU ${mbps(baseBytes, b.cpu)})`);
        }
        fs.rmSync(baseOut, { force: true });
      }

      // Memory: each in a process of its own.
      const rssOurs = childRss(['export', file, path.join(dir, 'rss-export.jsonl')]);
      const rssBase = childRss(['stringify', input, path.join(dir, 'rss-baseline.jsonl')]);
      ctx.log(
        `peak RSS: export ${rssOurs.peak.toFixed(0)} MB (${rssOurs.loaded.toFixed(0)} MB once loaded); ` +
          `streamed JSON.stringify ${rssBase.peak.toFixed(0)} MB (${rssBase.loaded.toFixed(0)} MB once loaded)`,
      );

      const per = (runs: Timed[], k: 'wall' | 'cpu', amount: number) => runs.map((r) => amount / r[k]);
      const metrics: Metric[] = [
        {
          name: 'import (baseline: raw inserts)',
          unit: 'articles/s',
          samples: per(base, 'wall', n),
          higherIsBetter: true,
        },
        {
          name: 'import',
          unit: 'articles/s',
          samples: per(ours, 'wall', n),
          higherIsBetter: true,
          baseline: 'import (baseline: raw inserts)',
          maxRatio: 1.3,
        },
        {
          name: 'import CPU (baseline: raw inserts)',
          unit: 'articles/s',
          samples: per(base, 'cpu', n),
          higherIsBetter: true,
        },
        {
          name: 'import CPU',
          unit: 'articles/s',
          samples: per(ours, 'cpu', n),
          higherIsBetter: true,
          baseline: 'import CPU (baseline: raw inserts)',
          maxRatio: 1.3,
        },
        {
          name: 'export (baseline: JSON.stringify)',
          unit: 'MB/s',
          samples: per(exBase, 'wall', baseBytes / 1e6),
          higherIsBetter: true,
        },
        {
          name: 'export spans JSONL',
          unit: 'MB/s',
          samples: per(exOurs, 'wall', outBytes / 1e6),
          higherIsBetter: true,
          baseline: 'export (baseline: JSON.stringify)',
          maxRatio: 1.5,
        },
        {
          name: 'export CPU (baseline: JSON.stringify)',
          unit: 'MB/s',
          samples: per(exBase, 'cpu', baseBytes / 1e6),
          higherIsBetter: true,
        },
        {
          name: 'export spans JSONL CPU',
          unit: 'MB/s',
          samples: per(exOurs, 'cpu', outBytes / 1e6),
          higherIsBetter: true,
          baseline: 'export CPU (baseline: JSON.stringify)',
          maxRatio: 1.5,
        },
        {
          name: 'export peak RSS (baseline: streamed stringify)',
          unit: 'MB',
          samples: [rssBase.peak],
          higherIsBetter: false,
        },
        {
          name: 'export peak RSS',
          unit: 'MB',
          samples: [rssOurs.peak],
          higherIsBetter: false,
          baseline: 'export peak RSS (baseline: streamed stringify)',
        },
      ];
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default io;
