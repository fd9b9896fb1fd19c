// shared/text.ts: paragraphs, snapping selections to word edges, word and character stepping.
import { describe, expect, it } from 'vitest';
import {
  isWordAt,
  nextWordBoundary,
  paragraphs,
  prevWordBoundary,
  type Range,
  snapToWords,
  stepChar,
  trimRange,
  wordEnd,
  wordStart,
  WORD_RUN,
} from '../../src/shared/text';
import { mulberry32 } from '../fixtures/random';

/** The text of each paragraph, so expectations read as text. */
const paras = (text: string): string[] => paragraphs(text).map((r) => text.slice(r.start, r.end));
/** Snap the range and return the selected text (and the range, for never-narrows checks). */
const snapped = (text: string, start: number, end: number): string => {
  const r = snapToWords(text, { start, end });
  return text.slice(r.start, r.end);
};
/** Selection of `part` (the nth occurrence) inside text, shifted by the given deltas. */
function sel(text: string, part: string, dStart = 0, dEnd = 0): Range {
  const i = text.indexOf(part);
  if (i < 0) throw new Error(`${part} not in ${text}`);
  return { start: i + dStart, end: i + part.length + dEnd };
}
const splitsPair = (text: string, i: number): boolean =>
  i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i]!);

describe('paragraphs', () => {
  it('splits on LF, CRLF and CR, and skips empty lines', () => {
    expect(paras('one\ntwo')).toEqual(['one', 'two']);
    expect(paras('one\r\ntwo\r\n\r\nthree')).toEqual(['one', 'two', 'three']);
    expect(paras('one\rtwo\r\rthree')).toEqual(['one', 'two', 'three']);
    expect(paras('a\n\r\nb\r\n\rc')).toEqual(['a', 'b', 'c']);
  });

  it('ignores leading and trailing breaks; offsets index the full text', () => {
    const text = '\n\r\n  Title\n\nBody text.\r\n';
    expect(paragraphs(text)).toEqual([
      { start: 3, end: 10 },
      { start: 12, end: 22 },
    ]);
    expect(paras(text)).toEqual(['  Title', 'Body text.']);
  });

  it('keeps white-space-only lines (they are text) and handles empty input', () => {
    expect(paras('a\n   \nb')).toEqual(['a', '   ', 'b']);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs('\n\r\n\r')).toEqual([]);
    expect(paras('single')).toEqual(['single']);
  });

  it('covers every non-break character of a demo-like text exactly once', () => {
    const text = 'Headline\n\nFirst “para” 😀.\r\nSecond.\rThird\n';
    const covered = paragraphs(text)
      .map((r) => text.slice(r.start, r.end))
      .join('');
    expect(covered).toBe(text.replace(/\r\n|\r|\n/g, ''));
  });
});

describe('snapToWords', () => {
  const T = 'Kim Jong Un met Putin in Vladivostok.';

  it('widens boundaries that fall inside a word to its edges', () => {
    expect(snapped(T, 1, 6)).toBe('Kim Jong');
    const r = sel(T, 'Putin', 2, -1); // "tin" → "Putin"
    expect(snapped(T, r.start, r.end)).toBe('Putin');
    expect(snapped(T, T.indexOf('Vladivostok') + 3, T.indexOf('Vladivostok') + 4)).toBe('Vladivostok');
  });

  it('leaves boundaries already on word edges alone (including punctuation outside words)', () => {
    const r = sel(T, 'Putin');
    expect(snapToWords(T, r)).toEqual(r);
    expect(snapped(T, T.indexOf('Vladivostok'), T.length)).toBe('Vladivostok.');
    expect(snapped('“Kim” said', 0, 3)).toBe('“Kim');
  });

  it('trims surrounding white space (spaces, tabs, newlines, no-break space)', () => {
    expect(snapped('  Kim  ', 0, 7)).toBe('Kim');
    expect(snapped('a\t\n Putin\u00a0\r\nb', 1, 12)).toBe('Putin');
    expect(snapToWords('a   b', { start: 1, end: 4 })).toEqual({ start: 4, end: 4 });
  });

  it('never narrows: the result contains the original selection minus white space', () => {
    const texts = [T, "rock'n'roll state-of-the-art U.S. Zoë café 😀 x", 'Ünïcödé wörds, ok?'];
    for (const text of texts) {
      for (let s = 0; s <= text.length; s++) {
        for (let e = s + 1; e <= text.length; e++) {
          if (splitsPair(text, s) || splitsPair(text, e)) continue;
          const r = snapToWords(text, { start: s, end: e });
          const trimmed = text.slice(s, e).trim();
          if (!trimmed) continue;
          expect(text.slice(r.start, r.end), `${s}..${e}`).toContain(trimmed);
          expect(r.start).toBeLessThanOrEqual(s + (text.slice(s, e).length - text.slice(s, e).trimStart().length));
        }
      }
    }
  });

  it('treats apostrophes, hyphens and dots between letters as inside the word', () => {
    const t = "the rock'n'roll star and state-of-the-art Kim's U.S. forces";
    expect(snapped(t, t.indexOf('rock') + 5, t.indexOf('rock') + 6)).toBe("rock'n'roll");
    expect(snapped(t, t.indexOf('state') + 3, t.indexOf('state') + 9)).toBe('state-of-the-art');
    expect(snapped(t, t.indexOf('Kim'), t.indexOf('Kim') + 2)).toBe('Kim');
    expect(snapped(t, t.indexOf('U.S'), t.indexOf('U.S') + 2)).toBe('U.S');
    // Curly apostrophe too.
    expect(snapped('Kim’s army', 0, 1)).toBe('Kim');
    // A trailing apostrophe or hyphen is not part of the word.
    expect(snapped("the players' union", 4, 6)).toBe('players');
  });

  it("stops before a possessive ’s / 's, and takes it whole when the selection reaches into it", () => {
    const t = "to fend off Ukraine’s ongoing offensive and Kim's plan";
    const u = t.indexOf('Ukraine');
    expect(snapped(t, u + 2, u + 4)).toBe('Ukraine');
    expect(snapped(t, u, u + 'Ukraine’s'.length)).toBe('Ukraine’s');
    expect(snapped(t, u, u + 'Ukraine’s'.length - 1)).toBe('Ukraine’s'); // between ’ and s
    expect(snapped(t, t.indexOf('Kim'), t.indexOf('Kim') + 1)).toBe('Kim');
    expect(nextWordBoundary(t, u)).toBe(u + 'Ukraine'.length);
    expect(prevWordBoundary(t, u + 'Ukraine’s'.length)).toBe(u + 'Ukraine'.length);
    expect(prevWordBoundary(t, u + 'Ukraine'.length)).toBe(u);
    // Not a possessive: contractions, names, a longer word after the apostrophe.
    expect(snapped("they don't know", 6, 7)).toBe("don't");
    expect(snapped("it'll rain", 0, 1)).toBe("it'll");
    expect(snapped("O'Brien's car", 0, 1)).toBe("O'Brien");
    expect(snapped("the Kim'sville plant", 4, 5)).toBe("Kim'sville");
  });

  it('keeps combining marks and astral letters with their word', () => {
    expect(snapped('cafe\u0301 ok', 0, 2)).toBe('cafe\u0301');
    expect(snapped('x a𠀀b y', 2, 3)).toBe('a𠀀b');
    expect(snapped('x a𠀀b y', 4, 5)).toBe('a𠀀b'); // starting between the halves of 𠀀
  });

  it('does not glue emoji to words, and keeps emoji whole', () => {
    const t = 'hi 😀😀 there';
    expect(snapped(t, 3, 5)).toBe('😀');
    expect(snapped(t, 3, 7)).toBe('😀😀');
    expect(snapped('go😀team', 0, 1)).toBe('go');
    // A selection between the halves of an emoji takes the whole emoji.
    expect(snapped(t, 4, 5)).toBe('😀');
    expect(snapped(t, 4, 6)).toBe('😀😀');
  });

  it('never returns a boundary inside a surrogate pair', () => {
    const t = 'hi 😀😀 there 👩‍👩‍👧 end';
    for (let s = 0; s <= t.length; s++) {
      for (let e = s + 1; e <= t.length; e++) {
        const r = snapToWords(t, { start: s, end: e });
        expect(splitsPair(t, r.start) || splitsPair(t, r.end), `${s}..${e} → ${r.start}..${r.end}`).toBe(false);
      }
    }
  });

  it('accepts a backwards selection and clamps to the text', () => {
    expect(snapped(T, 6, 1)).toBe('Kim Jong');
    expect(snapToWords('word', { start: -5, end: 99 })).toEqual({ start: 0, end: 4 });
  });
});

describe('trimRange (character precision)', () => {
  it('trims white space only, never widening into words', () => {
    expect(trimRange(' Putin ', { start: 0, end: 3 })).toEqual({ start: 1, end: 3 });
    expect(trimRange('Kim Jong', { start: 1, end: 6 })).toEqual({ start: 1, end: 6 });
  });

  it('keeps surrogate pairs whole', () => {
    const t = 'a😀b';
    expect(trimRange(t, { start: 2, end: 4 })).toEqual({ start: 1, end: 4 });
    expect(trimRange(t, { start: 0, end: 2 })).toEqual({ start: 0, end: 3 });
  });
});

describe('word helpers and stepping', () => {
  const t = 'Kim Jong-un, said: “Putin’s plan”.';

  it('isWordAt / wordStart / wordEnd', () => {
    expect(isWordAt(t, 0)).toBe(true);
    expect(isWordAt(t, 3)).toBe(false);
    expect(isWordAt(t, t.indexOf('-'))).toBe(true);
    expect(isWordAt(t, t.indexOf(','))).toBe(false);
    expect(isWordAt(t, -1)).toBe(false);
    expect(isWordAt(t, t.length)).toBe(false);
    expect(wordStart(t, t.indexOf('un'))).toBe(4);
    expect(wordEnd(t, 5)).toBe(t.indexOf(','));
    expect(wordStart(t, 3)).toBe(0); // at the end of "Kim": the word before
    expect(wordEnd(t, 3)).toBe(3); // a space: stays
  });

  it('nextWordBoundary jumps to the end of the next word, skipping punctuation and space', () => {
    const stops: number[] = [];
    for (let p = 0; p < t.length;) {
      p = nextWordBoundary(t, p);
      stops.push(p);
    }
    expect(stops.map((p) => t.slice(0, p))).toEqual([
      'Kim',
      'Kim Jong-un',
      'Kim Jong-un, said',
      'Kim Jong-un, said: “Putin',
      'Kim Jong-un, said: “Putin’s',
      'Kim Jong-un, said: “Putin’s plan',
      t,
    ]);
  });

  it('prevWordBoundary jumps to the start of the previous word', () => {
    const stops: number[] = [];
    for (let p = t.length; p > 0;) {
      p = prevWordBoundary(t, p);
      stops.push(p);
    }
    expect(stops.map((p) => t.slice(p, p + 4))).toEqual(['plan', '’s p', 'Puti', 'said', 'Jong', 'Kim ']);
    expect(prevWordBoundary(t, 0)).toBe(0);
    expect(nextWordBoundary(t, t.length)).toBe(t.length);
  });

  it('word stepping treats emoji as non-word and never stops inside a pair', () => {
    const e = 'go 😀 now';
    expect(nextWordBoundary(e, 2)).toBe(e.length);
    expect(prevWordBoundary(e, e.length - 3)).toBe(0);
  });

  it('stepChar moves over a surrogate pair as one character, both ways', () => {
    const s = 'a😀b👩‍👧';
    const forward: number[] = [];
    for (let i = 0; i < s.length;) forward.push((i = stepChar(s, i, 1)));
    expect(forward).toEqual([1, 3, 4, 6, 7, 9]);
    const backward: number[] = [];
    for (let i = s.length; i > 0;) backward.push((i = stepChar(s, i, -1)));
    expect(backward).toEqual([7, 6, 4, 3, 1, 0]);
    expect(stepChar(s, 0, -1)).toBe(0);
    expect(stepChar(s, s.length, 1)).toBe(s.length);
    // From the middle of a pair it lands on a boundary.
    expect(stepChar(s, 2, 1)).toBe(3);
    expect(stepChar(s, 2, -1)).toBe(1);
  });

  it('stepChar steps over combining marks one code point at a time (they are separate characters)', () => {
    const s = 'e\u0301x';
    expect(stepChar(s, 0, 1)).toBe(1);
    expect(stepChar(s, 1, 1)).toBe(2);
  });
});

describe('WORD_RUN', () => {
  /** The maximal runs of offsets isWordAt calls word characters. */
  const editorWords = (text: string): string[] => {
    const out: string[] = [];
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && isWordAt(text, i)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        out.push(text.slice(start, i));
        start = -1;
      }
    }
    return out;
  };
  const runs = (text: string): string[] => text.match(new RegExp(WORD_RUN, 'gu')) ?? [];

  it('finds in one pass the words isWordAt reads, joiners and astral letters included', () => {
    const text = "Kim's O’Brien co-op U.S. a--b -x- 1.5 𝐀𝐁c e\u0301t snake_case ‐‐ 'q' ..";
    expect(runs(text)).toEqual(editorWords(text));
    expect(runs(text)).toContain('O’Brien');
    expect(runs(text)).toContain('𝐀𝐁c');
  });

  it('agrees with isWordAt on random texts of letters, joiners, marks and spaces', () => {
    const alphabet = ['a', 'Z', '7', '_', "'", '’', '-', '‐', '.', ' ', '\n', ',', '𝐀', '\u0301', 'é'];
    const rnd = mulberry32(5);
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let k = Math.floor(rnd() * 30); k > 0; k--) text += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(runs(text), JSON.stringify(text)).toEqual(editorWords(text));
    }
  });
});
