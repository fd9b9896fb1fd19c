// shared/coverage.ts: whether a span of a place's label covers it, as one sweep in reading order,
// checked against the definition (any span of the label with start <= place.start and end >= place.end).
import { describe, expect, it } from 'vitest';
import { Coverage, type Labelled } from '../../src/shared/coverage';
import { mulberry32 } from '../fixtures/random';

const at = (start: number, end: number, labelId = 1): Labelled => ({ start, end, labelId });
const inOrder = (a: Labelled, b: Labelled) => a.start - b.start || a.end - b.end;

function coveredPlaces(places: Labelled[], spans: Labelled[]): Labelled[] {
  const coverage = new Coverage(spans);
  return places.filter((p) => coverage.covers(p));
}

describe('coverage', () => {
  it('covers a place inside a span of its label, edges included; never one of another label or reaching out', () => {
    const spans = [at(0, 10, 1), at(20, 25, 2)];
    const places = [at(0, 10), at(0, 11), at(2, 5), at(4, 8, 2), at(6, 12), at(10, 12), at(20, 25, 2), at(21, 24, 2)];
    expect(coveredPlaces(places, spans)).toEqual([at(0, 10), at(2, 5), at(20, 25, 2), at(21, 24, 2)]);
  });

  it('reads the furthest end of a label: a long span covers places past shorter ones after it', () => {
    const spans = [at(0, 100), at(5, 6), at(7, 8, 2)];
    expect(coveredPlaces([at(50, 60), at(90, 100), at(95, 101)], spans)).toEqual([at(50, 60), at(90, 100)]);
  });

  it('does not count a span starting after the place, even one that reaches past it', () => {
    expect(coveredPlaces([at(3, 5)], [at(4, 9)])).toEqual([]);
    expect(coveredPlaces([at(3, 5)], [])).toEqual([]);
  });

  it('agrees with the definition for random spans and places', () => {
    const rand = mulberry32(3);
    const int = (n: number) => Math.floor(rand() * n);
    for (let round = 0; round < 200; round++) {
      const make = (n: number) =>
        Array.from({ length: n }, () => {
          const start = int(200);
          return at(start, start + 1 + int(30), 1 + int(3));
        }).sort(inOrder);
      const spans = make(int(40));
      const places = make(int(60));
      const expected = places.filter((p) =>
        spans.some((s) => s.labelId === p.labelId && s.start <= p.start && s.end >= p.end),
      );
      expect(coveredPlaces(places, spans)).toEqual(expected);
    }
  });
});
