// Conflict clusters: every kind and their combinations, the matching that builds them,
// stable ids, per-article agreement and the review queue.
import { describe, expect, it } from 'vitest';
import { articleAgreement, clusterArticle, clusterId, reviewQueue } from '../../src/main/backend/review/clusters';
import type { ReviewArticle, ReviewSpan } from '../../src/main/backend/review/model';
import { span } from './fixtures/review';

const TEXT = 'The UN said Kim met Putin in Vladivostok on Tuesday.';

function article(layers: Record<string, [number, number, string][]>, id = 1, text = TEXT): ReviewArticle {
  return {
    id,
    title: `Article ${id}`,
    text,
    layers: Object.entries(layers).map(([annotator, spans]) => ({
      annotator,
      spans: spans.map(([s, e, l]) => span(annotator, s, e, l)),
    })),
  };
}

/** Each cluster as "start-end kinds: annotator:label@start-end …". */
function describeClusters(a: ReviewArticle): string[] {
  return clusterArticle(a).map(
    (c) =>
      `${c.start}-${c.end} ${c.unanimous ? 'unanimous' : c.kinds.join('+')}: ` +
      c.members.map((m) => `${m.annotator}:${m.span.label}@${m.span.start}-${m.span.end}`).join(' '),
  );
}

describe('conflict kinds', () => {
  it('unanimous: same start, end and label in every layer', () => {
    const a = article({ alice: [[12, 15, 'ACTOR']], bob: [[12, 15, 'ACTOR']] });
    const [c] = clusterArticle(a);
    expect(c!.unanimous).toBe(true);
    expect(c!.kinds).toEqual([]);
    expect(describeClusters(a)).toEqual(['12-15 unanimous: alice:ACTOR@12-15 bob:ACTOR@12-15']);
  });

  it('label, boundary and partial, and their combinations', () => {
    const a = article({
      alice: [
        [0, 6, 'ACTOR'],
        [12, 15, 'ACTOR'],
        [20, 25, 'ACTOR'],
        [29, 40, 'LOCATION'],
      ],
      bob: [
        [4, 6, 'ACTOR'],
        [12, 15, 'CLAIM'],
        [16, 25, 'CLAIM'],
        [44, 51, 'ACTOR'],
      ],
    });
    expect(describeClusters(a)).toEqual([
      '0-6 boundary: alice:ACTOR@0-6 bob:ACTOR@4-6',
      '12-15 label: alice:ACTOR@12-15 bob:CLAIM@12-15',
      '16-25 label+boundary: alice:ACTOR@20-25 bob:CLAIM@16-25',
      '29-40 partial: alice:LOCATION@29-40',
      '44-51 partial: bob:ACTOR@44-51',
    ]);
  });

  it('with three annotators, what two agree on and the third lacks is partial', () => {
    const a = article({
      alice: [
        [12, 15, 'ACTOR'],
        [20, 25, 'ACTOR'],
        [29, 40, 'LOCATION'],
      ],
      bob: [
        [12, 15, 'ACTOR'],
        [20, 25, 'ACTOR'],
        [26, 40, 'LOCATION'],
      ],
      carol: [
        [12, 15, 'ACTOR'],
        [20, 25, 'CLAIM'],
      ],
    });
    expect(describeClusters(a)).toEqual([
      '12-15 unanimous: alice:ACTOR@12-15 bob:ACTOR@12-15 carol:ACTOR@12-15',
      '20-25 label: alice:ACTOR@20-25 bob:ACTOR@20-25 carol:CLAIM@20-25',
      '26-40 boundary+partial: alice:LOCATION@29-40 bob:LOCATION@26-40',
    ]);
  });

  it('an empty layer makes every span of the others partial; no spans at all, no clusters', () => {
    expect(describeClusters(article({ alice: [[12, 15, 'ACTOR']], bob: [] }))).toEqual([
      '12-15 partial: alice:ACTOR@12-15',
    ]);
    expect(clusterArticle(article({ alice: [], bob: [] }))).toEqual([]);
  });
});

describe('matching spans into clusters', () => {
  it('a maximum matching: a boundary disagreement is one conflict, not two orphans', () => {
    // Pairing alice's 12-19 with bob's 16-25 first (their best overlap) would orphan both
    // 12-15 and 20-25; the maximum matching pairs all four.
    const a = article({
      alice: [
        [12, 19, 'ACTOR'],
        [20, 25, 'ACTOR'],
      ],
      bob: [
        [12, 15, 'ACTOR'],
        [16, 25, 'ACTOR'],
      ],
    });
    expect(describeClusters(a)).toEqual([
      '12-19 boundary: alice:ACTOR@12-19 bob:ACTOR@12-15',
      '16-25 boundary: alice:ACTOR@20-25 bob:ACTOR@16-25',
    ]);
  });

  it('among maximum matchings, the one that agrees most: nested and same-extent spans pair with their twins', () => {
    const a = article({
      alice: [
        [12, 40, 'CLAIM'],
        [12, 15, 'ACTOR'],
        [0, 6, 'ACTOR'],
        [0, 6, 'CLAIM'],
      ],
      bob: [
        [0, 6, 'CLAIM'],
        [12, 15, 'ACTOR'],
        [0, 6, 'ACTOR'],
        [12, 40, 'CLAIM'],
      ],
    });
    const got = clusterArticle(a);
    expect(got.every((c) => c.unanimous)).toBe(true);
    expect(got).toHaveLength(4);
  });

  it('a layer gives a cluster one span at most, and a span joins only clusters it overlaps entirely', () => {
    // alice's one span overlaps both of bob's: one pairs with it, the other is alone.
    const a = article({
      alice: [[12, 25, 'ACTOR']],
      bob: [
        [12, 15, 'ACTOR'],
        [20, 25, 'ACTOR'],
      ],
    });
    const got = clusterArticle(a);
    expect(got).toHaveLength(2);
    for (const c of got) expect(new Set(c.members.map((m) => m.annotator)).size).toBe(c.members.length);
    // carol's 12-15 overlaps alice's 12-19 but not bob's 16-25: it cannot join their cluster.
    const b = article({ alice: [[12, 19, 'ACTOR']], bob: [[16, 25, 'ACTOR']], carol: [[12, 15, 'ACTOR']] });
    expect(describeClusters(b)).toEqual([
      '12-15 partial: carol:ACTOR@12-15',
      '12-25 boundary+partial: alice:ACTOR@12-19 bob:ACTOR@16-25',
    ]);
  });
});

describe('cluster ids', () => {
  const layers: Record<string, [number, number, string][]> = {
    alice: [
      [0, 6, 'ACTOR'],
      [12, 15, 'ACTOR'],
    ],
    bob: [
      [4, 6, 'ACTOR'],
      [12, 15, 'CLAIM'],
    ],
  };

  it('are the same whatever order the layers and spans come in', () => {
    const one = clusterArticle(article(layers));
    const shuffled: ReviewArticle = {
      ...article(layers),
      layers: [...article(layers).layers].reverse().map((l) => ({ ...l, spans: [...l.spans].reverse() })),
    };
    expect(clusterArticle(shuffled)).toEqual(one);
    expect(one.map((c) => c.id)).toEqual([
      clusterId(1, ['alice-ACTOR-0-6', 'bob-ACTOR-4-6']),
      clusterId(1, ['alice-ACTOR-12-15', 'bob-CLAIM-12-15']),
    ]);
    expect(one[0]!.id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('change with the members and with the article', () => {
    const one = clusterArticle(article(layers));
    const other = clusterArticle(article(layers, 2));
    expect(other.map((c) => c.id)).not.toEqual(one.map((c) => c.id));
    const edited = clusterArticle(article({ ...layers, bob: [[4, 6, 'ACTOR']] }));
    expect(edited[0]!.id).toBe(one[0]!.id);
    expect(edited[1]!.id).not.toBe(one[1]!.id);
    expect(clusterId(1, ['a', 'b'])).toBe(clusterId(1, ['b', 'a']));
  });
});

describe('per-article agreement and the review queue', () => {
  const disputed = article(
    {
      alice: [
        [0, 6, 'ACTOR'],
        [12, 15, 'ACTOR'],
        [20, 25, 'ACTOR'],
      ],
      bob: [
        [4, 6, 'ACTOR'],
        [12, 15, 'ACTOR'],
        [20, 25, 'ACTOR'],
      ],
    },
    1,
  );
  const worse = article({ alice: [[12, 15, 'ACTOR']], bob: [[12, 15, 'CLAIM']] }, 2);
  const clean = article({ alice: [[12, 15, 'ACTOR']], bob: [[12, 15, 'ACTOR']] }, 3);
  const empty = article({ alice: [], bob: [] }, 4);
  const single = article({ alice: [[0, 6, 'ACTOR']] }, 5);

  it('agreement is the share of unanimous clusters; open conflicts leave out decided ones', () => {
    const clusters = clusterArticle(disputed);
    expect(articleAgreement(disputed, clusters)).toEqual({
      articleId: 1,
      layers: 2,
      clusters: 3,
      unanimous: 2,
      agreement: 2 / 3,
      openConflicts: 1,
    });
    expect(articleAgreement(disputed, clusters, new Set([clusters[0]!.id])).openConflicts).toBe(0);
    expect(articleAgreement(empty, []).agreement).toBe(1);
    expect(articleAgreement(single, clusterArticle(single)).agreement).toBeNull();
  });

  it('sorts articles two or more annotators finished, lowest agreement first', () => {
    const queue = reviewQueue([clean, disputed, single, empty, worse]);
    expect(queue.map((q) => [q.articleId, q.agreement, q.openConflicts])).toEqual([
      [2, 0, 1],
      [1, 2 / 3, 1],
      [3, 1, 0],
      [4, 1, 0],
    ]);
  });

  it('clusters span ids are the layer spans themselves', () => {
    const spans = new Map<string, ReviewSpan>(disputed.layers.flatMap((l) => l.spans.map((s) => [s.id, s])));
    for (const c of clusterArticle(disputed)) for (const m of c.members) expect(spans.get(m.span.id)).toBe(m.span);
  });
});
