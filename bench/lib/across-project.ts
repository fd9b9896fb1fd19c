// The syndicated project for the across bench: `syndicatedTexts(n)` (a third of the articles
// reuse half the sentences of an earlier one) written with bare inserts, and one annotator,
// `ana`, who labelled 200 of them with 20 word-aligned spans of two or three words each. The
// sentence index is not built in it (every article waits in `sentence_dirty`, as after an
// import), so each run measures the build. Built once per size and kept beside the list
// bench's projects in the benches' cache (bench/lib/cache.ts) under its own name; each run
// works on a copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/main/backend/db/open';
import { seedProject } from '../../src/main/backend/seed';
import { mulberry32 } from '../../tests/fixtures/random';
import { syndicatedTexts, syntheticWriter } from './synth';
import { schemaKey } from './big-project';
import { cachedFile } from './cache';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
/** Bumped when what is generated changes, so a stale cache is not reused. */
const GENERATION = 1;
const LABELLED = 200;

export const ACROSS_ANNOTATOR = 'ana';

function build(file: string, n: number): void {
  const { db } = openDb(file, { create: true });
  seedProject(db, RESOURCES);
  const ts = '2026-01-01T00:00:00.000Z';
  const { labelIds, article: insA, annotator: insW, span: insS } = syntheticWriter(db);
  const rnd = mulberry32(11);
  db.pragma('cache_size = -65536');
  db.transaction(() => {
    const me = Number(insW.run(ACROSS_ANNOTATOR, ts).lastInsertRowid);
    db.prepare("INSERT INTO settings (key, value) VALUES ('current_annotator', ?)").run(String(me));
    let labelled = 0;
    let k = 0;
    for (const a of syndicatedTexts(n)) {
      const id = Number(insA.run(a.title, a.text, `h${a.id}`, ts).lastInsertRowid);
      if (labelled >= LABELLED || rnd() > (2 * LABELLED) / n) continue;
      labelled++;
      const words = [...a.text.matchAll(/\p{L}+/gu)];
      for (let s = 0; s < 20; s++) {
        const i = Math.floor(rnd() * (words.length - 3));
        const len = 2 + Math.floor(rnd() * 2);
        const start = words[i]!.index;
        const end = words[i + len - 1]!.index + words[i + len - 1]![0].length;
        const sid = `00000000-0000-4000-8000-${(++k).toString(16).padStart(12, '0')}`;
        insS.run(sid, id, me, labelIds[s % labelIds.length], start, end, ts, ts);
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The cached project of `n` syndicated articles (built on first use). */
function cachedAcrossProject(n: number, log: (message: string) => void): string {
  // Built at the code's own schema: keyed by it, so a project built by other code is never reused.
  return cachedFile(
    `across-${n}-g${GENERATION}-${schemaKey()}.spanwise`,
    `built ${n.toLocaleString('en-US')} syndicated articles`,
    (tmp) => build(tmp, n),
    log,
  );
}

/** A working copy of the cached project in a fresh temporary folder (removed by the caller). */
export function copyAcrossProject(n: number, log: (message: string) => void): { dir: string; file: string } {
  const source = cachedAcrossProject(n, log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
  const file = path.join(dir, 'across.spanwise');
  fs.copyFileSync(source, file);
  return { dir, file };
}
