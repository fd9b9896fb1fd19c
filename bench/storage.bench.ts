// How fast the span table's design lets rows in: bare inserts of the same synthetic articles
// (~3 KB, ~20 spans each; 20,000 articles, --quick: 2,000) in one transaction, into three
// designs that all keep a span's uuid (what merges match spans by):
// - today's: the uuid is the primary key (a TEXT key: every span is also written into a b-tree
//   ordered by uuid, beside the table's own);
// - an integer key with the uuid as a unique column (the table is the rowid b-tree; the uuid
//   gets an index);
// - spans packed per article and layer (one row per article and person, the spans as JSON
//   arrays with their uuids).
// Each beside the others in the same run; the baseline is today's design. Span ids are uuid v7
// (time-ordered, as the importer makes them), so today's key is appended rather than scattered.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from '../src/main/backend/importers/ids';
import { OffsetMap } from '../src/shared/offsets';
import { LABELS, synthArticles } from './lib/synth';
import type { BenchModule, Metric } from './lib/types';

const COMMON = `
  PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;
  CREATE TABLE labels (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
  CREATE TABLE annotators (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
  CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE) STRICT;
`;
const SPAN_COLUMNS = `
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    label_id     INTEGER NOT NULL REFERENCES labels (id),
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    origin       TEXT NOT NULL DEFAULT 'manual',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0`;

type Span = [uid: string, label: number, start: number, end: number];
interface Row {
  title: string;
  text: string;
  hash: string;
  spans: Span[];
}

interface Design {
  name: string;
  schema: string;
  insertSpans(db: Database.Database): (article: number, spans: Span[], ts: string) => void;
}

const DESIGNS: Design[] = [
  {
    name: 'uuid text key (today)',
    schema: `CREATE TABLE spans (id TEXT PRIMARY KEY, ${SPAN_COLUMNS}) STRICT;
             CREATE INDEX spans_by_article ON spans (article_id, annotator_id, deleted);`,
    insertSpans(db) {
      const ins = db.prepare(
        `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
      );
      return (article, spans, ts) => {
        for (const [uid, label, start, end] of spans) ins.run(uid, article, label, start, end, ts, ts);
      };
    },
  },
  {
    name: 'integer key, uuid unique',
    schema: `CREATE TABLE spans (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, ${SPAN_COLUMNS}) STRICT;
             CREATE INDEX spans_by_article ON spans (article_id, annotator_id, deleted);`,
    insertSpans(db) {
      const ins = db.prepare(
        `INSERT INTO spans (uid, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
      );
      return (article, spans, ts) => {
        for (const [uid, label, start, end] of spans) ins.run(uid, article, label, start, end, ts, ts);
      };
    },
  },
  {
    name: 'packed per article and layer',
    schema: `CREATE TABLE span_layers (
               article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
               annotator_id INTEGER NOT NULL REFERENCES annotators (id),
               spans        TEXT NOT NULL,
               updated_at   TEXT NOT NULL,
               PRIMARY KEY (article_id, annotator_id)) STRICT, WITHOUT ROWID;`,
    insertSpans(db) {
      const ins = db.prepare(
        'INSERT INTO span_layers (article_id, annotator_id, spans, updated_at) VALUES (?, 1, ?, ?)',
      );
      return (article, spans, ts) => void ins.run(article, JSON.stringify(spans), ts);
    },
  },
];

function rows(n: number): Row[] {
  const out: Row[] = [];
  let i = 0;
  for (const a of synthArticles(n)) {
    const map = new OffsetMap(a.text);
    out.push({
      title: a.title,
      text: a.text,
      hash: `h${++i}`,
      spans: a.spans.map((s) => [uuidv7(), LABELS.indexOf(s.label) + 1, map.toUtf16(s.start), map.toUtf16(s.end)]),
    });
  }
  return out;
}

function insertAll(file: string, design: Design, data: Row[]): number {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = new Database(file);
  db.exec(COMMON + design.schema);
  db.exec("INSERT INTO annotators (name) VALUES ('bench')");
  for (const l of LABELS) db.prepare('INSERT INTO labels (name) VALUES (?)').run(l);
  const insA = db.prepare('INSERT INTO articles (title, text, content_hash) VALUES (?, ?, ?)');
  const insS = design.insertSpans(db);
  const ts = new Date().toISOString();
  const t = performance.now();
  db.transaction(() => {
    for (const r of data) insS(Number(insA.run(r.title, r.text, r.hash).lastInsertRowid), r.spans, ts);
  })();
  const seconds = (performance.now() - t) / 1000;
  db.close();
  return data.length / seconds;
}

const storage: BenchModule = {
  name: 'storage',
  description: "bare inserts into three span-table designs that keep a span's uuid",
  async run(ctx) {
    const n = ctx.quick ? 2_000 : 20_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-bench-'));
    try {
      const data = rows(n);
      const samples = new Map<string, number[]>(DESIGNS.map((d) => [d.name, []]));
      // Interleaved, so that the machine's load falls on every design alike.
      for (let run = 0; run < ctx.runs; run++) {
        for (const d of DESIGNS) samples.get(d.name)!.push(insertAll(path.join(dir, 'storage.db'), d, data));
      }
      ctx.log(`${n.toLocaleString('en-US')} articles, ${data.reduce((k, r) => k + r.spans.length, 0)} spans`);
      const base = DESIGNS[0]!.name;
      return DESIGNS.map((d, i): Metric => ({
        name: d.name,
        unit: 'articles/s',
        samples: samples.get(d.name)!,
        higherIsBetter: true,
        ...(i > 0 ? { baseline: base } : {}),
      }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default storage;
