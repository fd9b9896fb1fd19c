// Across the article set, on a synthetic project of syndicated articles (bench/lib/synth.ts:
// ~3 KB texts, a third reusing half of an earlier article's sentences) with one annotator's
// labels on 200 of them (--quick: 2,000 articles). Measured in the same run:
// - baseline: a bare FTS5 MATCH for the same query (row ids, no hits, no count) — search: what
//   the app answers (the query parsed, the best 20 with hits at verbatim offsets, snippets and
//   the total);
// - baseline: reading the open article's text and the annotator's spans with raw statements —
//   suggestions for an open article (own labels and projected copies), the index already built;
// - "label every occurrence" previewed over the whole set;
// - building the sentence index and clusters for the whole set, and adding 100 new articles
//   to a built index (what an import of 100 articles costs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sentenceIndex } from '../src/main/backend/across/index-cache';
import { findOccurrences } from '../src/main/backend/across/occurrences';
import { ftsQuery, parseQuery, search } from '../src/main/backend/across/search';
import { SentenceIndex } from '../src/main/backend/across/sentence-index';
import { listSuggestions } from '../src/main/backend/across/suggestions';
import { openDb } from '../src/main/backend/db/open';
import { seedProject } from '../src/main/backend/seed';
import { mulberry32 } from '../tests/fixtures/random';
import { syndicatedTexts } from './lib/synth';
import type { BenchModule, Metric } from './lib/types';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');

function buildProject(file: string, n: number): { annotator: number; labelled: number[] } {
  const { db } = openDb(file);
  seedProject(db, RESOURCES);
  const ts = new Date().toISOString();
  const labels = (db.prepare('SELECT id FROM labels ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const insA = db.prepare(
    "INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES (?, 'synthetic', ?, '{}', ?, ?)",
  );
  const insS = db.prepare(
    `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rnd = mulberry32(11);
  const labelled: number[] = [];
  let annotator = 0;
  db.transaction(() => {
    annotator = Number(
      db.prepare("INSERT INTO annotators (name, role, created_at) VALUES ('ana', 'annotator', ?)").run(ts)
        .lastInsertRowid,
    );
    let k = 0;
    for (const a of syndicatedTexts(n)) {
      const id = Number(insA.run(a.title, a.text, `h${a.id}`, ts).lastInsertRowid);
      if (labelled.length >= 200 || rnd() > 400 / n) continue;
      labelled.push(id);
      // 20 word-aligned spans of two or three words (single words of this vocabulary recur everywhere).
      const words = [...a.text.matchAll(/\p{L}+/gu)];
      for (let s = 0; s < 20; s++) {
        const i = Math.floor(rnd() * (words.length - 3));
        const len = 2 + Math.floor(rnd() * 2);
        const start = words[i]!.index;
        const end = words[i + len - 1]!.index + words[i + len - 1]![0].length;
        const sid = `00000000-0000-4000-8000-${(++k).toString(16).padStart(12, '0')}`;
        insS.run(sid, id, annotator, labels[s % labels.length], start, end, ts, ts);
      }
    }
  })();
  db.close();
  return { annotator, labelled };
}

function ms(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const across: BenchModule = {
  name: 'across',
  description: 'search, suggestions, every occurrence and the sentence index over a syndicated set',
  async run(ctx) {
    const n = ctx.quick ? 2_000 : 20_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const file = path.join(dir, 'across.spanwise');
      const { annotator, labelled } = buildProject(file, n);
      const { db } = openDb(file);
      const texts = db.prepare('SELECT id, text FROM articles ORDER BY id').all() as { id: number; text: string }[];
      // Queries from the set's own words: a frequent word, a phrase, a prefix.
      const sample = texts[7]!.text.match(/\p{L}+/gu)!;
      const queries = [sample[3]!, `"${sample[10]} ${sample[11]}"`, `${sample[20]!.slice(0, 3)}*`];
      ctx.log(
        `${n.toLocaleString('en-US')} articles, ${labelled.length} labelled by one annotator; queries ${queries.join(' | ')}`,
      );

      const m = (name: string, unit: string, extra: Partial<Metric> = {}): Metric => ({
        name,
        unit,
        samples: [],
        higherIsBetter: false,
        ...extra,
      });
      const ftsRaw = m('fts5 MATCH (baseline)', 'ms');
      const searched = m('search, best 20 with hits', 'ms', { baseline: ftsRaw.name, target: 50 });
      const bareOpen = m('open article rows (baseline)', 'ms');
      const suggest = m('suggestions, open article', 'ms', { baseline: bareOpen.name, target: 50 });
      const every = m('every occurrence, whole set', 'ms', { target: 300 });
      const build = m('sentence index + clusters, whole set', 's');
      const perArticle = m('index build rate', 'articles/s', { higherIsBetter: true, target: 100_000 / 60 });
      const increment = m('add 100 articles to the index', 'ms');

      const raw = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 20');
      const text = db.prepare('SELECT id, title, text FROM articles WHERE id = ?');
      const spans = db.prepare(
        'SELECT id, label_id, start_offset, end_offset FROM spans WHERE annotator_id = ? AND deleted = 0',
      );
      // The index is built once per connection; the first suggestion call pays for it.
      const first = ms(() => sentenceIndex(db));
      ctx.log(
        `first index build on the connection: ${(first / 1000).toFixed(1)} s; clusters: ${sentenceIndex(db).clusters().length}`,
      );
      // Open articles: copies of labelled ones (so projection runs) and others.
      const index = sentenceIndex(db);
      const open = texts
        .map((t) => t.id)
        .filter((id) => index.cluster(id).some((o) => o !== id && labelled.includes(o)))
        .slice(0, 10);
      let suggestions = 0;
      const target = labelled[0]!;
      // "Label every occurrence" of a recurring word (a name that is in every other story): the
      // word of the first labelled article found in the most articles.
      const targetText = texts.find((t) => t.id === target)!.text;
      const count = db.prepare('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?');
      const candidates = [...targetText.matchAll(/(?<![\p{L}])\p{Ll}{3,}(?![\p{L}])/gu)].slice(0, 40);
      const best = candidates
        .map((m) => ({ m, n: (count.get(`"${m[0]}"`) as { n: number }).n }))
        .sort((a, b) => b.n - a.n)[0]!;
      const label = { l: 1, s: best.m.index, e: best.m.index + best.m[0].length };
      ctx.log(`every occurrence of "${best.m[0]}", in ${best.n} articles`);
      let occurrences = 0;
      for (let run = 0; run < ctx.runs; run++) {
        for (const q of queries) {
          const fts = ftsQuery(parseQuery(q));
          ftsRaw.samples.push(ms(() => raw.all(fts)));
          searched.samples.push(ms(() => search(db, q, { limit: 20 })));
        }
        for (const id of open) {
          bareOpen.samples.push(
            ms(() => {
              text.get(id);
              spans.all(annotator);
            }),
          );
          suggest.samples.push(ms(() => (suggestions += listSuggestions(db, annotator, id).suggestions.length)));
        }
        every.samples.push(
          ms(
            () =>
              (occurrences = findOccurrences(db, annotator, {
                articleId: target,
                start: label.s,
                end: label.e,
                labelId: label.l,
                scope: 'set',
                caseSensitive: true,
              }).occurrences.length),
          ),
        );
        const fresh = new SentenceIndex();
        const seconds =
          ms(() => {
            for (const t of texts) fresh.add(t.id, t.text);
          }) / 1000;
        build.samples.push(seconds);
        perArticle.samples.push(texts.length / seconds);
        const more = new SentenceIndex();
        for (const t of texts.slice(0, -100)) more.add(t.id, t.text);
        increment.samples.push(
          ms(() => {
            for (const t of texts.slice(-100)) more.add(t.id, t.text);
          }),
        );
      }
      ctx.log(
        `${open.length} open articles: ${(suggestions / ctx.runs / Math.max(1, open.length)).toFixed(1)} suggestions each; every occurrence: ${occurrences} places`,
      );
      db.close();
      return [ftsRaw, searched, bareOpen, suggest, every, build, perArticle, increment];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default across;
