// The sentence index in memory: sentences that recur across articles, and the clusters of
// near-duplicate articles they make (sketch.ts says when sentences match and articles join).
// Export splits build one in their worker for exactly the articles they write, and a read-only
// project, which cannot keep the stored index (index-store.ts), uses one too; both follow the
// same rules as the stored index, so they find the same clusters.
//
// The index grows one article at a time: adding an article compares it only with the articles
// that share a key with it, and every pair involving it is complete once it is added.
import { normalize, tokens, type Token } from './normalize';
import { KeyTable } from './key-table';
import { compare, KEY_CAP, sketch, UnionFind, type Comparison, type Sketch } from './sketch';
import type { Range } from './sentences';

export { CLUSTER_SHARE, MIN_SHARED_WORDS, MIN_WORDS, SENTENCE_MATCH } from './sketch';

/** One article's sentences. */
export interface ArticleSentences {
  id: number;
  text: string;
  sentences: Range[];
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

/** What the index says of an article's cluster and its sentences' copies (stored or in memory). */
export interface ClusterView {
  /** The articles of this article's cluster (itself included), ascending; [] when not indexed. */
  cluster(id: number): number[];
  /** How much two articles share (null when no sentence of one matches the other). */
  pair(a: number, b: number): PairScore | null;
  /** Matching sentences of `id` and `other`: [sentence of id, sentence of other]. */
  matchesWith(id: number, other: number): [number, number][];
}

export interface IndexOptions {
  /** Keep each article's text for projection (default true; grouping alone needs none). */
  keepText?: boolean;
}

export function pairScore(a: number, b: number, c: Comparison, aTotal: number, bTotal: number): PairScore {
  return {
    a,
    b,
    aShared: c.xShared,
    bShared: c.yShared,
    aWords: c.xWords,
    bWords: c.yWords,
    aTotal,
    bTotal,
    share: Math.max(c.xWords / Math.max(1, aTotal), c.yWords / Math.max(1, bTotal)),
  };
}

export class SentenceIndex implements ClusterView {
  private readonly texts = new Map<number, string>();
  private readonly sketches = new Map<number, Sketch>();
  private readonly keys = new KeyTable();
  /** Per article: each other article it shares a sentence with, and the matching sentences. */
  private readonly links = new Map<number, Map<number, [number, number][]>>();
  private readonly pairs = new Map<string, PairScore>();
  private readonly uf = new UnionFind();
  private readonly members = new Map<number, number[]>();
  private readonly keepText: boolean;

  constructor(options: IndexOptions = {}) {
    this.keepText = options.keepText ?? true;
  }

  has(id: number): boolean {
    return this.sketches.has(id);
  }

  get size(): number {
    return this.sketches.size;
  }

  article(id: number): ArticleSentences | undefined {
    const text = this.texts.get(id);
    const s = this.sketches.get(id);
    return text === undefined || !s ? undefined : { id, text, sentences: s.sentences };
  }

  /** Adds an article (once; adding it again changes nothing). */
  add(id: number, text: string): void {
    if (this.sketches.has(id)) return;
    const mine = sketch(text);
    const candidates = new Set<number>();
    for (const key of mine.keys) {
      if (this.keys.count(key) >= KEY_CAP) continue;
      for (const other of this.keys.get(key)) candidates.add(other);
    }
    for (const key of mine.keys) this.keys.add(key, id);
    this.sketches.set(id, mine);
    if (this.keepText) this.texts.set(id, text);
    this.members.set(id, [id]);
    this.links.set(id, new Map());
    for (const other of [...candidates].sort((a, b) => a - b)) {
      const theirs = this.sketches.get(other)!;
      const c = compare(mine, theirs);
      if (!c) continue;
      this.links.get(id)!.set(other, c.matches);
      this.links.get(other)!.set(id, flip(c).matches);
      const score =
        id < other
          ? pairScore(id, other, c, mine.total, theirs.total)
          : pairScore(other, id, flip(c), theirs.total, mine.total);
      this.pairs.set(`${score.a}:${score.b}`, score);
      if (c.joined) this.join(id, other);
    }
    // Sketches are kept for the articles still to come; their lookup maps only while in use.
    mine.lookup = undefined;
  }

  private join(a: number, b: number): void {
    const ra = this.uf.find(a);
    const rb = this.uf.find(b);
    if (ra === rb) return;
    const root = this.uf.union(ra, rb);
    const gone = root === ra ? rb : ra;
    this.members.get(root)!.push(...this.members.get(gone)!);
    this.members.delete(gone);
  }

  cluster(id: number): number[] {
    if (!this.sketches.has(id)) return [];
    return [...this.members.get(this.uf.find(id))!].sort((a, b) => a - b);
  }

  /** Every cluster of two articles or more, each ascending, by their first article. */
  clusters(): number[][] {
    return [...this.members.values()]
      .filter((m) => m.length > 1)
      .map((m) => [...m].sort((a, b) => a - b))
      .sort((a, b) => a[0]! - b[0]!);
  }

  /** The root article of each article's cluster (its smallest; itself when alone). */
  root(id: number): number {
    return this.uf.find(id);
  }

  pair(a: number, b: number): PairScore | null {
    return this.pairs.get(`${Math.min(a, b)}:${Math.max(a, b)}`) ?? null;
  }

  /** Every pair with a matching sentence, by a then b. */
  pairScores(): PairScore[] {
    return [...this.pairs.values()].sort((x, y) => x.a - y.a || x.b - y.b);
  }

  matchesWith(id: number, other: number): [number, number][] {
    return this.links.get(id)?.get(other) ?? [];
  }

  /** Sentences of other articles matching sentence `index` of article `id`: article and sentence index. */
  matchesOf(id: number, index: number): { article: number; index: number }[] {
    const out: { article: number; index: number }[] = [];
    for (const [other, matches] of this.links.get(id) ?? []) {
      for (const [s, t] of matches) if (s === index) out.push({ article: other, index: t });
    }
    return out.sort((a, b) => a.article - b.article || a.index - b.index);
  }

  /** Sentences that recur in another article: for each, every place it occurs. */
  recurring(): { article: number; index: number }[][] {
    const key = (a: number, s: number) => `${a}:${s}`;
    const seen = new Set<string>();
    const out: { article: number; index: number }[][] = [];
    for (const [id, others] of this.links) {
      for (const matches of others.values()) {
        for (const [s] of matches) {
          if (seen.has(key(id, s))) continue;
          seen.add(key(id, s));
          const group: { article: number; index: number }[] = [];
          const stack = [{ article: id, index: s }];
          while (stack.length) {
            const node = stack.pop()!;
            group.push(node);
            for (const m of this.matchesOf(node.article, node.index)) {
              if (seen.has(key(m.article, m.index))) continue;
              seen.add(key(m.article, m.index));
              stack.push(m);
            }
          }
          out.push(group.sort((a, b) => a.article - b.article || a.index - b.index));
        }
      }
    }
    return out;
  }
}

/** The comparison seen from the other article. */
export function flip(c: Comparison): Comparison {
  return {
    matches: c.matches.map(([s, t]) => [t, s] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    xShared: c.yShared,
    xWords: c.yWords,
    yShared: c.xShared,
    yWords: c.xWords,
    joined: c.joined,
  };
}
