// shared/offsets.ts: UTF-16 <-> code-point conversion, checked against an independent model
// (Array.from iterates code points, which is what Python's str indexes).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../fixtures/random';
import { isCodePointBoundary, OffsetMap } from '../../src/shared/offsets';

/** Python's text[start:end] on code points, computed without offsets.ts. */
const pySlice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');
/** Python's len(text[:utf16]) for a UTF-16 prefix that does not split a pair. */
const cpOf = (text: string, utf16: number): number => Array.from(text.slice(0, utf16)).length;

const SAMPLES: Record<string, string> = {
  ascii: 'Kim met Putin.',
  emoji: 'a😀b😀😀c',
  zwj: 'family 👩‍👩‍👧 here', // U+1F469 U+200D U+1F469 U+200D U+1F467
  flag: 'flag 🇰🇵 end', // two regional indicators, both astral
  combining: 'cafe\u0301 and n\u0303o', // decomposed é and ñ
  cjk: '北京 and 𠀀𠀁 (Ext B)',
  crlf: 'line one\r\nline two\r\n\r\n',
  mixed: '👍🏽 Zoë said “yes” in 東京\r\n— e\u0301😀',
  empty: '',
  onlyAstral: '😀',
};

/** Every UTF-16 offset that does not split a surrogate pair, computed independently. */
function boundaries(text: string): number[] {
  const out = [0];
  let i = 0;
  for (const ch of text) {
    i += ch.length;
    out.push(i);
  }
  return out;
}

describe('OffsetMap on known texts', () => {
  it('a😀b: the emoji takes two UTF-16 units and one code point', () => {
    const m = new OffsetMap('a😀b');
    expect([m.utf16Length, m.codePointLength]).toEqual([4, 3]);
    expect([0, 1, 3, 4].map((u) => m.toCodePoint(u))).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((c) => m.toUtf16(c))).toEqual([0, 1, 3, 4]);
    expect(m.slice(1, 2, 'codepoint')).toBe('😀');
    expect(m.slice(1, 3, 'utf16')).toBe('😀');
  });

  it('ZWJ family: five code points, eight UTF-16 units; offsets inside the sequence are fine, inside a pair are not', () => {
    const text = SAMPLES.zwj!;
    const m = new OffsetMap(text);
    const start = text.indexOf('👩');
    expect(m.toCodePoint(start)).toBe(7);
    expect(m.toCodePoint(start + 8)).toBe(12);
    expect(m.slice(7, 12, 'codepoint')).toBe('👩‍👩‍👧');
    expect(m.toCodePoint(start + 2)).toBe(8); // before the first ZWJ
    expect(() => m.toCodePoint(start + 1)).toThrow(RangeError);
    expect(() => m.toCodePoint(start + 4)).toThrow(/splits a surrogate pair/);
    expect(m.codePointLength).toBe(text.length - 3);
  });

  it('combining marks, BMP CJK and CRLF take the same offsets in both units', () => {
    for (const key of ['combining', 'crlf', 'ascii']) {
      const text = SAMPLES[key]!;
      const m = new OffsetMap(text);
      expect(m.codePointLength).toBe(m.utf16Length);
      expect(m.codePointLength).toBe(text.length);
      for (let i = 0; i <= text.length; i++) {
        expect(m.toCodePoint(i)).toBe(i);
        expect(m.toUtf16(i)).toBe(i);
      }
    }
    const m = new OffsetMap(SAMPLES.combining!);
    expect(m.slice(0, 5, 'codepoint')).toBe('cafe\u0301'); // the mark stays with its base when spanned
    expect(m.slice(0, 4, 'codepoint')).toBe('cafe'); // and is a separate code point, as in Python
    expect(new OffsetMap('北京').codePointLength).toBe(2);
  });

  it('astral CJK (Ext B) shifts offsets like emoji do', () => {
    const text = SAMPLES.cjk!;
    const m = new OffsetMap(text);
    expect(m.codePointLength).toBeLessThan(m.utf16Length);
    const paren = text.indexOf('(');
    expect(m.toCodePoint(paren)).toBe(paren - 2);
    expect(m.slice(m.toCodePoint(text.indexOf('𠀀')), m.toCodePoint(text.indexOf('𠀀') + 4), 'codepoint')).toBe('𠀀𠀁');
  });

  it('round-trips every boundary of every sample, in both directions', () => {
    for (const [name, text] of Object.entries(SAMPLES)) {
      const m = new OffsetMap(text);
      const bounds = boundaries(text);
      expect(m.codePointLength, name).toBe(bounds.length - 1);
      expect(new OffsetMap(text).codePointLength, name).toBe(bounds.length - 1);
      for (const [cp, u] of bounds.entries()) {
        expect(isCodePointBoundary(text, u), `${name} @${u}`).toBe(true);
        expect(m.toCodePoint(u), `${name} @${u}`).toBe(cp);
        expect(m.toUtf16(cp), `${name} cp ${cp}`).toBe(u);
        expect(m.toUtf16(m.toCodePoint(u))).toBe(u);
        expect(m.toCodePoint(u)).toBe(cp);
        expect(m.toUtf16(cp)).toBe(u);
      }
    }
  });

  it('throws on every offset that splits a surrogate pair, and only there', () => {
    for (const [name, text] of Object.entries(SAMPLES)) {
      const m = new OffsetMap(text);
      const bounds = new Set(boundaries(text));
      for (let u = 0; u <= text.length; u++) {
        if (bounds.has(u)) continue;
        expect(isCodePointBoundary(text, u), `${name} @${u}`).toBe(false);
        expect(() => m.toCodePoint(u), `${name} @${u}`).toThrow(/splits a surrogate pair/);
      }
    }
  });

  it('refuses offsets outside the text or that are not integers', () => {
    const m = new OffsetMap('a😀b');
    for (const bad of [-1, 5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => m.toCodePoint(bad), String(bad)).toThrow(RangeError);
    }
    for (const bad of [-1, 4, 0.5, Number.NaN]) expect(() => m.toUtf16(bad), String(bad)).toThrow(RangeError);
    expect(() => m.toUtf16(4)).toThrow(/outside 0..3/);
    expect(() => m.toCodePoint(5)).toThrow(/outside 0..4/);
    expect(() => m.slice(0, 4, 'codepoint')).toThrow(RangeError);
    expect(isCodePointBoundary('a😀b', -1)).toBe(false);
    expect(isCodePointBoundary('a😀b', 5)).toBe(false);
  });

  it('an empty text has the single offset 0', () => {
    const m = new OffsetMap('');
    expect([m.toCodePoint(0), m.toUtf16(0), m.codePointLength]).toEqual([0, 0, 0]);
    expect(() => m.toUtf16(1)).toThrow(RangeError);
  });

  it('lone surrogates (from escaped JSON) count as one code point each, like Array.from does', () => {
    const text = '\uDC00a\uD800b\uD83D'; // lone low, lone high, trailing lone high
    const m = new OffsetMap(text);
    expect(m.codePointLength).toBe(Array.from(text).length);
    expect(new OffsetMap(text).codePointLength).toBe(5);
    for (let u = 0; u <= text.length; u++) expect(m.toCodePoint(u)).toBe(u);
  });
});

describe('property: codepoint slicing equals Python-style slicing', () => {
  const POOLS: string[][] = [
    Array.from('abc XYZ 019.,;\'"-\n\r\t'), // ASCII
    Array.from('éßøñ€—“”…北京東京ÄΩЖ\u00a0\u200d\ufeff'), // BMP, incl. ZWJ and BOM
    Array.from('😀👍🏽👩🚀🇰🇵𠀀𝐀🂡'), // astral (each is 1 code point, 2 units)
    ['\u0301', '\u0303', '\u0308', '\u20dd', '\u0327'], // combining marks
  ];

  function randomText(next: () => number): string {
    const n = Math.floor(next() * 40);
    let s = '';
    for (let i = 0; i < n; i++) {
      const pool = POOLS[Math.floor(next() * POOLS.length)]!;
      s += pool[Math.floor(next() * pool.length)]!;
    }
    return s;
  }

  it('holds for 2,000 random texts and ranges', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = mulberry32(seed);
      const text = randomText(next);
      const m = new OffsetMap(text);
      const len = Array.from(text).length;
      expect(m.codePointLength, `seed ${seed}`).toBe(len);
      for (let k = 0; k < 5; k++) {
        const a = Math.floor(next() * (len + 1));
        const b = Math.floor(next() * (len + 1));
        const [start, end] = a <= b ? [a, b] : [b, a];
        const sliced = m.slice(start, end, 'codepoint');
        expect(sliced, `seed ${seed} [${start}:${end}] of ${JSON.stringify(text)}`).toBe(pySlice(text, start, end));
        // The UTF-16 offsets it maps to give the same text with plain JS slicing.
        const [us, ue] = [m.toUtf16(start), m.toUtf16(end)];
        expect(text.slice(us, ue)).toBe(sliced);
        expect([m.toCodePoint(us), m.toCodePoint(ue)]).toEqual([start, end]);
        expect([cpOf(text, us), cpOf(text, ue)]).toEqual([start, end]);
      }
    }
  });
});
