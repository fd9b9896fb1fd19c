// The editor's mark geometry (src/renderer/src/lib/marks.ts): buckets, lanes and segments.
import { describe, expect, it } from 'vitest';
import {
  assignLanes,
  bucketByParagraph,
  LANE_PX,
  lanePitch,
  paragraphIndexAt,
  paragraphsOf,
  RESERVED_LANES,
  segmentParagraph,
  spansAt,
  type MarkSpan,
} from '../../src/renderer/src/lib/marks';
import { paragraphs } from '../../src/shared/text';

const span = (id: string, start: number, end: number, labelId = 1): MarkSpan => ({ id, start, end, labelId });

describe('bucketByParagraph', () => {
  it('puts each span in every paragraph it overlaps, and only those', () => {
    const text = 'aaaa\n\nbbbb\ncccc';
    const paras = paragraphs(text); // [0,4) [6,10) [11,15)
    const spans = [span('a', 1, 3), span('across', 2, 12), span('c', 11, 15), span('gap', 4, 6)];
    const buckets = bucketByParagraph(paras, spans);
    expect(buckets.map((b) => b.map((s) => s.id))).toEqual([['a', 'across'], ['across'], ['across', 'c']]);
  });
});

describe('paragraph lookup', () => {
  const paras = paragraphs('aaaa\n\nbbbb\ncccc'); // [0,4) [6,10) [11,15)

  it('finds the paragraphs a span overlaps: one ending at its start is not among them', () => {
    expect(paragraphsOf(paras, { start: 4, end: 6 })).toEqual({ from: 1, to: 1 });
    expect(paragraphsOf(paras, { start: 3, end: 7 })).toEqual({ from: 0, to: 2 });
    expect(paragraphsOf(paras, { start: 10, end: 11 })).toEqual({ from: 2, to: 2 });
    expect(paragraphsOf(paras, { start: 14, end: 15 })).toEqual({ from: 2, to: 3 });
    expect(paragraphsOf([], { start: 0, end: 1 })).toEqual({ from: 0, to: 0 });
  });

  it('names the paragraph holding an offset: the last one starting at or before it', () => {
    expect([0, 3, 4, 5, 6, 10, 11, 15].map((o) => paragraphIndexAt(paras, o))).toEqual([0, 0, 0, 0, 1, 1, 2, 2]);
    expect(paragraphIndexAt(paragraphs('\n\nabc'), 0)).toBe(0);
    expect(paragraphIndexAt([], 3)).toBe(0);
  });
});

describe('assignLanes', () => {
  it('puts shorter spans closest to the text and reuses lanes for spans that do not overlap', () => {
    const clip = { start: 0, end: 100 };
    const lanes = assignLanes(
      [span('claim', 0, 60), span('actor', 10, 20), span('place', 30, 40), span('other', 70, 80)],
      clip,
    );
    expect(lanes.get('actor')).toBe(0);
    expect(lanes.get('place')).toBe(0);
    expect(lanes.get('other')).toBe(0);
    expect(lanes.get('claim')).toBe(1);
  });

  it('gives three nested spans three lanes, innermost first', () => {
    const lanes = assignLanes([span('outer', 0, 30), span('mid', 5, 25), span('inner', 10, 15)], { start: 0, end: 30 });
    expect([lanes.get('inner'), lanes.get('mid'), lanes.get('outer')]).toEqual([0, 1, 2]);
  });

  it('measures length inside the paragraph: a long span clipped short sits low only where needed', () => {
    // Within [50, 60) the long span covers 5 characters, the short one 8.
    const lanes = assignLanes([span('long', 0, 55), span('short', 52, 60)], { start: 50, end: 60 });
    expect(lanes.get('long')).toBe(0);
    expect(lanes.get('short')).toBe(1);
  });
});

describe('segmentParagraph', () => {
  it('cuts at every boundary inside the paragraph and lists the covering spans', () => {
    const segs = segmentParagraph({ start: 0, end: 10 }, [span('x', 2, 6), span('y', 4, 12)], [8]);
    expect(segs).toEqual([
      { start: 0, end: 2, covering: [] },
      { start: 2, end: 4, covering: ['x'] },
      { start: 4, end: 6, covering: ['x', 'y'] },
      { start: 6, end: 8, covering: ['y'] },
      { start: 8, end: 10, covering: ['y'] },
    ]);
  });

  it('covers the paragraph exactly, with no gaps or overlaps, for random spans', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let round = 0; round < 50; round++) {
      const para = { start: rnd(50), end: 0 };
      para.end = para.start + 1 + rnd(80);
      const spans = Array.from({ length: rnd(12) }, (_, i) => {
        const s = rnd(150);
        return span(`s${i}`, s, s + 1 + rnd(40));
      });
      const segs = segmentParagraph(para, spans, [rnd(150)]);
      expect(segs[0]!.start).toBe(para.start);
      expect(segs.at(-1)!.end).toBe(para.end);
      for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBe(segs[i - 1]!.end);
      for (const seg of segs) {
        const expected = spans
          .filter((s) => s.start <= seg.start && s.end >= seg.end)
          .map((s) => s.id)
          .sort();
        expect([...seg.covering].sort()).toEqual(expected);
      }
    }
  });
});

describe('spansAt', () => {
  it('lists the spans under an offset, innermost first (click cycling order)', () => {
    const spans = [span('claim', 0, 50), span('actor', 10, 20), span('name', 12, 18), span('after', 30, 40)];
    expect(spansAt(spans, 15).map((s) => s.id)).toEqual(['name', 'actor', 'claim']);
    expect(spansAt(spans, 20).map((s) => s.id)).toEqual(['claim']);
    expect(spansAt(spans, 60)).toEqual([]);
  });
});

describe('lane pitch', () => {
  it('keeps every lane inside the room each line reserves, at full pitch while they fit', () => {
    for (let lanes = 1; lanes <= RESERVED_LANES; lanes++) expect(lanePitch(lanes)).toBe(LANE_PX);
    for (let lanes = 1; lanes <= 12; lanes++) {
      expect(lanes * lanePitch(lanes)).toBeLessThanOrEqual(RESERVED_LANES * LANE_PX);
    }
    expect(lanePitch(RESERVED_LANES + 1)).toBeLessThan(LANE_PX);
  });
});
