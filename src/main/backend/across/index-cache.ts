// The sentence index in memory, for a connection that cannot store it (a project opened
// read-only), kept per connection and brought up to date on each use: articles are only ever
// added (their text never changes), so only those with an id above the last one indexed are
// read; a count that no longer adds up (an article removed) rebuilds it.
import { sql, type ReadDb } from '../db/handles';
import { SentenceIndex } from './sentence-index';

interface Cached {
  index: SentenceIndex;
  maxId: number;
}

const cache = new WeakMap<object, Cached>();
const STATE = sql<{ n: number; max: number | null }>('SELECT count(*) AS n, max(id) AS max FROM articles');
const AFTER = sql<{ id: number; text: string }>('SELECT id, text FROM articles WHERE id > ? ORDER BY id');

/** The project's sentence index, with every article in it. `onProgress` hears of each one added. */
export function sentenceIndex(db: ReadDb, onProgress?: (done: number, total: number) => void): SentenceIndex {
  const state = STATE.get(db)!;
  let cached = cache.get(db);
  if (!cached || state.n < cached.index.size || (state.max ?? 0) < cached.maxId) {
    cached = { index: new SentenceIndex(), maxId: 0 };
    cache.set(db, cached);
  }
  const { index } = cached;
  if ((state.max ?? 0) > cached.maxId) {
    const total = state.n - index.size;
    let done = 0;
    for (const row of AFTER.iterate(db, cached.maxId)) {
      index.add(row.id, row.text);
      cached.maxId = row.id;
      onProgress?.(++done, total);
    }
  }
  if (index.size !== state.n) {
    cache.delete(db);
    return sentenceIndex(db, onProgress);
  }
  return index;
}
