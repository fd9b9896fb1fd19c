// Merging a work pack of 100,000 spans (5,000 synthetic articles of ~3 KB, 20 spans each;
// --quick: 10,000) into a fresh project, beside a bare baseline measured in the same run: raw
// prepared-statement inserts of the same articles and spans, already built, in one
// transaction. The merge reads the file, checks its checksum and every record (zod, content
// hashes, offsets), looks every span id up and inserts. Merging the same pack again (every
// span unchanged) is measured too.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/main/backend/db/open';
import {
  PACK_FORMAT,
  PACK_VERSION,
  PackWriter,
  type ArticleRecord,
  type SpanRecord,
} from '../src/main/backend/packs/format';
import { runJob } from '../src/main/backend/jobs/run-job';
import type { WorkerMessage } from '../src/main/backend/jobs/protocol';
import { mergePacks } from '../src/main/backend/packs/merge';
import { OffsetMap } from '../src/shared/offsets';
import { mulberry32 } from '../tests/fixtures/random';
import { LABELS, synthArticles } from './lib/synth';
import { freshProject } from './lib/fresh-project';
import type { BenchModule, Metric } from './lib/types';

const UID = '5b1f0e6c-2d4a-4c8e-9f00-6a1b2c3d4e5f';
const TS = '2026-11-30T12:00:00.000Z';

/** Deterministic uuid-shaped ids from the seeded PRNG. */
function idMaker(seed: number): () => string {
  const rnd = mulberry32(seed);
  const hex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(rnd() * 16)
        .toString(16)
        .toLowerCase(),
    ).join('');
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function synthPack(n: number): { articles: ArticleRecord[]; spans: SpanRecord[] } {
  const nextId = idMaker(7);
  const articles: ArticleRecord[] = [];
  const spans: SpanRecord[] = [];
  for (const a of synthArticles(n)) {
    const hash = createHash('sha256').update(a.text, 'utf8').digest('hex');
    articles.push({
      type: 'article',
      hash,
      title: a.title,
      source: 'synthetic',
      text: a.text,
      meta: {},
      externalId: a.id,
    });
    const map = new OffsetMap(a.text);
    for (const s of a.spans) {
      spans.push({
        type: 'span',
        id: nextId(),
        article: hash,
        label: s.label,
        start: map.toUtf16(s.start),
        end: map.toUtf16(s.end),
        origin: 'manual',
        createdAt: TS,
        updatedAt: TS,
        deleted: false,
      });
    }
  }
  return { articles, spans };
}

function seconds(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const packs: BenchModule = {
  name: 'packs',
  description: 'merging a work pack of 100,000 spans against raw inserts of the same rows',
  async run(ctx) {
    const n = ctx.quick ? 500 : 5_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const data = synthPack(n);
      const file = path.join(dir, 'bench.swpack');
      const writer = new PackWriter(file, {
        format: PACK_FORMAT,
        version: PACK_VERSION,
        kind: 'work',
        offsets: 'utf16',
        createdAt: TS,
        annotator: { uid: UID, name: 'bench' },
        guidelinesHash: createHash('sha256').update('').digest('hex'),
      });
      for (const name of LABELS) writer.write({ type: 'label', name, color: '#0072B2', hotkey: null, description: '' });
      for (const a of data.articles) writer.write(a);
      for (const s of data.spans) writer.write(s);
      writer.finish();
      const spans = data.spans.length;
      ctx.log(
        `${spans.toLocaleString('en-US')} spans on ${n.toLocaleString('en-US')} articles, pack ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`,
      );

      // Baseline: the same rows, already built, inserted with prepared statements.
      const base: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        const { db } = openDb(freshProject(dir, 'baseline.spanwise'));
        const labelIds = new Map(
          (db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[]).map((r) => [
            r.name,
            r.id,
          ]),
        );
        const insA = db.prepare(
          'INSERT INTO articles (title, source, text, meta, content_hash, created_at, external_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        const insS = db.prepare(
          `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at, deleted)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const t = seconds(() =>
          db.transaction(() => {
            const who = Number(
              db.prepare("INSERT INTO annotators (uid, name, created_at) VALUES (?, 'bench', ?)").run(UID, TS)
                .lastInsertRowid,
            );
            const ids = new Map<string, number>();
            for (const a of data.articles) {
              ids.set(
                a.hash,
                Number(
                  insA.run(a.title, a.source, a.text, '{}', a.hash, TS, JSON.stringify(a.externalId)).lastInsertRowid,
                ),
              );
            }
            for (const s of data.spans) {
              insS.run(
                s.id,
                ids.get(s.article),
                who,
                labelIds.get(s.label),
                s.start,
                s.end,
                s.origin,
                s.createdAt,
                s.updatedAt,
                0,
              );
            }
          })(),
        );
        db.close();
        base.push(t);
        ctx.log(`baseline run ${run + 1}: ${t.toFixed(2)} s`);
      }

      const merge: number[] = [];
      const again: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        const { db } = openDb(freshProject(dir, 'merge.spanwise'));
        let added = 0;
        merge.push(
          seconds(() => {
            added = mergePacks(db, [file])[0]!.spans.added;
          }),
        );
        if (added !== spans) throw new Error(`merge added ${added} spans, expected ${spans}`);
        let unchanged = 0;
        again.push(
          seconds(() => {
            unchanged = mergePacks(db, [file])[0]!.spans.unchanged;
          }),
        );
        if (unchanged !== spans) throw new Error(`second merge left ${unchanged} unchanged, expected ${spans}`);
        db.close();
        ctx.log(
          `merge run ${run + 1}: ${merge[run]!.toFixed(2)} s; again (all unchanged): ${again[run]!.toFixed(2)} s`,
        );
      }

      // The app's merge job as its worker runs it (in this thread): the same merge with the job's
      // progress and Cancel checks after every span, and its own connection.
      const job: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        const projectFile = freshProject(dir, 'job.spanwise');
        let end: WorkerMessage | null = null;
        const t = process.hrtime.bigint();
        await runJob(
          { kind: 'merge', projectFile, paths: [file], inbox: null },
          () => false,
          (m) => {
            if (m.type !== 'progress') end = m;
          },
        );
        job.push(Number(process.hrtime.bigint() - t) / 1e9);
        const done = end as WorkerMessage | null;
        if (done?.type !== 'done' || done.merge?.merged[0]?.spans.added !== spans) {
          throw new Error(`the merge job did not add ${spans} spans: ${JSON.stringify(done)}`);
        }
        ctx.log(`merge job run ${run + 1}: ${job[run]!.toFixed(2)} s`);
      }

      const metrics: Metric[] = [
        { name: 'insert (baseline: raw inserts)', unit: 's', samples: base, higherIsBetter: false },
        {
          name: `merge ${spans.toLocaleString('en-US')} spans`,
          unit: 's',
          samples: merge,
          higherIsBetter: false,
          baseline: 'insert (baseline: raw inserts)',
          target: ctx.quick ? 0.3 : 3,
        },
        {
          name: `merge job (progress, Cancel) ${spans.toLocaleString('en-US')} spans`,
          unit: 's',
          samples: job,
          higherIsBetter: false,
          baseline: `merge ${spans.toLocaleString('en-US')} spans`,
          maxRatio: 1.25,
        },
        {
          name: 'merge the same pack again',
          unit: 's',
          samples: again,
          higherIsBetter: false,
          baseline: 'insert (baseline: raw inserts)',
          target: ctx.quick ? 0.3 : 3,
        },
      ];
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default packs;
