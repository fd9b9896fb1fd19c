// Agreement metrics over plain data: span F1 (exact, overlap), Cohen's kappa, Krippendorff's
// alpha, gold comparison and confusion, checked against numbers worked out by hand and
// against NLTK (tests/fixtures/agreement/derive.py; its output is pasted below).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpha, kappa } from '../../src/main/backend/review/agreement';
import { f1, overlapMatches } from '../../src/main/backend/review/f1';
import { maxMatching, maxWeightMatching } from '../../src/main/backend/review/matching';
import type { ReviewArticle } from '../../src/main/backend/review/model';
import { agreementReport, formatAgreement } from '../../src/main/backend/review/report';
import { isPythonSpace, PYTHON_WHITE_SPACE, unitPrefix } from '../../src/main/backend/review/units';
import { AppError } from '../../src/shared/result';
import { mulberry32 } from '../fixtures/random';
import { agreementCase, caseAnnotators, caseArticles, CASES, span } from './fixtures/review';

/** derive.py's first line: every code point for which Python's str.isspace() is true. */
const PYTHON_ISSPACE = [
  9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201,
  8202, 8232, 8233, 8239, 8287, 12288,
];

interface Derived {
  name: string;
  pairs: {
    a: string;
    b: string;
    articles: number;
    f1: Record<string, number | null>;
    f1_overlap: Record<string, number | null>;
    kappa: Record<string, number | null>;
    units: number;
    f1_overall: number | null;
  }[];
  alpha: Record<string, number | null>;
  alpha_units: number;
}

/** derive.py's output, one line per case of tests/fixtures/agreement/cases.json. */
const DERIVED: Derived[] = [
  {
    name: 'empty layers',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: null },
        f1_overlap: { ACTOR: null },
        kappa: { ACTOR: null },
        units: 12,
        f1_overall: null,
      },
    ],
    alpha: { ACTOR: null },
    alpha_units: 12,
  },
  {
    name: 'total agreement',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: 1.0, CLAIM: 1.0 },
        f1_overlap: { ACTOR: 1.0, CLAIM: 1.0 },
        kappa: { ACTOR: 1.0, CLAIM: 1.0 },
        units: 24,
        f1_overall: 1.0,
      },
    ],
    alpha: { ACTOR: 1.0, CLAIM: 1.0 },
    alpha_units: 24,
  },
  {
    name: 'total disagreement',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: 0.0 },
        f1_overlap: { ACTOR: 0.0 },
        kappa: { ACTOR: -0.4545454545454545 },
        units: 12,
        f1_overall: 0.0,
      },
    ],
    alpha: { ACTOR: -0.4375 },
    alpha_units: 12,
  },
  {
    name: 'nested and overlapping',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: 0.3333333333333333, CLAIM: 0.0 },
        f1_overlap: { ACTOR: 1.0, CLAIM: 0.6666666666666666 },
        kappa: { ACTOR: 0.6766917293233082, CLAIM: 0.5011600928074247 },
        units: 43,
        f1_overall: 0.2222222222222222,
      },
    ],
    alpha: { ACTOR: 0.6730769230769231, CLAIM: 0.4766009852216748 },
    alpha_units: 43,
  },
  {
    name: 'emoji',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: 0.5 },
        f1_overlap: { ACTOR: 1.0 },
        kappa: { ACTOR: 0.7999999999999999 },
        units: 12,
        f1_overall: 0.5,
      },
    ],
    alpha: { ACTOR: 0.8067226890756303 },
    alpha_units: 12,
  },
  {
    name: 'white space',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: 0.0 },
        f1_overlap: { ACTOR: 1.0 },
        kappa: { ACTOR: 0.31578947368421056 },
        units: 26,
        f1_overall: 0.0,
      },
    ],
    alpha: { ACTOR: 0.31999999999999995 },
    alpha_units: 26,
  },
  {
    name: 'three annotators',
    pairs: [
      {
        a: 'alice',
        b: 'bob',
        articles: 1,
        f1: { ACTOR: 0.8, CLAIM: 0.0 },
        f1_overlap: { ACTOR: 0.8, CLAIM: 0.0 },
        kappa: { ACTOR: 0.8275862068965518, CLAIM: 0.0 },
        units: 25,
        f1_overall: 0.6666666666666666,
      },
      {
        a: 'alice',
        b: 'carol',
        articles: 2,
        f1: { ACTOR: 0.4, CLAIM: 0.0 },
        f1_overlap: { ACTOR: 0.8, CLAIM: 0.0 },
        kappa: { ACTOR: 0.6597938144329897, CLAIM: -0.5316455696202532 },
        units: 44,
        f1_overall: 0.25,
      },
      {
        a: 'bob',
        b: 'carol',
        articles: 1,
        f1: { ACTOR: 0.5, CLAIM: 0.0 },
        f1_overlap: { ACTOR: 0.5, CLAIM: 0.0 },
        kappa: { ACTOR: 0.3396226415094338, CLAIM: 0.0 },
        units: 25,
        f1_overall: 0.4,
      },
    ],
    alpha: { ACTOR: 0.6664184661206255, CLAIM: -0.40000000000000013 },
    alpha_units: 44,
  },
];

function close(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 12);
}

function reportFor(name: string, labels?: string[]) {
  const c = agreementCase(name);
  return agreementReport({ annotators: caseAnnotators(c), labels: labels ?? c.labels, articles: caseArticles(c) });
}

describe('units', () => {
  it('white space is exactly the set Python str.isspace() accepts', () => {
    expect([...PYTHON_WHITE_SPACE]).toEqual(PYTHON_ISSPACE);
    const got: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (isPythonSpace(cp)) got.push(cp);
    expect(got).toEqual(PYTHON_ISSPACE);
    // Where JavaScript's \s disagrees with Python.
    expect(isPythonSpace(0xfeff)).toBe(false);
    expect(isPythonSpace(0x180e)).toBe(false);
    expect(isPythonSpace(0x1c)).toBe(true);
    expect(isPythonSpace(0x85)).toBe(true);
  });

  it('counts code points, not UTF-16 units, and leaves white space out', () => {
    // 😀 and 🇺🇦 are 1 + 2 code points (5 UTF-16 units); Python's len() is 15.
    const units = unitPrefix('😀🇺🇦 Kim 🤝 Putin');
    expect(units.length).toBe(16);
    expect(units[15]).toBe(12);
    expect(units[3]).toBe(3);
    expect(units[4]).toBe(3);
    expect(units[9]! - units[8]!).toBe(1); // 🤝 is one unit
  });
});

describe('agreement against NLTK', () => {
  it('has a derived line for every case', () => {
    expect(DERIVED.map((d) => d.name)).toEqual(CASES.map((c) => c.name));
  });

  it.each(DERIVED)('$name', (d) => {
    const r = reportFor(d.name);
    expect(r.pairs.map((p) => [p.a, p.b, p.articles])).toEqual(d.pairs.map((p) => [p.a, p.b, p.articles]));
    r.pairs.forEach((p, i) => {
      const want = d.pairs[i]!;
      close(p.f1.overall, want.f1_overall, `${p.a}/${p.b} f1 overall`);
      for (const label of r.labels) {
        close(p.f1.by_label[label], want.f1[label]!, `${p.a}/${p.b} f1 ${label}`);
        close(p.f1_overlap.by_label[label], want.f1_overlap[label]!, `${p.a}/${p.b} f1_overlap ${label}`);
        close(p.kappa.by_label[label], want.kappa[label]!, `${p.a}/${p.b} kappa ${label}`);
        expect(p.kappa.over.by_label[label]!.units).toBe(want.units);
      }
    });
    for (const label of r.labels) {
      close(r.alpha.by_label[label], d.alpha[label]!, `alpha ${label}`);
      expect(r.alpha.over.by_label[label]!.units).toBe(d.alpha_units);
    }
  });
});

describe('agreement by hand', () => {
  it('the worked example of docs/review.md (emoji: offsets are code points)', () => {
    const r = reportFor('emoji');
    const p = r.pairs[0]!;
    // Kim matches exactly; Putin and "🤝 Putin" only overlap.
    expect(p.f1.over.by_label['ACTOR']).toEqual({ matches: 1, a_spans: 2, b_spans: 2 });
    expect(p.f1.by_label['ACTOR']).toBe(0.5);
    expect(p.f1_overlap.over.by_label['ACTOR']).toEqual({ matches: 2, a_spans: 2, b_spans: 2 });
    expect(p.f1_overlap.by_label['ACTOR']).toBe(1);
    // 12 units: Kim (3) in both, Putin (5) in both, 🤝 in bob's only, 😀🇺🇦 (3) in neither.
    expect(p.kappa.over.by_label['ACTOR']).toEqual({ units: 12, both: 8, a_only: 0, b_only: 1, neither: 3 });
    // po = 11/12, pe = (8/12)(9/12) + (4/12)(3/12) = 7/12, kappa = (11/12 - 7/12) / (5/12).
    expect(p.kappa.by_label['ACTOR']).toBeCloseTo(4 / 5, 14);
    // 24 values, 17 ones, 7 zeros; one unit disagrees: Do = 2/24, De = 2·17·7/(24·23).
    expect(r.alpha.over.by_label['ACTOR']).toEqual({ articles: 1, units: 12, values: 24 });
    expect(r.alpha.by_label['ACTOR']).toBeCloseTo(96 / 119, 14);
  });

  it('the JSON example of docs/review.md is the report of the worked example, number for number', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/review.md'), 'utf8');
    const block = /\n```json\n([\s\S]*?)\n```\n/.exec(doc);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toEqual(JSON.parse(JSON.stringify(reportFor('emoji'))));
    expect(doc).toContain('| alice | 4–7 ACTOR, 10–15 ACTOR');
    expect(doc).toContain('| bob   | 4–7 ACTOR, 8–15 ACTOR');
    expect(agreementCase('emoji').articles[0]!.layers).toEqual({
      alice: [
        [4, 7, 'ACTOR'],
        [10, 15, 'ACTOR'],
      ],
      bob: [
        [4, 7, 'ACTOR'],
        [8, 15, 'ACTOR'],
      ],
    });
  });

  it('total disagreement: kappa -5/11, alpha -7/16', () => {
    const r = reportFor('total disagreement');
    expect(r.pairs[0]!.kappa.over.by_label['ACTOR']).toEqual({ units: 12, both: 0, a_only: 3, b_only: 5, neither: 4 });
    expect(r.pairs[0]!.kappa.by_label['ACTOR']).toBeCloseTo(-5 / 11, 14);
    expect(r.alpha.by_label['ACTOR']).toBeCloseTo(-7 / 16, 14);
  });

  it('null where both layers are empty, where expected agreement is 1, where expected disagreement is 0', () => {
    expect(f1({ matches: 0, a_spans: 0, b_spans: 0 })).toBeNull();
    expect(f1({ matches: 0, a_spans: 0, b_spans: 3 })).toBe(0);
    expect(kappa({ units: 0, both: 0, a_only: 0, b_only: 0, neither: 0 })).toBeNull();
    expect(kappa({ units: 5, both: 5, a_only: 0, b_only: 0, neither: 0 })).toBeNull();
    expect(kappa({ units: 5, both: 0, a_only: 0, b_only: 0, neither: 5 })).toBeNull();
    // One layer all 1, the other all 0: expected agreement 0, observed 0.
    expect(kappa({ units: 5, both: 0, a_only: 5, b_only: 0, neither: 0 })).toBe(0);
    expect(alpha({ articles: 1, units: 4, values: 8, ones: 0, disagreement: 0 })).toBeNull();
    expect(alpha({ articles: 1, units: 4, values: 8, ones: 8, disagreement: 0 })).toBeNull();
    expect(alpha({ articles: 0, units: 0, values: 0, ones: 0, disagreement: 0 })).toBeNull();
    const empty = reportFor('empty layers');
    expect(empty.pairs[0]!.f1.overall).toBeNull();
    expect(empty.pairs[0]!.kappa.by_label['ACTOR']).toBeNull();
    expect(empty.alpha.by_label['ACTOR']).toBeNull();
  });

  it('only articles both annotators marked done count for a pair; one-layer articles are not pairable for alpha', () => {
    const r = reportFor('three annotators');
    expect(r.pairs.map((p) => `${p.a}/${p.b}:${p.articles}`)).toEqual(['alice/bob:1', 'alice/carol:2', 'bob/carol:1']);
    // bob's span on the article only bob finished is in no pair and in no alpha unit.
    expect(r.pairs[0]!.f1.over.by_label['ACTOR']).toEqual({ matches: 2, a_spans: 2, b_spans: 3 });
    expect(r.alpha.over.by_label['ACTOR']).toEqual({ articles: 2, units: 44, values: 25 * 3 + 19 * 2 });
  });

  it('identical spans in one layer each match once', () => {
    const a = [span('a', 0, 3, 'ACTOR'), { ...span('a', 0, 3, 'ACTOR'), id: 'dup' }];
    const article: ReviewArticle = {
      id: 1,
      title: 't',
      text: 'Kim met Putin.',
      layers: [
        { annotator: 'a', spans: a },
        { annotator: 'b', spans: [span('b', 0, 3, 'ACTOR')] },
      ],
    };
    const r = agreementReport({ annotators: ['a', 'b'], labels: ['ACTOR'], articles: [article] });
    expect(r.pairs[0]!.f1.over.overall).toEqual({ matches: 1, a_spans: 2, b_spans: 1 });
    expect(r.pairs[0]!.f1_overlap.over.overall).toEqual({ matches: 1, a_spans: 2, b_spans: 1 });
  });

  it('a label subset leaves other labels out of every number, overall included', () => {
    const all = reportFor('nested and overlapping');
    const claim = reportFor('nested and overlapping', ['CLAIM']);
    expect(claim.labels).toEqual(['CLAIM']);
    expect(Object.keys(claim.pairs[0]!.f1.by_label)).toEqual(['CLAIM']);
    expect(claim.pairs[0]!.f1.over.overall).toEqual(all.pairs[0]!.f1.over.by_label['CLAIM']);
    expect(claim.pairs[0]!.kappa.by_label['CLAIM']).toBe(all.pairs[0]!.kappa.by_label['CLAIM']);
    expect(claim.alpha.by_label['CLAIM']).toBe(all.alpha.by_label['CLAIM']);
  });

  it('refuses a span outside its text and an annotator with two layers, naming the article', () => {
    const article: ReviewArticle = {
      id: 7,
      title: 't',
      text: 'Kim',
      layers: [
        { annotator: 'a', spans: [span('a', 0, 4, 'ACTOR')] },
        { annotator: 'b', spans: [] },
      ],
    };
    const run = () => agreementReport({ annotators: ['a', 'b'], labels: ['ACTOR'], articles: [article] });
    expect(run).toThrow(AppError);
    expect(run).toThrow('article 7: span a-ACTOR-0-4 (0..4) lies outside its text (3 code points)');
    const twice: ReviewArticle = { ...article, layers: [article.layers[1]!, article.layers[1]!] };
    expect(() => agreementReport({ annotators: ['a', 'b'], labels: ['ACTOR'], articles: [twice] })).toThrow(
      'article 7: two layers of b',
    );
  });

  it('the text report names what each number was computed over', () => {
    const text = formatAgreement(reportFor('emoji'));
    expect(text).toMatch(/alice × bob: 1 article both marked done/);
    expect(text).toMatch(/ACTOR\s+0\.500\s+1\.000\s+2 \/ 2\s+0\.800\s+12/);
    expect(text).toMatch(/ACTOR\s+0\.807\s+12\s+1/);
  });
});

describe('gold and confusion', () => {
  const text = 'The UN said Kim met Putin in Vladivostok.';
  const article = (id: number, gold: ReviewArticle['gold']): ReviewArticle => ({
    id,
    title: 't',
    text,
    layers: [
      {
        annotator: 'alice',
        spans: [span('alice', 4, 6, 'ACTOR'), span('alice', 12, 15, 'CLAIM'), span('alice', 20, 25, 'ACTOR')],
      },
      { annotator: 'bob', spans: [span('bob', 0, 6, 'ACTOR'), span('bob', 12, 15, 'ACTOR')] },
    ],
    gold,
  });
  const gold = [span('gold', 4, 6, 'ACTOR'), span('gold', 12, 15, 'ACTOR'), span('gold', 20, 25, 'ACTOR')];

  it('no gold: gold and its confusion are null', () => {
    const r = agreementReport({
      annotators: ['alice', 'bob'],
      labels: ['ACTOR', 'CLAIM'],
      articles: [article(1, null)],
    });
    expect(r.gold).toBeNull();
    expect(r.confusion.gold).toBeNull();
  });

  it('each annotator against gold, over adjudicated articles only', () => {
    const r = agreementReport({
      annotators: ['alice', 'bob'],
      labels: ['ACTOR', 'CLAIM'],
      articles: [article(1, gold), article(2, null)],
    });
    expect(r.gold!.articles).toBe(1);
    const [alice, bob] = r.gold!.by_annotator;
    expect(alice!.a).toBe('alice');
    expect(alice!.b).toBe('gold');
    expect(alice!.articles).toBe(1);
    expect(alice!.f1.over.by_label['ACTOR']).toEqual({ matches: 2, a_spans: 2, b_spans: 3 });
    expect(alice!.f1.by_label['ACTOR']).toBeCloseTo(4 / 5, 14);
    expect(alice!.f1.by_label['CLAIM']).toBe(0);
    expect(alice!.f1.overall).toBeCloseTo(4 / 6, 14);
    expect(bob!.f1.over.by_label['ACTOR']).toEqual({ matches: 1, a_spans: 2, b_spans: 3 });
    expect(bob!.f1_overlap.over.by_label['ACTOR']).toEqual({ matches: 2, a_spans: 2, b_spans: 3 });
    expect(bob!.f1.by_label['CLAIM']).toBeNull();
  });

  it('confusion over matched extents, "no span" as null', () => {
    const r = agreementReport({
      annotators: ['alice', 'bob'],
      labels: ['ACTOR', 'CLAIM'],
      articles: [article(1, gold)],
    });
    const alice = r.confusion.gold!.find((c) => c.a === 'alice')!;
    expect(alice.cells).toEqual([
      { a: 'ACTOR', b: 'ACTOR', count: 2 },
      { a: 'CLAIM', b: 'ACTOR', count: 1 },
    ]);
    const bob = r.confusion.gold!.find((c) => c.a === 'bob')!;
    // bob's 0..6 is not gold's 4..6: at matched extents only.
    expect(bob.cells).toEqual([
      { a: 'ACTOR', b: 'ACTOR', count: 1 },
      { a: 'ACTOR', b: null, count: 1 },
      { a: null, b: 'ACTOR', count: 2 },
    ]);
    // Between the annotators: 12..15 is CLAIM for alice and ACTOR for bob.
    expect(r.confusion.pairs[0]!.cells).toEqual([
      { a: 'ACTOR', b: null, count: 2 },
      { a: 'CLAIM', b: 'ACTOR', count: 1 },
      { a: null, b: 'ACTOR', count: 1 },
    ]);
  });
});

describe('matchings', () => {
  function bruteMax(adj: number[][], right: number): number {
    const best = (i: number, used: Set<number>): number => {
      if (i === adj.length) return 0;
      let b = best(i + 1, used);
      for (const j of adj[i]!) {
        if (used.has(j)) continue;
        used.add(j);
        b = Math.max(b, 1 + best(i + 1, used));
        used.delete(j);
      }
      return b;
    };
    void right;
    return best(0, new Set());
  }

  it('Hopcroft–Karp finds a maximum matching where greedy would not', () => {
    // Greedy takes 0-0 and then 1 has nothing; the maximum is 0-1, 1-0.
    expect(maxMatching([[0, 1], [0]], 2)).toBe(2);
    const rnd = mulberry32(7);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rnd() * 6);
      const m = 1 + Math.floor(rnd() * 6);
      const adj = Array.from({ length: n }, () => [...Array(m).keys()].filter(() => rnd() < 0.35));
      expect(maxMatching(adj, m)).toBe(bruteMax(adj, m));
    }
  });

  it('overlap matches: a maximum matching of same-label spans sharing a code point', () => {
    const rnd = mulberry32(5);
    const spans = (who: string) =>
      Array.from({ length: Math.floor(rnd() * 6) }, () => {
        const start = Math.floor(rnd() * 20);
        return span(who, start, start + 1 + Math.floor(rnd() * 6), rnd() < 0.7 ? 'ACTOR' : 'CLAIM');
      });
    for (let t = 0; t < 300; t++) {
      const a = spans('a');
      const b = spans('b');
      const adj = a.map((s) =>
        b.flatMap((x, j) => (x.label === s.label && s.start < x.end && x.start < s.end ? [j] : [])),
      );
      expect(overlapMatches(a, b)).toBe(bruteMax(adj, b.length));
    }
  });

  it('the weighted matching has the maximum total weight, and only allowed pairs', () => {
    const rnd = mulberry32(11);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rnd() * 5);
      const m = 1 + Math.floor(rnd() * 5);
      const w = Array.from({ length: n }, () =>
        Array.from({ length: m }, () => (rnd() < 0.4 ? null : 1 + Math.floor(rnd() * 9))),
      );
      const pairs = maxWeightMatching(n, m, (i, j) => w[i]![j]!);
      const total = pairs.reduce((s, [i, j]) => s + w[i]![j]!, 0);
      expect(new Set(pairs.map((p) => p[0])).size).toBe(pairs.length);
      expect(new Set(pairs.map((p) => p[1])).size).toBe(pairs.length);
      const best = (i: number, used: Set<number>): number => {
        if (i === n) return 0;
        let b = best(i + 1, used);
        for (let j = 0; j < m; j++) {
          const x = w[i]![j];
          if (x == null || used.has(j)) continue;
          used.add(j);
          b = Math.max(b, x + best(i + 1, used));
          used.delete(j);
        }
        return b;
      };
      expect(total).toBe(best(0, new Set()));
    }
  });
});
