// What the window draws for invisible characters (src/renderer/src/lib/invisibles.ts): which
// characters are boxed and under what name, and pieces that cover the text at its own offsets.
import { describe, expect, it } from 'vitest';
import { describeInvisible, displayPieces, visiblePlain } from '../../src/renderer/src/lib/invisibles';

describe('describeInvisible', () => {
  it('names every bidi control and the other invisible format characters', () => {
    const named: Record<string, string> = {
      '\u061c': 'ALM',
      '\u200e': 'LRM',
      '\u200f': 'RLM',
      '\u202a': 'LRE',
      '\u202b': 'RLE',
      '\u202c': 'PDF',
      '\u202d': 'LRO',
      '\u202e': 'RLO',
      '\u2066': 'LRI',
      '\u2067': 'RLI',
      '\u2068': 'FSI',
      '\u2069': 'PDI',
      '\u200b': 'ZWSP',
      '\u2060': 'WJ',
      '\u2061': 'FA',
      '\u2062': 'IT',
      '\u2063': 'IS',
      '\u2064': 'IP',
      '\ufeff': 'BOM',
      '\u{e0001}': 'LANG',
      '\u{e0041}': 'TAG A',
      '\u{e007f}': 'TAG END',
    };
    for (const [char, short] of Object.entries(named)) {
      expect(describeInvisible(char)?.short, short).toBe(short);
    }
    expect(describeInvisible('\u202e')?.title).toBe('U+202E RIGHT-TO-LEFT OVERRIDE (an invisible character)');
    expect(describeInvisible('\u{e0041}')?.title).toMatch(/^U\+E0041 TAG A/);
  });

  it('leaves ordinary text alone, and the joiners that emoji and scripts need, and the soft hyphen', () => {
    for (const char of ['a', ' ', '\n', 'é', '\u0301', '\u200c', '\u200d', '\u00ad', '😀', 'ب', '']) {
      expect(describeInvisible(char), JSON.stringify(char)).toBeNull();
    }
  });
});

describe('displayPieces', () => {
  it('cuts text into runs and single invisible characters that cover it at its own offsets', () => {
    const text = 'abc\u202egnp.exe';
    const pieces = displayPieces(text);
    expect(pieces).toEqual([
      { kind: 'text', start: 0, end: 3 },
      { kind: 'invisible', start: 3, end: 4, short: 'RLO', title: expect.stringContaining('U+202E') as string },
      { kind: 'text', start: 4, end: 11 },
    ]);
    expect(pieces.map((p) => text.slice(p.start, p.end)).join('')).toBe(text);
  });

  it('works on a range of a longer text, with offsets in the whole text; tags take two code units', () => {
    const text = 'x \u200b\u200b y \u{e0041}\u{e0042}z';
    const pieces = displayPieces(text, 1, text.length - 1);
    expect(pieces.map((p) => [p.kind === 'text' ? 'text' : p.short, p.start, p.end])).toEqual([
      ['text', 1, 2],
      ['ZWSP', 2, 3],
      ['ZWSP', 3, 4],
      ['text', 4, 7],
      ['TAG A', 7, 9],
      ['TAG B', 9, 11],
    ]);
  });

  it('gives one text piece for text without invisibles, and for an empty range', () => {
    expect(displayPieces('plain text')).toEqual([{ kind: 'text', start: 0, end: 10 }]);
    expect(displayPieces('abc', 2, 2)).toEqual([{ kind: 'text', start: 2, end: 2 }]);
    expect(displayPieces('\u2066', 0, 1)).toEqual([
      { kind: 'invisible', start: 0, end: 1, short: 'LRI', title: expect.any(String) as string },
    ]);
  });
});

describe('visiblePlain', () => {
  it('spells each invisible out for places without markup (window title, tooltips)', () => {
    expect(visiblePlain('title \u202eevil')).toBe('title ⟨RLO⟩evil');
    expect(visiblePlain('plain')).toBe('plain');
  });
});
