// What the sentence index knows of one article, and how two articles are compared.
//
// Each sentence is compared by its words after normalisation (quotes, dashes, spaces, case and
// diacritics folded away): two sentences of different articles match when at least
// SENTENCE_MATCH of the shorter one's word 3-grams are in the other, so a copy with a dropped
// clause or a changed word still matches. Two articles are near-duplicates when at least
// CLUSTER_SHARE of either one's words (in sentences of MIN_WORDS words or more) lie in
// sentences that recur in the other, and at least MIN_SHARED_WORDS do. Words, not sentences,
// are counted so that a text without sentence punctuation weighs what it holds.
//
// Which articles are compared at all is decided by keys: each counted sentence's smallest
// 3-gram hashes (a bottom-k sketch), one per KEY_SPAN 3-grams begun. Two copies of a sentence
// share one whenever the smallest 3-gram of one is among the other's keys (always for an
// unedited copy; for a long sentence cut short, because the cut keeps a share of its keys), so
// two articles that share a few sentences share a key; two that share none are never compared.
// About one key per sentence keeps the stored keys to a thirteenth of all 3-grams
// (docs/across.md has the measurements). Keys are drawn from 3-grams with a word of
// KEY_WORD letters or more: "one of the" and "in a new" recur in unrelated stories, and a key
// made of them would make every story a candidate of every other. A key
// made of common words ("one of the") is shared by many unrelated articles, so two articles
// sharing keys are compared in full only when two of their sentences with the same key match.
import { wordsOf } from './normalize';
import { sentences, type Range } from './sentences';

/** Share of the shorter sentence's word 3-grams the other must hold for two sentences to match. */
export const SENTENCE_MATCH = 0.5;
/** Sentences shorter than this (headings, furniture like "top of page") never match. */
export const MIN_WORDS = 4;
/** Share of an article's words that must lie in sentences recurring in the other (near-duplicates). */
export const CLUSTER_SHARE = 0.3;
/** And at least this many words, so a shared slogan never joins two short notes. */
export const MIN_SHARED_WORDS = 20;
/** A sentence has one key per this many 3-grams (begun). */
export const KEY_SPAN = 20;
/** A 3-gram is a key only when one of its words is this long (unless none in its sentence is). */
export const KEY_WORD = 5;
/** A key in more articles than this is boilerplate ("All rights reserved."): it finds no candidates. */
export const KEY_CAP = 1000;

function hashWords(words: readonly string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) {
    const w = words[k]!;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  // Signed 32-bit: small integers to the engine, so the maps and sets below stay fast.
  return h | 0;
}

/** One article as the index compares it. */
export interface Sketch {
  sentences: Range[];
  /** Words of each sentence (0 for one shorter than MIN_WORDS, which is not compared). */
  words: Int32Array;
  /** Distinct 3-gram hashes of each sentence, one after another: sentence i's are grams[at[i]..at[i+1]). */
  grams: Int32Array;
  at: Int32Array;
  /** Each sentence's keys, one sentence after another: sentence i's are keyList[keyAt[i]..keyAt[i+1]). */
  keyList: Int32Array;
  keyAt: Int32Array;
  /** Words in counted sentences. */
  total: number;
  /** Distinct keys (each counted sentence's smallest 3-gram hash), ascending. */
  keys: Int32Array;
  /** 3-gram → the sentences holding it (made when first compared). */
  lookup: Map<number, number | number[]> | undefined;
}

function keyCount(grams: number): number {
  return Math.ceil(grams / KEY_SPAN);
}

/** Whether `key` is one of sentence s's keys. */
function holdsKey(x: Sketch, s: number, key: number): boolean {
  for (let k = x.keyAt[s]!; k < x.keyAt[s + 1]!; k++) if (x.keyList[k] === key) return true;
  return false;
}

export function sketch(text: string): Sketch {
  const list = sentences(text);
  const words = new Int32Array(list.length);
  const at = new Int32Array(list.length + 1);
  const keyAt = new Int32Array(list.length + 1);
  const grams: number[] = [];
  const keyList: number[] = [];
  const keys = new Set<number>();
  let total = 0;
  list.forEach((range, i) => {
    at[i] = grams.length;
    keyAt[i] = keyList.length;
    const w = wordsOf(text.slice(range.start, range.end));
    if (w.length < MIN_WORDS) return;
    words[i] = w.length;
    total += w.length;
    const own = new Set<number>();
    const eligible = new Set<number>();
    for (let k = 0; k + 3 <= w.length; k++) {
      const g = hashWords(w, k, k + 3);
      own.add(g);
      if (w[k]!.length >= KEY_WORD || w[k + 1]!.length >= KEY_WORD || w[k + 2]!.length >= KEY_WORD) eligible.add(g);
    }
    // Ascending, so that two sentences' grams are compared by one merge.
    const sorted = Int32Array.from(own).sort();
    for (const g of sorted) grams.push(g);
    const pool = eligible.size > 0 ? Int32Array.from(eligible).sort() : sorted;
    for (let k = 0; k < keyCount(pool.length); k++) {
      keyList.push(pool[k]!);
      keys.add(pool[k]!);
    }
  });
  at[list.length] = grams.length;
  keyAt[list.length] = keyList.length;
  return {
    sentences: list,
    words,
    grams: Int32Array.from(grams),
    at,
    keyList: Int32Array.from(keyList),
    keyAt,
    total,
    keys: Int32Array.from(keys).sort(),
    lookup: undefined,
  };
}

function lookupOf(x: Sketch): Map<number, number | number[]> {
  if (x.lookup) return x.lookup;
  const map = new Map<number, number | number[]>();
  for (let s = 0; s < x.sentences.length; s++) {
    for (let k = x.at[s]!; k < x.at[s + 1]!; k++) {
      const g = x.grams[k]!;
      const had = map.get(g);
      if (had === undefined) map.set(g, s);
      else if (typeof had === 'number') map.set(g, [had, s]);
      else had.push(s);
    }
  }
  return (x.lookup = map);
}

/** Whether sentence s of x and t of y match (their grams, ascending, compared by a merge). */
function sentencesMatch(x: Sketch, s: number, y: Sketch, t: number): boolean {
  let i = x.at[s]!;
  let j = y.at[t]!;
  const iEnd = x.at[s + 1]!;
  const jEnd = y.at[t + 1]!;
  const need = SENTENCE_MATCH * Math.min(iEnd - i, jEnd - j);
  let shared = 0;
  while (i < iEnd && j < jEnd) {
    const a = x.grams[i]!;
    const b = y.grams[j]!;
    if (a === b) {
      shared++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return shared >= need;
}

/**
 * Whether two articles are worth comparing in full: a sentence of one and a sentence of the
 * other share a key and match. Depends on the two articles alone, so the index finds the
 * same pairs whatever order articles arrive in.
 */
export function related(x: Sketch, y: Sketch): boolean {
  let i = 0;
  let j = 0;
  while (i < x.keys.length && j < y.keys.length) {
    const a = x.keys[i]!;
    const b = y.keys[j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      for (let s = 0; s < x.sentences.length; s++) {
        if (!holdsKey(x, s, a)) continue;
        for (let t = 0; t < y.sentences.length; t++) {
          if (holdsKey(y, t, a) && sentencesMatch(x, s, y, t)) return true;
        }
      }
      i++;
      j++;
    }
  }
  return false;
}

/** How two articles relate: their matching sentences and how much of each they cover. */
export interface Comparison {
  /** Matching sentences: [sentence of x, sentence of y], by x then y. */
  matches: [number, number][];
  /** Sentences of x with a match in y, and their words; the same for y. */
  xShared: number;
  xWords: number;
  yShared: number;
  yWords: number;
  /** Near-duplicates: joined into one cluster. */
  joined: boolean;
}

/** Compares two articles' sentences (null when they are not related or none match). */
export function compare(x: Sketch, y: Sketch): Comparison | null {
  if (!related(x, y)) return null;
  const map = lookupOf(x);
  const matches: [number, number][] = [];
  const counts = new Map<number, number>();
  for (let t = 0; t < y.sentences.length; t++) {
    const from = y.at[t]!;
    const to = y.at[t + 1]!;
    if (from === to) continue;
    counts.clear();
    for (let k = from; k < to; k++) {
      const hit = map.get(y.grams[k]!);
      if (hit === undefined) continue;
      if (typeof hit === 'number') counts.set(hit, (counts.get(hit) ?? 0) + 1);
      else for (const s of hit) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const [s, n] of counts) {
      if (n / Math.min(x.at[s + 1]! - x.at[s]!, to - from) >= SENTENCE_MATCH) matches.push([s, t]);
    }
  }
  if (matches.length === 0) return null;
  matches.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const xs = new Set(matches.map((m) => m[0]));
  const ys = new Set(matches.map((m) => m[1]));
  let xWords = 0;
  let yWords = 0;
  for (const s of xs) xWords += x.words[s]!;
  for (const t of ys) yWords += y.words[t]!;
  const share = Math.max(xWords / Math.max(1, x.total), yWords / Math.max(1, y.total));
  return {
    matches,
    xShared: xs.size,
    xWords,
    yShared: ys.size,
    yWords,
    joined: share >= CLUSTER_SHARE && Math.max(xWords, yWords) >= MIN_SHARED_WORDS,
  };
}

/** Smallest-first union-find over article ids: a cluster's root is its smallest article. */
export class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let y = x; y !== root;) {
      const next = this.parent.get(y)!;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const [root, gone] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(gone, root);
    return root;
  }
}
