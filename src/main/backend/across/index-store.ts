// The sentence index kept in the project file (migration 10), brought up to date from the
// articles the triggers marked (`sentence_dirty`): those removed or changed are taken out
// first, and the clusters they were in are recomputed from the stored pairs of the members
// that remain; then those added or changed are indexed in id order, each compared only with
// the articles sharing a key with it (sketch.ts). Nothing else is read again, so an import of
// a hundred articles costs a hundred articles and the copies they share sentences with.
//
// A whole project (every article marked, nothing indexed yet) is built in memory — keys in a
// KeyTable, each article's sketch kept — and written in chunks, each its own transaction, so
// the window sees the count grow and a build stopped midway keeps what it finished.
import { Cancelled } from '../importers/errors';
import { sql, writeTransaction, type ReadDb, type WriteDb } from '../db/handles';
import { letWritersIn, writerWaiting } from '../db/lock-signal';
import { KeyTable } from './key-table';
import { compare, KEY_CAP, sketch, UnionFind, type Comparison, type Sketch } from './sketch';
import type { SketchFeed } from './sketch-feed';
import type { ClusterView, PairScore } from './sentence-index';

const STATE = sql<{ indexed: number; dirty: number }>(
  `SELECT (SELECT count(*) FROM sentence_articles) AS indexed, (SELECT count(*) FROM sentence_dirty) AS dirty`,
);
const DIRTY = sql<{ id: number; present: number; indexed: number }>(
  `SELECT d.article_id AS id, EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id) AS present,
          EXISTS (SELECT 1 FROM sentence_articles s WHERE s.article_id = d.article_id) AS indexed
   FROM sentence_dirty d ORDER BY d.article_id`,
);
const TEXT = sql<{ text: string }>('SELECT text FROM articles WHERE id = ?');
const ARTICLE = sql<{ cluster: number; words: number; keys: Buffer }>(
  'SELECT cluster, words, keys FROM sentence_articles WHERE article_id = ?',
);
const KEY_ARTICLES = sql<{ id: number }>('SELECT article_id AS id FROM sentence_keys WHERE key = ? LIMIT ?');
const PAIRS_OF = sql<{ other: number; joined: number }>(
  'SELECT other_id AS other, joined FROM sentence_pairs WHERE article_id = ?',
);
const MEMBERS = sql<{ id: number }>(
  'SELECT article_id AS id FROM sentence_articles WHERE cluster = ? ORDER BY article_id',
);
const PAIR = sql<{ shared: number; words: number; otherShared: number; otherWords: number }>(
  `SELECT shared, words, other_shared AS otherShared, other_words AS otherWords
   FROM sentence_pairs WHERE article_id = ? AND other_id = ?`,
);
const WORDS = sql<{ words: number }>('SELECT words FROM sentence_articles WHERE article_id = ?');
const MATCHES = sql<{ s: number; t: number }>(
  `SELECT sentence AS s, other_sentence AS t FROM sentence_matches
   WHERE article_id = ? AND other_id = ? ORDER BY sentence, other_sentence`,
);
const ALL_PAIRS = sql<{ a: number; b: number }>(
  'SELECT article_id AS a, other_id AS b FROM sentence_pairs WHERE article_id < other_id ORDER BY 1, 2',
);
const CLUSTERS = sql<{ cluster: number; id: number }>(
  `SELECT cluster, article_id AS id FROM sentence_articles
   WHERE cluster IN (SELECT cluster FROM sentence_articles GROUP BY cluster HAVING count(*) > 1)
   ORDER BY cluster, article_id`,
);

const IS_DIRTY = sql<{ one: number }>('SELECT 1 AS one FROM sentence_dirty WHERE article_id = ?');
const DEL_KEY = sql('DELETE FROM sentence_keys WHERE key = ? AND article_id = ?');
const DEL_PAIRS = sql('DELETE FROM sentence_pairs WHERE article_id = ?');
const DEL_PAIR = sql('DELETE FROM sentence_pairs WHERE article_id = ? AND other_id = ?');
const DEL_MATCHES = sql('DELETE FROM sentence_matches WHERE article_id = ?');
const DEL_MATCHES_WITH = sql('DELETE FROM sentence_matches WHERE article_id = ? AND other_id = ?');
const DEL_ARTICLE = sql('DELETE FROM sentence_articles WHERE article_id = ?');
const DEL_DIRTY = sql('DELETE FROM sentence_dirty WHERE article_id = ?');
const SET_CLUSTER = sql('UPDATE sentence_articles SET cluster = ? WHERE article_id = ?');
const MOVE_CLUSTER = sql('UPDATE sentence_articles SET cluster = ? WHERE cluster = ?');
const INS_ARTICLE = sql('INSERT INTO sentence_articles (article_id, cluster, words, keys) VALUES (?, ?, ?, ?)');
// Many rows in one statement (a JSON array read by SQLite itself): a whole build writes tens of
// rows per article, and one call per row costs more than the rows.
const INS_KEYS = sql(
  'INSERT OR IGNORE INTO sentence_keys (key, article_id) SELECT value, ? FROM json_each(?) ORDER BY value',
);
const DEL_DIRTY_MANY = sql('DELETE FROM sentence_dirty WHERE article_id IN (SELECT value FROM json_each(?))');
const INS_PAIR = sql(
  `INSERT INTO sentence_pairs (article_id, other_id, shared, words, other_shared, other_words, joined)
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
);
const INS_MATCHES = sql(
  `INSERT INTO sentence_matches (article_id, other_id, sentence, other_sentence)
   SELECT ?, ?, value ->> 0, value ->> 1 FROM json_each(?)`,
);

const ANY_DIRTY = sql<{ dirty: number }>('SELECT EXISTS (SELECT 1 FROM sentence_dirty) AS dirty');

/** Whether any article waits to be indexed (one row read, however large the project). */
export function indexBehind(db: ReadDb): boolean {
  return ANY_DIRTY.get(db)!.dirty === 1;
}

/** How far the stored index is: articles indexed, and articles waiting (added, changed or removed). */
export function indexState(db: ReadDb): { indexed: number; dirty: number } {
  return STATE.get(db)!;
}

export interface RefreshStats {
  /** Articles taken out (removed or changed). */
  removed: number;
  /** Articles indexed (added or changed). */
  added: number;
  /** Articles already indexed whose text was read again, to compare a new one with. */
  reread: number;
  /** Pairs of articles compared sentence by sentence. */
  compared: number;
  /** Articles whose sketch the helper thread made. */
  helped: number;
}

export interface RefreshHooks {
  onProgress?: ((done: number, total: number) => void) | undefined;
  shouldCancel?: (() => boolean) | undefined;
  /** At most this many articles per transaction. */
  chunk?: number | undefined;
  /**
   * The count of writers waiting for the lock in the process that started the build
   * (lock-signal.ts): while one waits, the transaction ends after the article at hand and the
   * build lets the writer in before it goes on. An edit in the window waits only its short busy
   * timeout, less than one whole chunk takes.
   */
  lockSignal?: Int32Array | undefined;
  /**
   * A thread to sketch the articles ahead of the build (sketch-feed.ts, `helperFeed`), given the
   * articles to index; null to build alone. The build closes it when done.
   */
  sketchFeed?: ((ids: readonly number[]) => SketchFeed | null) | undefined;
}

function keysOf(blob: Buffer): Int32Array {
  return new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

/** Takes removed and changed articles out, then recomputes the clusters they were in. */
function removeArticles(w: WriteDb, ids: readonly number[]): void {
  const roots = new Set<number>();
  for (const id of ids) {
    const row = ARTICLE.get(w, id);
    if (!row) continue;
    for (const key of keysOf(row.keys)) DEL_KEY.run(w, key, id);
    for (const { other } of PAIRS_OF.all(w, id)) {
      DEL_PAIR.run(w, other, id);
      DEL_MATCHES_WITH.run(w, other, id);
    }
    DEL_PAIRS.run(w, id);
    DEL_MATCHES.run(w, id);
    DEL_ARTICLE.run(w, id);
    roots.add(row.cluster);
  }
  for (const root of roots) {
    const members = MEMBERS.all(w, root).map((r) => r.id);
    const inCluster = new Set(members);
    const uf = new UnionFind();
    for (const id of members) {
      for (const p of PAIRS_OF.all(w, id)) if (p.joined && inCluster.has(p.other)) uf.union(id, p.other);
    }
    for (const id of members) {
      const r = uf.find(id);
      if (r !== root) SET_CLUSTER.run(w, r, id);
    }
  }
}

/** Indexes articles (ascending ids) into the stored index, in chunks. */
class Builder {
  private readonly sketches = new Map<number, Sketch>();
  /** The articles indexed by this run, by key (a whole build looks keys up here, not in SQL). */
  private readonly keys = new KeyTable();
  private readonly uf = new UnionFind();
  /** This run's articles and the stored roots they touched. */
  private readonly known = new Set<number>();
  /**
   * Roots joined into another since the last flush. Every stored cluster is a root when written,
   * so these are the only clusters a flush moves: its cost follows the joins, not the articles
   * indexed so far, which keeps short chunks cheap.
   */
  private readonly absorbed: number[] = [];
  readonly stats = { reread: 0, compared: 0 };

  constructor(
    /** Whether articles indexed before this run exist (their keys are then looked up in SQL). */
    private readonly stored: boolean,
  ) {}

  private sketchOf(w: WriteDb, id: number): Sketch {
    let s = this.sketches.get(id);
    if (!s) {
      s = sketch(TEXT.get(w, id)!.text);
      this.stats.reread++;
      // Kept for the rest of the run only when few: a long incremental run rereads instead.
      if (this.sketches.size < 20_000) this.sketches.set(id, s);
    }
    return s;
  }

  private candidates(w: WriteDb, id: number, s: Sketch): number[] {
    const out = new Set<number>();
    for (const key of s.keys) {
      if (this.stored) {
        const rows = KEY_ARTICLES.all(w, key, KEY_CAP);
        if (rows.length < KEY_CAP) for (const r of rows) if (r.id !== id) out.add(r.id);
      } else if (this.keys.count(key) < KEY_CAP) {
        for (const other of this.keys.get(key)) out.add(other);
      }
    }
    return [...out].sort((a, b) => a - b);
  }

  add(w: WriteDb, id: number, text: string, made?: Sketch): void {
    // Indexed meanwhile by another connection (a small refresh the window made): nothing to do.
    if (this.stored && !IS_DIRTY.get(w, id)) return;
    const mine = made ?? sketch(text);
    this.sketches.set(id, mine);
    this.uf.find(id);
    for (const other of this.candidates(w, id, mine)) {
      const theirs = this.sketchOf(w, other);
      this.stats.compared++;
      const c = compare(mine, theirs);
      if (!c) continue;
      this.link(w, id, other, c);
      if (!c.joined) continue;
      if (!this.known.has(other)) {
        // A stored article: its cluster joins through its stored root.
        const root = ARTICLE.get(w, other)!.cluster;
        this.join(other, root);
        this.known.add(root);
      }
      this.join(id, other);
    }
    mine.lookup = undefined;
    INS_ARTICLE.run(w, id, this.uf.find(id), mine.total, Buffer.from(mine.keys.buffer));
    this.known.add(id);
    INS_KEYS.run(w, id, JSON.stringify(Array.from(mine.keys)));
    if (!this.stored) for (const key of mine.keys) this.keys.add(key, id);
  }

  private link(w: WriteDb, id: number, other: number, c: Comparison): void {
    INS_PAIR.run(w, id, other, c.xShared, c.xWords, c.yShared, c.yWords, c.joined ? 1 : 0);
    INS_PAIR.run(w, other, id, c.yShared, c.yWords, c.xShared, c.xWords, c.joined ? 1 : 0);
    INS_MATCHES.run(w, id, other, JSON.stringify(c.matches));
    INS_MATCHES.run(w, other, id, JSON.stringify(c.matches.map(([s, t]) => [t, s])));
  }

  private join(a: number, b: number): void {
    const ra = this.uf.find(a);
    const rb = this.uf.find(b);
    if (ra === rb) return;
    this.absorbed.push(this.uf.union(ra, rb) === ra ? rb : ra);
  }

  /** Writes the clusters that changed since the last chunk: each joined root moves whole. */
  flush(w: WriteDb): void {
    for (const gone of this.absorbed) MOVE_CLUSTER.run(w, this.uf.find(gone), gone);
    this.absorbed.length = 0;
  }
}

const ARTICLE_TEXT = sql<{ text: string; hash: string }>(
  'SELECT text, content_hash AS hash FROM articles WHERE id = ?',
);

/** How long the build waits at most for the writers it let in before it takes the lock again. */
const LET_IN_MS = 50;

/**
 * Brings the stored index up to date: removed and changed articles out, added and changed ones
 * in. Returns what it did; `onProgress` hears of each article indexed. Cancelling stops between
 * chunks, keeping what was written.
 */
export function refreshIndex(db: ReadDb, hooks: RefreshHooks = {}): RefreshStats {
  const chunk = hooks.chunk ?? 2_000;
  const signal = hooks.lockSignal;
  const dirty = DIRTY.all(db);
  const gone = dirty.filter((d) => d.indexed).map((d) => d.id);
  const toAdd = dirty.filter((d) => d.present).map((d) => d.id);
  let stored = true;
  writeTransaction(db, (w) => {
    removeArticles(w, gone);
    for (const d of dirty) if (!d.present) DEL_DIRTY.run(w, d.id);
    stored = indexState(w).indexed > 0;
  });
  const builder = new Builder(stored);
  const feed = toAdd.length > 0 ? (hooks.sketchFeed?.(toAdd) ?? null) : null;
  let done = 0;
  try {
    let from = 0;
    while (from < toAdd.length) {
      if (hooks.shouldCancel?.()) throw new Cancelled();
      writeTransaction(db, (w) => {
        const first = from;
        do {
          const id = toAdd[from]!;
          const row = ARTICLE_TEXT.get(w, id);
          // Gone since the list was read (another writer): its own dirty mark brings it out later.
          if (row) builder.add(w, id, row.text, feed?.take(from, row.hash));
          hooks.onProgress?.(++done, toAdd.length);
          from++;
        } while (from < toAdd.length && from - first < chunk && !(signal && writerWaiting(signal)));
        builder.flush(w);
        DEL_DIRTY_MANY.run(w, JSON.stringify(toAdd.slice(first, from)));
      });
      if (signal) letWritersIn(signal, LET_IN_MS);
    }
  } finally {
    feed?.close();
  }
  return {
    removed: gone.length,
    added: toAdd.length,
    ...builder.stats,
    helped: feed ? feed.stats.taken : 0,
  };
}

/** The stored index as suggestions read it. */
export class StoredClusters implements ClusterView {
  constructor(private readonly db: ReadDb) {}

  cluster(id: number): number[] {
    const row = ARTICLE.get(this.db, id);
    return row ? MEMBERS.all(this.db, row.cluster).map((r) => r.id) : [];
  }

  pair(a: number, b: number): PairScore | null {
    const [x, y] = a < b ? [a, b] : [b, a];
    const p = PAIR.get(this.db, x, y);
    if (!p) return null;
    const aTotal = WORDS.get(this.db, x)!.words;
    const bTotal = WORDS.get(this.db, y)!.words;
    return {
      a: x,
      b: y,
      aShared: p.shared,
      bShared: p.otherShared,
      aWords: p.words,
      bWords: p.otherWords,
      aTotal,
      bTotal,
      share: Math.max(p.words / Math.max(1, aTotal), p.otherWords / Math.max(1, bTotal)),
    };
  }

  matchesWith(id: number, other: number): [number, number][] {
    return MATCHES.all(this.db, id, other).map((m) => [m.s, m.t]);
  }

  /** Every pair with a matching sentence, by a then b. */
  pairScores(): PairScore[] {
    return ALL_PAIRS.all(this.db).map((p) => this.pair(p.a, p.b)!);
  }

  /** Every cluster of two articles or more, each ascending, by their first article. */
  clusters(): number[][] {
    const out: number[][] = [];
    let last = -1;
    for (const r of CLUSTERS.iterate(this.db)) {
      if (r.cluster !== last) out.push([]);
      last = r.cluster;
      out[out.length - 1]!.push(r.id);
    }
    return out;
  }
}
