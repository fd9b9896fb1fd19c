// Agreement over a synthetic project: 10,000 articles (~3 KB, some with emoji and CJK) × 3
// annotators × 20 spans, every layer marked done (--quick: 1,000 articles). Each annotator's
// layer is the same 20 spans with seeded disagreements: a label changed, an end moved, a span
// replaced by another. Measured in the same run:
// - baseline: reading the same rows (articles' texts, statuses, spans) with raw statements;
// - agreement: what `spanwise agreement` computes, from the project file: read the layers,
//   convert offsets to code points, span F1 (exact, overlap), kappa and alpha for all labels;
// - the same metrics from layers already in memory, and the conflict clusters of every article;
// - the merge policy (unanimous) applied over every article, recorded in the decision log, the
//   review queue read with those decisions, and the undo of that run (so that each run starts
//   from the same log).
import { writeTransaction } from '../src/main/backend/db/handles';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureAnnotator } from '../src/main/backend/annotators';
import { openDb } from '../src/main/backend/db/open';
import { undoDecision } from '../src/main/backend/review/decisions';
import { applyPolicy } from '../src/main/backend/review/policy';
import { reviewQueue } from '../src/main/backend/review/queue';
import { clusterArticle } from '../src/main/backend/review/clusters';
import { loadReview } from '../src/main/backend/review/load';
import type { ReviewArticle } from '../src/main/backend/review/model';
import { agreementReport } from '../src/main/backend/review/report';
import { seedProject } from '../src/main/backend/seed';
import { OffsetMap } from '../src/shared/offsets';
import { mulberry32 } from '../tests/fixtures/random';
import { LABELS, synthArticles, syntheticWriter } from './lib/synth';
import type { BenchModule, Metric } from './lib/types';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');
const ANNOTATORS = ['alice', 'bob', 'carol'];

interface Layered {
  text: string;
  title: string;
  /** Per annotator: [start, end, label index] in code points. */
  layers: [number, number, number][][];
}

/** The synthetic articles with three perturbed copies of their spans (deterministic). */
function* layeredArticles(n: number): Generator<Layered> {
  const rnd = mulberry32(7);
  for (const a of synthArticles(n)) {
    const base = a.spans.map((s): [number, number, number] => [s.start, s.end, LABELS.indexOf(s.label)]);
    const layers = ANNOTATORS.map(() =>
      base.map(([start, end, label]): [number, number, number] => {
        const r = rnd();
        if (r < 0.06) return [start, end, (label + 1) % LABELS.length];
        if (r < 0.12 && end - start > 1) return [start, end - 1, label];
        if (r < 0.15) {
          const other = base[Math.floor(rnd() * base.length)]!;
          return [other[0], other[1], (other[2] + 2) % LABELS.length];
        }
        return [start, end, label];
      }),
    );
    yield { text: a.text, title: a.title, layers };
  }
}

function buildProject(file: string, n: number): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const { db } = openDb(file);
  seedProject(db, RESOURCES);
  const ts = new Date().toISOString();
  const { labelIds, article: insA, annotator: insW, span: insS, status: insSt } = syntheticWriter(db);
  db.transaction(() => {
    const who = ANNOTATORS.map((name) => Number(insW.run(name, ts).lastInsertRowid));
    let k = 0;
    let i = 0;
    for (const a of layeredArticles(n)) {
      const id = Number(insA.run(a.title, a.text, `h${++i}`, ts).lastInsertRowid);
      const map = new OffsetMap(a.text);
      a.layers.forEach((spans, w) => {
        for (const [start, end, label] of spans) {
          // Span ids are uuids in the app; any unique text will do here.
          const sid = `00000000-0000-4000-8000-${(++k).toString(16).padStart(12, '0')}`;
          insS.run(sid, id, who[w], labelIds[label], map.toUtf16(start), map.toUtf16(end), ts, ts);
        }
        insSt.run(id, who[w], 'done', ts);
      });
    }
  })();
  db.close();
}

/** Wall-clock and CPU seconds of fn: on a shared machine the CPU time is the steadier number. */
function seconds(fn: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

const agreement: BenchModule = {
  name: 'agreement',
  description: 'agreement metrics and conflict clusters for 3 annotators × 20 spans per article',
  async run(ctx) {
    const n = ctx.quick ? 1_000 : 10_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const file = path.join(dir, 'agreement.spanwise');
      buildProject(file, n);
      const { db } = openDb(file);
      const spans = (db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number }).n;
      ctx.log(`${n.toLocaleString('en-US')} articles, ${ANNOTATORS.length} layers done, ${spans} spans`);

      const base: { wall: number; cpu: number }[] = [];
      const ours: { wall: number; cpu: number }[] = [];
      const memory: { wall: number; cpu: number }[] = [];
      const clusters: { wall: number; cpu: number }[] = [];
      const policy: { wall: number; cpu: number }[] = [];
      const undo: { wall: number; cpu: number }[] = [];
      const queue: { wall: number; cpu: number }[] = [];
      const reviewer = writeTransaction(db, (w) => ensureAnnotator(w, 'rev', 'reviewer').id);
      let articles: ReviewArticle[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        base.push(
          seconds(() => {
            db.prepare('SELECT id, title, text FROM articles').raw(true).all();
            db.prepare("SELECT article_id, annotator_id FROM article_status WHERE status = 'done'").raw(true).all();
            db.prepare(
              'SELECT article_id, annotator_id, id, label_id, start_offset, end_offset FROM spans WHERE deleted = 0',
            )
              .raw(true)
              .all();
          }),
        );
        let pairs = 0;
        ours.push(
          seconds(() => {
            pairs = agreementReport(loadReview(db)).pairs.length;
          }),
        );
        const review = loadReview(db);
        articles = [...review.articles];
        memory.push(seconds(() => void agreementReport({ ...review, articles })));
        let count = 0;
        clusters.push(
          seconds(() => {
            for (const a of articles) count += clusterArticle(a).length;
          }),
        );
        // The merge policy, the queue over its decisions and the undo carry no target and take
        // half a minute together at 10,000 articles: timed in the first run only, so the whole
        // `npm run bench` fits in its ten minutes.
        let decided = 0;
        let listed = 0;
        let undone = 0;
        if (run === 0) {
          policy.push(
            seconds(() => {
              decided = applyPolicy(db, reviewer, { unanimous: true, majority: false }).decisions.length;
            }),
          );
          queue.push(
            seconds(() => {
              listed = reviewQueue(db, 'open').items.length;
            }),
          );
          undo.push(
            seconds(() => {
              undone = undoDecision(db, reviewer).length;
            }),
          );
        }
        ctx.log(
          `run ${run + 1}: read ${base[run]!.wall.toFixed(3)} s, agreement ${ours[run]!.wall.toFixed(3)} s ` +
            `(${pairs} pairs), from memory ${memory[run]!.wall.toFixed(3)} s, ` +
            `clusters ${clusters[run]!.wall.toFixed(3)} s (${count}), ` +
            (run === 0
              ? `policy ${policy[0]!.wall.toFixed(3)} s (${decided} decisions), queue ${queue[0]!.wall.toFixed(3)} s (${listed}), ` +
                `undo ${undo[0]!.wall.toFixed(3)} s (${undone})`
              : ''),
        );
      }
      db.close();
      const wall = (xs: { wall: number }[]) => xs.map((x) => x.wall);
      const cpu = (xs: { cpu: number }[]) => xs.map((x) => x.cpu);
      const metrics: Metric[] = [
        { name: 'read the rows (baseline)', unit: 's', samples: wall(base), higherIsBetter: false },
        {
          name: 'agreement from the project',
          unit: 's',
          samples: wall(ours),
          higherIsBetter: false,
          baseline: 'read the rows (baseline)',
          target: ctx.quick ? 0.1 : 1,
        },
        { name: 'agreement from memory', unit: 's', samples: wall(memory), higherIsBetter: false },
        { name: 'conflict clusters from memory', unit: 's', samples: wall(clusters), higherIsBetter: false },
        { name: 'read the rows (baseline), CPU', unit: 's', samples: cpu(base), higherIsBetter: false },
        {
          name: 'agreement from the project, CPU',
          unit: 's',
          samples: cpu(ours),
          higherIsBetter: false,
          baseline: 'read the rows (baseline), CPU',
          target: ctx.quick ? 0.1 : 1,
        },
        { name: 'agreement from memory, CPU', unit: 's', samples: cpu(memory), higherIsBetter: false },
        { name: 'conflict clusters from memory, CPU', unit: 's', samples: cpu(clusters), higherIsBetter: false },
        { name: 'apply the merge policy (unanimous)', unit: 's', samples: wall(policy), higherIsBetter: false },
        { name: 'review queue (open), decisions in the log', unit: 's', samples: wall(queue), higherIsBetter: false },
        { name: 'undo the policy run', unit: 's', samples: wall(undo), higherIsBetter: false },
        { name: 'apply the merge policy (unanimous), CPU', unit: 's', samples: cpu(policy), higherIsBetter: false },
        { name: 'review queue (open), CPU', unit: 's', samples: cpu(queue), higherIsBetter: false },
        { name: 'undo the policy run, CPU', unit: 's', samples: cpu(undo), higherIsBetter: false },
      ];
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default agreement;
