// shared/lowerBound.ts: the one binary search, checked against a linear scan.
import { describe, expect, it } from 'vitest';
import { lowerBound, upperBound } from '../../src/shared/lowerBound';
import { mulberry32 } from '../fixtures/random';

const byNumber = (item: number, key: number) => item - key;

describe('lowerBound', () => {
  it('is 0 on an empty array', () => {
    expect(lowerBound([], 5, byNumber)).toBe(0);
    expect(upperBound([], 5, byNumber)).toBe(0);
  });

  it('is the length when every item is less, 0 when every item is greater', () => {
    expect(lowerBound([1, 2, 3], 9, byNumber)).toBe(3);
    expect(upperBound([1, 2, 3], 9, byNumber)).toBe(3);
    expect(lowerBound([4, 5, 6], 1, byNumber)).toBe(0);
    expect(upperBound([4, 5, 6], 1, byNumber)).toBe(0);
  });

  it('stops before the first of equal items; upperBound goes past the last', () => {
    const sorted = [1, 3, 3, 3, 7];
    expect(lowerBound(sorted, 3, byNumber)).toBe(1);
    expect(upperBound(sorted, 3, byNumber)).toBe(4);
    expect(lowerBound([2, 2, 2], 2, byNumber)).toBe(0);
    expect(upperBound([2, 2, 2], 2, byNumber)).toBe(3);
  });

  it('finds the first index not less than the key, and the first greater, for random arrays', () => {
    const rand = mulberry32(11);
    for (let round = 0; round < 300; round++) {
      const sorted = Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 20)).sort(
        (a, b) => a - b,
      );
      for (let key = -1; key <= 21; key++) {
        const notLess = sorted.findIndex((x) => x >= key);
        const greater = sorted.findIndex((x) => x > key);
        expect(lowerBound(sorted, key, byNumber)).toBe(notLess < 0 ? sorted.length : notLess);
        expect(upperBound(sorted, key, byNumber)).toBe(greater < 0 ? sorted.length : greater);
      }
    }
  });

  it('searches by a key of another type, and hands the compare each item’s index', () => {
    const spans = [{ start: 2 }, { start: 5 }, { start: 5 }, { start: 9 }];
    expect(lowerBound(spans, 5, (s, at) => s.start - at)).toBe(1);
    expect(upperBound(spans, 5, (s, at) => s.start - at)).toBe(3);
    // Positions less their index (the shape of code points before each astral character).
    const seen: number[] = [];
    const at = lowerBound([3, 5, 9, 10], 5, (x, key, i) => (seen.push(i), x - i - key));
    expect(at).toBe(2);
    expect(seen.every((i) => i >= 0 && i < 4)).toBe(true);
  });
});
