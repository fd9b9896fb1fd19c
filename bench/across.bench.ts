// Across the article set at 100,000 syndicated articles (--quick: 10,000), on a cached project
// (bench/lib/across-project.ts: ~3 KB texts, a third reusing half of an earlier article's
// sentences, 200 articles labelled by one annotator) copied for each run. Measured in one run,
// each beside a bare baseline:
// - the stored sentence index and clusters built for the whole set (what the background job
//   does when a project opens without one) — baseline: reading every article's text;
// - 100 articles added (copies of indexed ones, the costly kind) and the index brought up to
//   date — baseline: inserting them (what the import itself writes, full-text index included);
// - suggestions for an open article (own labels and projected copies) from the stored index —
//   baseline: reading its text and the annotator's spans with raw statements;
// - "label every occurrence" of a recurring word, previewed over the whole set (the first 1,000
//   places), and counted exactly (what labelling them reads first) — baseline: the bare FTS5
//   count of the articles holding it;
// - search: what the app answers (the best 20 with hits, snippets, the total) — baseline: a bare
//   FTS5 MATCH for the same query.
// The machine the team measures on is shared and loaded, so the build and the calls are given
// in CPU time as well as wall time: the CPU time is what the code costs.
import fs from 'node:fs';
import { indexSource } from '../src/main/backend/across/index-access';
import { indexState, refreshIndex } from '../src/main/backend/across/index-store';
import { helperFeed } from '../src/main/backend/across/sketch-feed';
import { findOccurrences } from '../src/main/backend/across/occurrences';
import { ftsQuery, parseQuery, search } from '../src/main/backend/across/search';
import { listSuggestions } from '../src/main/backend/across/suggestions';
import { openDb } from '../src/main/backend/db/open';
import { mulberry32 } from '../tests/fixtures/random';
import { ACROSS_ANNOTATOR, copyAcrossProject } from './lib/across-project';
import type { BenchModule, Metric } from './lib/types';

function timed(fn: () => void): { wall: number; cpu: number; thread: number } {
  const c = process.cpuUsage();
  const th = process.threadCpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const u = process.cpuUsage(c);
  const v = process.threadCpuUsage(th);
  return { wall, cpu: (u.user + u.system) / 1000, thread: (v.user + v.system) / 1000 };
}

/** The job worker's script, which a whole build starts again as its helper thread. */
const WORKER = new URL('../src/main/backend/jobs/worker.ts', import.meta.url);

const across: BenchModule = {
  name: 'across',
  description: 'the stored sentence index, suggestions, every occurrence and search over a syndicated set',
  async run(ctx) {
    const n = ctx.quick ? 10_000 : 100_000;
    const { dir, file } = copyAcrossProject(n, ctx.log);
    try {
      const { db } = openDb(file);
      db.pragma('cache_size = -65536');
      const annotator = (db.prepare('SELECT id FROM annotators WHERE name = ?').get(ACROSS_ANNOTATOR) as { id: number })
        .id;
      const m = (name: string, unit: string, extra: Partial<Metric> = {}): Metric => ({
        name,
        unit,
        samples: [],
        higherIsBetter: false,
        ...extra,
      });
      const readAll = m('read every text (baseline)', 's');
      const build = m('sentence index + clusters, whole set', 's', { baseline: readAll.name, target: 60 });
      const buildCpu = m('sentence index + clusters, whole set (CPU, both threads)', 's');
      const buildThread = m("sentence index + clusters, whole set (CPU, the build's thread)", 's', { target: 60 });
      const insert100 = m('insert 100 articles (baseline)', 'ms');
      const increment = m('index 100 added articles', 'ms', { baseline: insert100.name });
      const incrementCpu = m('index 100 added articles (CPU)', 'ms');
      const bareOpen = m('open article rows (baseline)', 'ms');
      const suggest = m('suggestions, open article', 'ms', { baseline: bareOpen.name, target: 50 });
      const suggestCpu = m('suggestions, open article (CPU)', 'ms', { target: 50 });
      const ftsCount = m('fts5 count of the word (baseline)', 'ms');
      const every = m('every occurrence, whole set', 'ms', { baseline: ftsCount.name, target: 300 });
      const everyCpu = m('every occurrence, whole set (CPU)', 'ms', { target: 300 });
      const exactCount = m('every occurrence, exact count of all', 'ms', { baseline: ftsCount.name });
      const exactCountCpu = m('every occurrence, exact count of all (CPU)', 'ms');
      const ftsRaw = m('fts5 MATCH (baseline)', 'ms');
      const searched = m('search, best 20 with hits', 'ms', { baseline: ftsRaw.name, target: 50 });
      const searchedCpu = m('search, best 20 with hits (CPU)', 'ms', { target: 50 });

      // The whole build, once per run: what the background job does for a project opened
      // without an index (every article waits, as the migration or an import leaves them).
      const texts = db.prepare('SELECT text FROM articles');
      readAll.samples.push(timed(() => texts.all()).wall / 1000);
      let last = 0;
      let helped = 0;
      const whole = timed(() => {
        helped = refreshIndex(db, {
          // As the job does: a helper thread sketches ahead (its CPU is in the process's).
          sketchFeed: helperFeed({ url: WORKER, projectFile: file }),
          onProgress: (done, total) => {
            if (done - last >= total / 4 || done === total) {
              last = done;
              ctx.log(`index: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} articles`);
            }
          },
        }).helped;
      });
      ctx.log(`index: the helper thread sketched ${helped.toLocaleString('en-US')} of them`);
      build.samples.push(whole.wall / 1000);
      buildCpu.samples.push(whole.cpu / 1000);
      buildThread.samples.push(whole.thread / 1000);
      const sizes = db
        .prepare(
          `SELECT (SELECT count(*) FROM sentence_keys) AS keys, (SELECT count(*) FROM sentence_pairs) / 2 AS pairs,
                  (SELECT count(*) FROM sentence_matches) / 2 AS matches,
                  (SELECT count(*) FROM (SELECT cluster FROM sentence_articles GROUP BY cluster HAVING count(*) > 1)) AS clusters`,
        )
        .get() as { keys: number; pairs: number; matches: number; clusters: number };
      db.pragma('wal_checkpoint(TRUNCATE)');
      ctx.log(
        `${n.toLocaleString('en-US')} articles indexed: ${sizes.keys.toLocaleString('en-US')} keys, ${sizes.pairs.toLocaleString('en-US')} pairs, ${sizes.matches.toLocaleString('en-US')} matching sentences, ${sizes.clusters.toLocaleString('en-US')} clusters; file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`,
      );

      const rnd = mulberry32(5);
      const textOf = db.prepare('SELECT text FROM articles WHERE id = ?');
      const ins = db.prepare(
        "INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES (?, 'bench', ?, '{}', ?, '2026-01-02')",
      );
      let added = 0;
      for (let run = 0; run < ctx.runs; run++) {
        // 100 copies of indexed articles (half their sentences, a new first line): each one is
        // compared with its original and the original's copies.
        const copies = Array.from({ length: 100 }, () => {
          const source = (textOf.get(1 + Math.floor(rnd() * n)) as { text: string }).text;
          const kept = source.split(/(?<=\.)\s+/u).filter(() => rnd() < 0.5);
          return `Update ${++added}\n\n${kept.join(' ')}`;
        });
        insert100.samples.push(
          timed(() =>
            db.transaction(() => copies.forEach((t, i) => ins.run(`copy ${added}-${i}`, t, `c${added}-${i}`)))(),
          ).wall,
        );
        const step = timed(() => refreshIndex(db));
        increment.samples.push(step.wall);
        incrementCpu.samples.push(step.cpu);
      }
      if (indexState(db).dirty !== 0) throw new Error('the index was left behind');

      // Open articles: copies of labelled ones (so projection runs).
      const labelled = (
        db.prepare('SELECT DISTINCT article_id AS id FROM spans WHERE annotator_id = ? ORDER BY 1').all(annotator) as {
          id: number;
        }[]
      ).map((r) => r.id);
      const open = db
        .prepare(
          `SELECT DISTINCT p.other_id AS id FROM sentence_pairs p WHERE p.joined = 1 AND p.article_id IN (${labelled.join(',')})
           AND p.other_id NOT IN (${labelled.join(',')}) ORDER BY 1 LIMIT 10`,
        )
        .all()
        .map((r) => (r as { id: number }).id);
      const source = indexSource(db, { readonly: false });
      const row = db.prepare('SELECT id, title, text FROM articles WHERE id = ?');
      const spans = db.prepare(
        'SELECT id, label_id, start_offset, end_offset FROM spans WHERE annotator_id = ? AND deleted = 0',
      );
      // "Label every occurrence" of a recurring word: the word of the first labelled article
      // found in the most articles (a name in every tenth story).
      const target = labelled[0]!;
      const targetText = (row.get(target) as { text: string }).text;
      const count = db.prepare('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?');
      const best = [...targetText.matchAll(/(?<![\p{L}])\p{Ll}{5,}(?![\p{L}])/gu)]
        .slice(0, 40)
        .map((w) => ({ w, n: (count.get(`"${w[0]}"`) as { n: number }).n }))
        .sort((a, b) => b.n - a.n)[0]!;
      const sample = targetText.match(/\p{L}+/gu)!;
      const queries = [sample[3]!, `"${sample[10]} ${sample[11]}"`, `${sample[20]!.slice(0, 3)}*`];
      ctx.log(
        `${open.length} open copies of labelled articles; every occurrence of "${best.w[0]}" (in ${best.n.toLocaleString('en-US')} articles); queries ${queries.join(' | ')}`,
      );
      const raw = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 20');
      let suggestions = 0;
      let copies = 0;
      let places = 0;
      let listed = 0;
      let unread = 0;
      for (let run = 0; run < ctx.runs; run++) {
        for (const id of open) {
          bareOpen.samples.push(
            timed(() => {
              row.get(id);
              spans.all(annotator);
            }).wall,
          );
          const t = timed(() => {
            const list = listSuggestions(db, annotator, id, source);
            suggestions += list.suggestions.length;
            copies += list.suggestions.filter((s) => s.sources.some((x) => x.kind === 'copy')).length;
          });
          suggest.samples.push(t.wall);
          suggestCpu.samples.push(t.cpu);
        }
        ftsCount.samples.push(timed(() => count.get(`"${best.w[0]}"`)).wall);
        const everyQuery = {
          articleId: target,
          start: best.w.index,
          end: best.w.index + best.w[0].length,
          labelId: 1,
          scope: 'set' as const,
          caseSensitive: true,
        };
        const t = timed(() => {
          const o = findOccurrences(db, annotator, everyQuery);
          listed = o.occurrences.length;
          unread = o.unread ?? 0;
        });
        every.samples.push(t.wall);
        everyCpu.samples.push(t.cpu);
        const all = timed(() => {
          places = findOccurrences(db, annotator, everyQuery, Infinity).total!;
        });
        exactCount.samples.push(all.wall);
        exactCountCpu.samples.push(all.cpu);
        for (const q of queries) {
          const fts = ftsQuery(parseQuery(q));
          ftsRaw.samples.push(timed(() => raw.all(fts)).wall);
          const found = timed(() => search(db, q, { limit: 20 }));
          searched.samples.push(found.wall);
          searchedCpu.samples.push(found.cpu);
        }
      }
      ctx.log(
        `suggestions: ${(suggestions / ctx.runs / Math.max(1, open.length)).toFixed(1)} per open article (${(copies / ctx.runs / Math.max(1, open.length)).toFixed(1)} from copies); every occurrence: ${places.toLocaleString('en-US')} places, ${listed} in the preview (${unread.toLocaleString('en-US')} articles left unread by it)`,
      );
      db.close();
      return [
        readAll,
        build,
        buildCpu,
        buildThread,
        insert100,
        increment,
        incrementCpu,
        bareOpen,
        suggest,
        suggestCpu,
        ftsCount,
        every,
        everyCpu,
        exactCount,
        exactCountCpu,
        ftsRaw,
        searched,
        searchedCpu,
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default across;
