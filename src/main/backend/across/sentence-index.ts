// Sentences that recur across articles, and the clusters of near-duplicate articles they make.
//
// Each sentence is compared by its words after normalisation (quotes, dashes, spaces, case and
// diacritics folded away): two sentences of different articles match when at least
// SENTENCE_MATCH of the shorter one's word 3-grams are in the other, so a copy with a dropped
// clause or a changed word still matches. Candidates come from an inverted index of 3-gram
// hashes. Two articles are near-duplicates when at least CLUSTER_SHARE of either one's words
// (in sentences of MIN_WORDS words or more) lie in sentences that recur in the other, and at
// least MIN_SHARED_WORDS do; near-duplicates are joined into clusters (union-find). Words, not
// sentences, are counted so that a text without sentence punctuation weighs what it holds.
//
// The index grows one article at a time: adding an article compares only its sentences with
// the rest, and every pair score involving it is complete once it is added, so an import of a
// hundred articles costs a hundred additions, not a rebuild.
import { normalize, tokens, wordsOf, type Token } from './normalize';
import { sentences, type Range } from './sentences';

/** Share of the shorter sentence's word 3-grams the other must hold for two sentences to match. */
export const SENTENCE_MATCH = 0.5;
/** Sentences shorter than this (headings, furniture like "top of page") never match. */
export const MIN_WORDS = 4;
/** Share of an article's words that must lie in sentences recurring in the other (near-duplicates). */
export const CLUSTER_SHARE = 0.3;
/** And at least this many words, so a shared slogan never joins two short notes. */
export const MIN_SHARED_WORDS = 20;
/** A 3-gram in more sentences than this is boilerplate: it finds no candidates. */
const POSTING_CAP = 1000;

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
  return h >>> 0;
}

/** One article's sentences. */
export interface ArticleSentences {
  id: number;
  text: string;
  sentences: Range[];
  /** Global id of each sentence in the index. */
  sentenceIds: number[];
}

/**
 * A sentence's tokens (words and punctuation, normalised with diacritics dropped) at verbatim
 * offsets of its article. Made when asked, not kept: a set of 100,000 articles would hold tens
 * of millions of them.
 */
export function sentenceTokens(text: string, range: Range): Token[] {
  return tokens(normalize(text.slice(range.start, range.end), { diacritics: true })).map((t) => ({
    ...t,
    start: t.start + range.start,
    end: t.end + range.start,
  }));
}

interface SentenceEntry {
  article: number;
  index: number;
  shingles: number;
  words: number;
}

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    const root = this.find(p);
    this.parent.set(x, root);
    p = root;
    return p;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
}

export interface PairScore {
  a: number;
  b: number;
  /** Sentences of a with a match in b, and of b with a match in a. */
  aShared: number;
  bShared: number;
  /** Words of those sentences, and of all the article's counted sentences. */
  aWords: number;
  bWords: number;
  aTotal: number;
  bTotal: number;
  /** The larger of the two word shares. */
  share: number;
}

export interface IndexOptions {
  /** Keep each article's text and sentences for projection (default true; grouping alone needs neither). */
  keepText?: boolean;
}

export class SentenceIndex {
  private readonly articles = new Map<number, ArticleSentences>();
  /** Words in counted sentences (MIN_WORDS or more) per article. */
  private readonly counted = new Map<number, number>();
  private readonly keepText: boolean;

  constructor(options: IndexOptions = {}) {
    this.keepText = options.keepText ?? true;
  }
  private readonly entries: SentenceEntry[] = [];
  private readonly postings = new Map<number, number | number[]>();
  private readonly matches: number[][] = [];
  private readonly pairs = new Map<string, PairScore>();
  private readonly uf = new UnionFind();
  private readonly members = new Map<number, number[]>();

  has(id: number): boolean {
    return this.counted.has(id);
  }

  get size(): number {
    return this.counted.size;
  }

  article(id: number): ArticleSentences | undefined {
    return this.articles.get(id);
  }

  /** Adds an article (once; adding it again changes nothing). */
  add(id: number, text: string): void {
    if (this.counted.has(id)) return;
    const list = sentences(text);
    const sentenceIds: number[] = [];
    const shared = new Map<number, number>();
    let counted = 0;
    const sharedWith = new Map<number, Set<number>>();
    const theirs = new Map<number, Set<number>>();
    list.forEach((range, index) => {
      const words = wordsOf(text.slice(range.start, range.end));
      const sid = this.entries.length;
      sentenceIds.push(sid);
      this.matches.push([]);
      if (words.length < MIN_WORDS) {
        this.entries.push({ article: id, index, shingles: 0, words: 0 });
        return;
      }
      counted += words.length;
      const grams = new Set<number>();
      for (let k = 0; k + 3 <= words.length; k++) grams.add(hashWords(words, k, k + 3));
      this.entries.push({ article: id, index, shingles: grams.size, words: words.length });
      shared.clear();
      for (const g of grams) {
        // Most 3-grams are in one sentence only: a number, not an array, until a second comes.
        const posting = this.postings.get(g);
        if (posting === undefined) {
          this.postings.set(g, sid);
          continue;
        }
        if (typeof posting === 'number') {
          if (this.entries[posting]!.article !== id) shared.set(posting, (shared.get(posting) ?? 0) + 1);
          this.postings.set(g, [posting, sid]);
          continue;
        }
        if (posting.length >= POSTING_CAP) continue;
        for (const other of posting) {
          if (this.entries[other]!.article !== id) shared.set(other, (shared.get(other) ?? 0) + 1);
        }
        posting.push(sid);
      }
      for (const [other, n] of shared) {
        const o = this.entries[other]!;
        if (n / Math.min(grams.size, o.shingles) < SENTENCE_MATCH) continue;
        this.matches[sid]!.push(other);
        this.matches[other]!.push(sid);
        let mine = sharedWith.get(o.article);
        if (!mine) sharedWith.set(o.article, (mine = new Set()));
        mine.add(sid);
        let their = theirs.get(o.article);
        if (!their) theirs.set(o.article, (their = new Set()));
        their.add(other);
      }
    });
    if (this.keepText) this.articles.set(id, { id, text, sentences: list, sentenceIds });
    this.counted.set(id, counted);
    this.members.set(id, [id]);
    const words = (set: Set<number>) => [...set].reduce((n, sid) => n + this.entries[sid]!.words, 0);
    for (const [other, mine] of sharedWith) {
      const their = theirs.get(other)!;
      const [a, b] = id < other ? [mine, their] : [their, mine];
      const score: PairScore = {
        a: Math.min(id, other),
        b: Math.max(id, other),
        aShared: a.size,
        bShared: b.size,
        aWords: words(a),
        bWords: words(b),
        aTotal: this.counted.get(Math.min(id, other))!,
        bTotal: this.counted.get(Math.max(id, other))!,
        share: 0,
      };
      score.share = Math.max(score.aWords / Math.max(1, score.aTotal), score.bWords / Math.max(1, score.bTotal));
      this.pairs.set(`${score.a}:${score.b}`, score);
      if (score.share >= CLUSTER_SHARE && Math.max(score.aWords, score.bWords) >= MIN_SHARED_WORDS) {
        this.join(id, other);
      }
    }
  }

  private join(a: number, b: number): void {
    const ra = this.uf.find(a);
    const rb = this.uf.find(b);
    if (ra === rb) return;
    this.uf.union(ra, rb);
    const root = this.uf.find(ra);
    const gone = root === ra ? rb : ra;
    this.members.get(root)!.push(...this.members.get(gone)!);
    this.members.delete(gone);
  }

  /** The articles of this article's cluster (itself included), ascending. */
  cluster(id: number): number[] {
    if (!this.counted.has(id)) return [];
    return [...this.members.get(this.uf.find(id))!].sort((a, b) => a - b);
  }

  /** Every cluster of two articles or more, each ascending, by their first article. */
  clusters(): number[][] {
    return [...this.members.values()]
      .filter((m) => m.length > 1)
      .map((m) => [...m].sort((a, b) => a - b))
      .sort((a, b) => a[0]! - b[0]!);
  }

  /** The root article of each article's cluster (itself when alone). */
  root(id: number): number {
    return this.uf.find(id);
  }

  /** How much two articles share (null when no sentence of one matches the other). */
  pair(a: number, b: number): PairScore | null {
    return this.pairs.get(`${Math.min(a, b)}:${Math.max(a, b)}`) ?? null;
  }

  /** Sentences of other articles matching sentence `index` of article `id`: article and sentence index. */
  matchesOf(id: number, index: number): { article: number; index: number }[] {
    const a = this.articles.get(id);
    if (!a) throw new Error(`article ${id} is not indexed with its sentences`);
    return this.matches[a.sentenceIds[index]!]!.map((sid) => {
      const e = this.entries[sid]!;
      return { article: e.article, index: e.index };
    });
  }

  /** Sentences that recur in another article: for each, every place it occurs. */
  recurring(): { article: number; index: number }[][] {
    const seen = new Set<number>();
    const out: { article: number; index: number }[][] = [];
    this.matches.forEach((m, sid) => {
      if (m.length === 0 || seen.has(sid)) return;
      const group: number[] = [];
      const stack = [sid];
      seen.add(sid);
      while (stack.length) {
        const s = stack.pop()!;
        group.push(s);
        for (const o of this.matches[s]!) {
          if (seen.has(o)) continue;
          seen.add(o);
          stack.push(o);
        }
      }
      out.push(
        group.sort((a, b) => a - b).map((s) => ({ article: this.entries[s]!.article, index: this.entries[s]!.index })),
      );
    });
    return out;
  }
}
