// Deterministic train/dev/test splits that never separate near-duplicate articles.
//
// Near-duplicates: news is syndicated, and a wire story reappears cut, re-headlined and
// wrapped in page furniture. The demo set shows why Jaccard alone is not enough: two
// copies of one wire text share 85% of the shorter one's word 5-grams (Jaccard 0.70), but
// a cut version shares ~50% of its 5-grams with the full one while the Jaccard is only 0.18.
// So articles are compared by containment, |A ∩ B| / min(|A|, |B|), over a consistent sample
// of their word 5-gram shingles (those whose hash is 0 mod 8), found through a sorted
// shingle → article list; pairs above CONTAINMENT are joined with union-find. Texts equal after
// lower-casing and dropping punctuation are joined too.
//
// Assignment: groups are shuffled by a hash of (seed, the group's smallest content hash) and
// each goes to the split furthest below its target share. Same articles + same seed → same
// split, whatever the row ids or the order of rows.

import { splitRatios } from '../../shared/options';
import { AppError } from '../../shared/result';

export const SPLIT_NAMES = ['train', 'dev', 'test'] as const;
/** Pairs whose sampled shingles overlap at least this much (of the smaller article) are grouped. */
export const CONTAINMENT = 0.3;

const SAMPLE_MASK = 7;
const MIN_SHARED = 3;
/** Posting runs longer than this link neighbours only (boilerplate would otherwise be quadratic). */
const RUN_CAP = 64;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Sampled 5-gram shingle hashes of a text (28 bits each), and a hash of its normalised words. */
export function shingles(text: string): { sample: number[]; exact: number; count: number } {
  const words = text.toLowerCase().match(WORD) ?? [];
  const wh = words.map((w) => hashString(w));
  const sample = new Set<number>();
  let count = 0;
  const n = wh.length >= 5 ? wh.length - 4 : wh.length > 0 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    let h = 0x9e3779b9;
    for (let k = i; k < Math.min(i + 5, wh.length); k++) h = Math.imul((h ^ wh[k]!) >>> 0, 0x85ebca6b) ^ (h >>> 15);
    h = fmix32(h);
    count++;
    if ((h & SAMPLE_MASK) === 0) sample.add(h >>> 4);
  }
  let exact = 0x2545f491;
  for (const w of wh) exact = fmix32(exact ^ w);
  return { sample: [...sample], exact, count };
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Collects articles one by one (streaming), then groups the near-duplicates. */
export class NearDuplicates {
  private postings = new Float64Array(1 << 16);
  private used = 0;
  private readonly sizes: number[] = [];
  private readonly exact = new Map<number, number>();
  private readonly uf: number[] = [];
  readonly keys: string[] = [];

  /** Adds an article; returns its index. `key` identifies it across projects (content hash). */
  add(key: string, text: string): number {
    const idx = this.keys.length;
    if (idx >= 1 << 24) throw new Error('too many articles for near-duplicate grouping (16M)');
    this.keys.push(key);
    const { sample, exact } = shingles(text);
    this.sizes.push(sample.length);
    const same = this.exact.get(exact);
    this.uf.push(same ?? -1);
    if (same === undefined) this.exact.set(exact, idx);
    if (this.used + sample.length > this.postings.length) {
      const grown = new Float64Array(Math.max(this.postings.length * 2, this.used + sample.length));
      grown.set(this.postings.subarray(0, this.used));
      this.postings = grown;
    }
    for (const h of sample) this.postings[this.used++] = h * 0x1000000 + idx;
    return idx;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Root index of each article's group. */
  groups(): Int32Array {
    const n = this.keys.length;
    const uf = new UnionFind(n);
    for (let i = 0; i < n; i++) if (this.uf[i]! >= 0) uf.union(i, this.uf[i]!);
    const list = this.postings.subarray(0, this.used).sort();
    const shared = new Map<number, number>();
    const bump = (a: number, b: number) => {
      const key = a * 0x1000000 + b;
      shared.set(key, (shared.get(key) ?? 0) + 1);
    };
    let runStart = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && Math.floor(list[i]! / 0x1000000) === Math.floor(list[runStart]! / 0x1000000)) continue;
      const len = i - runStart;
      if (len > 1) {
        const idx = (k: number) => list[k]! % 0x1000000;
        if (len <= RUN_CAP) {
          for (let x = runStart; x < i; x++) for (let y = x + 1; y < i; y++) bump(idx(x), idx(y));
        } else {
          for (let x = runStart; x + 1 < i; x++) bump(idx(x), idx(x + 1));
        }
      }
      runStart = i;
    }
    for (const [key, count] of shared) {
      if (count < MIN_SHARED) continue;
      const a = Math.floor(key / 0x1000000);
      const b = key % 0x1000000;
      const smaller = Math.min(this.sizes[a]!, this.sizes[b]!);
      if (smaller > 0 && count / smaller >= CONTAINMENT) uf.union(a, b);
    }
    const roots = new Int32Array(n);
    for (let i = 0; i < n; i++) roots[i] = uf.find(i);
    return roots;
  }
}

/** The split names for these ratios (checked with the one schema the app and the CLI use). */
export function splitNames(ratios: readonly number[]): string[] {
  const checked = splitRatios.safeParse(ratios);
  if (!checked.success) throw new AppError('BAD_INPUT', `split: ${checked.error.issues[0]!.message}`);
  return ratios.length === 3 ? [...SPLIT_NAMES] : ['train', 'test'];
}

/** The split (index into ratios) of every article, groups kept whole. */
export function assignSplits(
  keys: readonly string[],
  roots: Int32Array,
  ratios: readonly number[],
  seed: number,
): Uint8Array {
  const members = new Map<number, number[]>();
  roots.forEach((r, i) => {
    const m = members.get(r);
    if (m) m.push(i);
    else members.set(r, [i]);
  });
  const groups = [...members.values()].map((idx) => {
    const key = idx.map((i) => keys[i]!).reduce((a, b) => (a < b ? a : b));
    return { idx, key, order: hashString(key, fmix32(seed >>> 0) ^ 0x811c9dc5) };
  });
  groups.sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = keys.length;
  const counts = ratios.map(() => 0);
  const out = new Uint8Array(total);
  for (const g of groups) {
    let best = -1;
    let bestDeficit = -Infinity;
    ratios.forEach((r, i) => {
      if (r <= 0) return;
      const deficit = r * total - counts[i]!;
      if (deficit > bestDeficit + 1e-9) {
        best = i;
        bestDeficit = deficit;
      }
    });
    counts[best] = counts[best]! + g.idx.length;
    for (const i of g.idx) out[i] = best;
  }
  return out;
}
