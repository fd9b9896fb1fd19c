// A large project for the list and start-up benches: the synthetic articles (~3 KB, ~20 spans
// each) written with bare inserts for one annotator, `bench`, whose statuses are seeded (30 %
// done, 10 % in progress, the rest to do); a second person, `other`, has marked every other
// article done, so the list's filters must keep the two apart. Built once per size and kept in
// the benches' cache (bench/lib/cache.ts), so repeated runs reuse it; each run works on a copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { openDb } from '../../src/main/backend/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/backend/db/migrations';
import { seedProject } from '../../src/main/backend/seed';
import { OffsetMap } from '../../src/shared/offsets';
import { mulberry32 } from '../../tests/fixtures/random';
import { cachedFile } from './cache';
import { LABELS, synthArticles, syntheticWriter } from './synth';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
/** Bumped when what is generated changes, so a stale cache is not reused. */
const GENERATION = 1;

export const BENCH_ANNOTATOR = 'bench';

function build(file: string, n: number): void {
  const { db } = openDb(file);
  seedProject(db, RESOURCES);
  const ts = '2026-01-01T00:00:00.000Z';
  const { labelIds, article: insA, annotator: insW, span: insS, status: insSt } = syntheticWriter(db);
  const rnd = mulberry32(13);
  db.pragma('cache_size = -65536');
  db.transaction(() => {
    const me = Number(insW.run(BENCH_ANNOTATOR, ts).lastInsertRowid);
    const other = Number(insW.run('other', ts).lastInsertRowid);
    db.prepare("INSERT INTO settings (key, value) VALUES ('current_annotator', ?)").run(String(me));
    let k = 0;
    let i = 0;
    for (const a of synthArticles(n)) {
      const id = Number(insA.run(a.title, a.text, `h${++i}`, ts).lastInsertRowid);
      const map = new OffsetMap(a.text);
      for (const s of a.spans) {
        const sid = `00000000-0000-4000-8000-${(++k).toString(16).padStart(12, '0')}`;
        insS.run(sid, id, me, labelIds[LABELS.indexOf(s.label)], map.toUtf16(s.start), map.toUtf16(s.end), ts, ts);
      }
      const r = rnd();
      if (r < 0.3) insSt.run(id, me, 'done', ts);
      else if (r < 0.4) insSt.run(id, me, 'in_progress', ts);
      if (i % 2 === 0) insSt.run(id, other, 'done', ts);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The cached project of `n` articles (built on first use, at the schema of its generation: read it, never write it). */
export function cachedBigProject(n: number, log: (message: string) => void): string {
  return cachedFile(
    `list-${n}-g${GENERATION}.spanwise`,
    `built ${n.toLocaleString('en-US')} articles`,
    (tmp) => build(tmp, n),
    log,
  );
}

/** Which schema a migrated copy holds: the latest version and the migrations' names (branches differ). */
export function schemaKey(): string {
  const names = MIGRATIONS.map((m) => `${m.version}-${m.name}`).join(',');
  return `s${LATEST_VERSION}-${createHash('sha256').update(names).digest('hex').slice(0, 8)}`;
}

/**
 * The cached project brought to the current schema, itself cached beside it (made from a copy,
 * never by migrating the shared file in place): without it every run would migrate 700 MB
 * again, which at 100,000 articles takes longer than the bench it serves (migrations are
 * measured on their own, in migrations.bench.ts).
 */
export function currentBigProject(n: number, log: (message: string) => void): string {
  const source = cachedBigProject(n, log);
  return cachedFile(
    path.basename(source).replace(/\.spanwise$/, `-${schemaKey()}.spanwise`),
    `migrated a copy of ${n.toLocaleString('en-US')} articles`,
    (tmp) => {
      fs.copyFileSync(source, tmp);
      const { db } = openDb(tmp);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
    log,
  );
}

/** A working copy of the cached project (at the current schema) in a fresh temporary folder (removed by the caller). */
export function copyBigProject(n: number, log: (message: string) => void): { dir: string; file: string } {
  const source = currentBigProject(n, log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
  const file = path.join(dir, 'big.spanwise');
  fs.copyFileSync(source, file);
  return { dir, file };
}
