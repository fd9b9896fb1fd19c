import { describe, expect, it } from 'vitest';
import { BucketCache } from '../../src/renderer/src/components/editor/useParagraphBuckets';
import { bucketByParagraph } from '../../src/renderer/src/lib/marks';
import { changedSpans, insertSorted, sortSpans } from '../../src/renderer/src/lib/spanOrder';
import { paragraphs } from '../../src/shared/text';
import { mulberry32 } from '../fixtures/random';
import { span } from './fixtures/spans';

const TEXT = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} holds some words to mark.`).join('\n');
const PARAS = paragraphs(TEXT);

describe('paragraph buckets after an edit', () => {
  it('name the spans an edit removed and added, by identity', () => {
    const a = span(0, 5);
    const b = span(10, 20);
    const c = span(50, 60);
    const d = span(12, 14);
    const relabeled = { ...b, labelId: 2 };
    expect(changedSpans([a, b, c], insertSorted([a, b, c], d), 10)).toEqual({ removed: [], added: [d] });
    expect(changedSpans([a, b, c], [a, c], 10)).toEqual({ removed: [b], added: [] });
    expect(changedSpans([a, b, c], [a, relabeled, c], 10)).toEqual({ removed: [b], added: [relabeled] });
    expect(changedSpans([a, b, c], [a, b, c], 10)).toEqual({ removed: [], added: [] });
    expect(changedSpans([a, b, c], [d], 2)).toBeNull();
  });

  it('equal the buckets made from scratch through a run of edits, and keep untouched ones', () => {
    const rnd = mulberry32(7);
    let spans = sortSpans(
      Array.from({ length: 300 }, () => {
        const start = Math.floor(rnd() * (TEXT.length - 80));
        return span(start, start + 1 + Math.floor(rnd() * 80));
      }),
    );
    const cache = new BucketCache(PARAS);
    let buckets = cache.update(spans);
    expect(buckets).toEqual(bucketByParagraph(PARAS, spans));
    for (let step = 0; step < 200; step++) {
      const r = rnd();
      const victim = spans[Math.floor(rnd() * spans.length)]!;
      if (r < 0.4) {
        const start = Math.floor(rnd() * (TEXT.length - 200));
        spans = insertSorted(spans, span(start, start + 1 + Math.floor(rnd() * 200)));
      } else if (r < 0.7) spans = spans.filter((s) => s !== victim);
      else {
        const moved = { ...victim, end: Math.min(TEXT.length, victim.end + 40), labelId: 3 };
        spans = insertSorted(
          spans.filter((s) => s !== victim),
          moved,
        );
      }
      const next = cache.update(spans);
      expect(next).toEqual(bucketByParagraph(PARAS, spans));
      // A paragraph whose spans are the same objects as before keeps its array.
      next.forEach((bucket, i) => {
        const before = buckets[i]!;
        if (bucket.length === before.length && bucket.every((s, k) => s === before[k])) expect(bucket).toBe(before);
      });
      buckets = next;
    }
  });
});
