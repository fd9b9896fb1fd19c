// The price of "acknowledged means durable": a span edit through the dispatch (zod, checks,
// one write transaction) on a real project file, with the connection at synchronous=NORMAL
// (WAL synced only at checkpoints) and at FULL (WAL synced at every commit, what the app
// uses), in the same run and on the same file, so the ratio is the cost of one fsync per edit
// on this disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SYNCHRONOUS } from '../src/main/backend/db/open';
import { Project } from '../src/main/backend/project';
import type { BenchModule, Metric } from './lib/types';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');

const durability: BenchModule = {
  name: 'durability',
  description: `per-edit cost at synchronous=${SYNCHRONOUS} (the app's) against NORMAL`,
  async run(ctx) {
    const edits = ctx.quick ? 200 : 2_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const project = Project.open(path.join(dir, 'durability.spanwise'), { resourcesDir: RESOURCES, demo: true });
      project.setAnnotator('bench');
      const { handlers } = project;
      const span = handlers.createSpan({ id: randomUUID(), articleId: 1, labelId: 1, start: 0, end: 3 });
      // Alternating labels: every edit really writes a row.
      const perEdit = (mode: 'NORMAL' | 'FULL'): number => {
        project.db.pragma(`synchronous = ${mode}`);
        const t = process.hrtime.bigint();
        for (let i = 0; i < edits; i++) handlers.updateSpan({ id: span.id, labelId: 1 + (i % 2) });
        return Number(process.hrtime.bigint() - t) / 1e6 / edits;
      };
      const normal: number[] = [];
      const full: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        // Interleaved, so a busy moment on the machine falls on both.
        normal.push(perEdit('NORMAL'));
        full.push(perEdit('FULL'));
        ctx.log(`run ${run + 1}: NORMAL ${normal.at(-1)!.toFixed(3)} ms/edit, FULL ${full.at(-1)!.toFixed(3)} ms/edit`);
      }
      project.close();
      const metrics: Metric[] = [
        { name: 'span edit, synchronous=NORMAL (baseline)', unit: 'ms', samples: normal, higherIsBetter: false },
        {
          name: 'span edit, synchronous=FULL',
          unit: 'ms',
          samples: full,
          higherIsBetter: false,
          baseline: 'span edit, synchronous=NORMAL (baseline)',
          // A keystroke's edit must stay well under a frame even when it waits for the disk.
          target: 16,
        },
      ];
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default durability;
