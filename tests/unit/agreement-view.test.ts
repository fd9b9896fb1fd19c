// The agreement panel's reading of a report: the number each cell shows, what it says it was
// computed over, and colours that keep their order.
import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../src/main/backend/review/report';
import {
  alphaBars,
  cellOf,
  colourOf,
  formatValue,
  heatmapHead,
  pairFor,
  shortName,
  textColourOf,
} from '../../src/renderer/src/lib/agreementView';

const report = agreementReport({
  annotators: ['alice', 'bob'],
  labels: ['ACTOR', 'CLAIM'],
  articles: [
    {
      id: 1,
      title: 't',
      text: '😀🇺🇦 Kim 🤝 Putin',
      layers: [
        {
          annotator: 'alice',
          spans: [
            { id: 'a1', label: 'ACTOR', start: 4, end: 7 },
            { id: 'a2', label: 'ACTOR', start: 10, end: 15 },
          ],
        },
        {
          annotator: 'bob',
          spans: [
            { id: 'b1', label: 'ACTOR', start: 4, end: 7 },
            { id: 'b2', label: 'ACTOR', start: 8, end: 15 },
          ],
        },
      ],
    },
  ],
});

describe('agreement view', () => {
  it('reads each metric of a pair, in either order, with what it was computed over', () => {
    const pair = pairFor(report, 'bob', 'alice')!;
    expect(cellOf(pair, 'f1', null)).toEqual({ value: 0.5, over: '1 article, 1 matched of 2 + 2 spans' });
    expect(cellOf(pair, 'f1_overlap', 'ACTOR').value).toBe(1);
    // The worked example of docs/review.md: kappa 0.8 over 12 units.
    expect(cellOf(pair, 'kappa', 'ACTOR').value).toBeCloseTo(0.8, 12);
    expect(cellOf(pair, 'kappa', 'ACTOR').over).toBe('1 article, 12 units (8 both, 1 one only)');
    expect(cellOf(pair, 'kappa', null).value).toBeNull();
    expect(cellOf(pair, 'f1', 'CLAIM').value).toBeNull();
  });

  it('lists alpha per label, undefined where every value is the same', () => {
    const bars = alphaBars(report);
    expect(bars.map((b) => [b.label, b.value === null ? null : Number(b.value.toFixed(4))])).toEqual([
      ['ACTOR', 0.8067],
      ['CLAIM', null],
    ]);
    expect(bars[0]!.over).toBe('1 article, 12 units, 24 values');
  });

  it('prints two decimals or a dash, and colours keep their order from low to high', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(0.80672)).toBe('0.81');
    // No sign on a zero: alpha of exactly -0, or a value that rounds to zero.
    expect([formatValue(-0), formatValue(-0.0001), formatValue(-0.004), formatValue(0.004)]).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(formatValue(-0.006)).toBe('-0.01');
    const lum = (v: number) => {
      const [r, g, b] = colourOf(v).match(/\d+/g)!.map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const values = [0, 0.2, 0.4, 0.6, 0.8, 1];
    const l = values.map(lum);
    expect([...l].sort((a, b) => a - b)).toEqual(l);
    expect(colourOf(-0.5)).toBe(colourOf(0));
    expect(colourOf(null)).toBe('transparent');
    expect([textColourOf(0.1), textColourOf(0.9)]).toEqual(['#fff', '#111']);
  });

  it('the matrix header is as large as its longest name: short names leave no empty band', () => {
    const short = heatmapHead(['anna', 'bo', 'cy']);
    const long = heatmapHead(['anna', 'annotator-with-a-long-name']);
    expect(short.top).toBeLessThan(60);
    expect(short.left).toBeLessThan(60);
    expect(long.left).toBeGreaterThan(short.left);
    expect(long.top).toBeGreaterThan(short.top);
    // A name past the cap is cut, so a very long one cannot push the matrix off the sheet.
    expect(heatmapHead(['x'.repeat(200)])).toEqual(heatmapHead(['x'.repeat(30)]));
    expect(shortName('x'.repeat(30))).toHaveLength(24);
    expect(shortName('anna')).toBe('anna');
  });
});
