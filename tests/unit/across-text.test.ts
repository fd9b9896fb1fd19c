// Normalisation with its map back to verbatim offsets, sentences, and the word-by-word
// projection of a span onto its copy.
import { describe, expect, it } from 'vitest';
import { alignTokens, lcsPairs, project } from '../../src/main/backend/across/align';
import { normalize, tokens, wordsOf } from '../../src/main/backend/across/normalize';
import { sentenceOf, sentences } from '../../src/main/backend/across/sentences';
import { OffsetMap } from '../../src/shared/offsets';

/** Where `needle` (normalised) is in the normalised text, as a verbatim slice. */
function verbatimOf(text: string, needle: string): string {
  const n = normalize(text);
  const at = n.text.indexOf(needle);
  expect(at, `"${needle}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
  const r = n.toVerbatim(at, at + needle.length);
  return text.slice(r.start, r.end);
}

describe('normalisation and its offset map', () => {
  it('curly and straight quotes compare equal, and map back to the verbatim marks', () => {
    const curly = 'He said “arms are ‘advancing’” today.';
    const straight = 'He said "arms are \'advancing\'" today.';
    expect(normalize(curly).text).toBe(normalize(straight).text);
    expect(verbatimOf(curly, '"arms are \'advancing\'"')).toBe('“arms are ‘advancing’”');
    expect(verbatimOf(curly, "'advancing'")).toBe('‘advancing’');
  });

  it('em and en dashes, a minus and a double hyphen are one -', () => {
    const t = 'Kim — who rarely travels -- is 1990–2023 −5';
    expect(normalize(t).text).toBe('kim - who rarely travels - is 1990-2023 -5');
    expect(verbatimOf(t, '1990-2023')).toBe('1990–2023');
    expect(verbatimOf(t, 'travels - is')).toBe('travels -- is');
  });

  it('NBSP, double spaces, tabs and CRLF are one space covering the whole run', () => {
    const t = 'Adrienne\u00a0Watson  said\r\n\r\nthat\tthe';
    expect(normalize(t).text).toBe('adrienne watson said that the');
    expect(verbatimOf(t, 'watson said that')).toBe('Watson  said\r\n\r\nthat');
    expect(verbatimOf(t, 'adrienne watson')).toBe('Adrienne\u00a0Watson');
  });

  it('case is folded (and diacritics dropped when asked), offsets stay verbatim past astral characters', () => {
    const t = '🇺🇦 ERDOĞAN in Zürich';
    const n = normalize(t, { diacritics: true });
    expect(n.text).toBe('🇺🇦 erdogan in zurich');
    const at = n.text.indexOf('zurich');
    const r = n.toVerbatim(at, at + 6);
    expect(t.slice(r.start, r.end)).toBe('Zürich');
    const map = new OffsetMap(t);
    expect([map.toCodePoint(r.start), map.toCodePoint(r.end)]).toEqual([14, 20]);
    // Without the option the diacritic stays (as a lower-case letter).
    expect(normalize(t).text).toContain('erdoğan');
  });

  it('an ellipsis and invisible characters (soft hyphen, zero-width space) never make texts differ', () => {
    expect(normalize('wait… anti\u00adtank\u200b war').text).toBe(normalize('Wait... antitank war').text);
  });

  it('tokens are words and single punctuation marks, each with its verbatim range', () => {
    const t = 'Kim Jong-un’s “visit”';
    expect(tokens(normalize(t)).map((k) => [k.norm, t.slice(k.start, k.end), k.word])).toEqual([
      ['kim', 'Kim', true],
      ['jong', 'Jong', true],
      ['-', '-', false],
      ['un', 'un', true],
      ["'", '’', false],
      ['s', 's', true],
      ['"', '“', false],
      ['visit', 'visit', true],
      ['"', '”', false],
    ]);
  });
});

describe('sentences', () => {
  it('splits at sentence ends and at every line break, trimmed', () => {
    const t = ' "It is a failure," Putin said. Mr. Kim agreed.\nTop of page\r\n\r\n  Next one. ';
    expect(sentences(t).map((s) => t.slice(s.start, s.end))).toEqual([
      '"It is a failure," Putin said.',
      'Mr. Kim agreed.',
      'Top of page',
      'Next one.',
    ]);
    const list = sentences(t);
    expect(sentenceOf(list, t.indexOf('Kim'), t.indexOf('Kim') + 3)).toBe(1);
    expect(sentenceOf(list, t.indexOf('said'), t.indexOf('agreed'))).toBe(-1);
  });
});

/** Projects `span` (its first occurrence in `source`) onto `copy`; returns the copy's slice or the refusal. */
function projectText(source: string, copy: string, span: string, nth = 0): string {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = source.indexOf(span, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  const p = project(tokens(normalize(source)), tokens(normalize(copy)), at, at + span.length);
  return 'refused' in p ? `refused: ${p.refused}` : copy.slice(p.start, p.end);
}

describe('projection onto a copy', () => {
  const wire =
    'The US National Security Council (NSC) spokeswoman Adrienne Watson said that “arms negotiations between Russia and the DPRK are actively advancing,” using an acronym for North Korea.';
  const copy =
    '"As we have warned publicly, arms negotiations between Russia and the DPRK are actively advancing," National Security Council (NSC) spokeswoman Adrienne Watson said, using an acronym for the North.';

  it('lands exactly on the same words', () => {
    // The copy moved the speaker after the quotation: a block in another order still aligns.
    expect(projectText(wire, copy, 'Adrienne Watson')).toBe('Adrienne Watson');
    expect(projectText(wire, copy, 'National Security Council (NSC)')).toBe('National Security Council (NSC)');
    const source = 'Kim is likely to head by armored train later this month to Vladivostok.';
    const target = 'Kim is likely to head by armored train later this month to Vladivostok.';
    const at = source.indexOf('Vladivostok');
    const p = project(tokens(normalize(source)), tokens(normalize(target)), at, at + 11);
    expect(p).toEqual({ start: target.indexOf('Vladivostok'), end: target.indexOf('Vladivostok') + 11 });
  });

  it('survives an edited clause elsewhere in the sentence', () => {
    const a =
      'Kim is likely to head by armored train later this month to Vladivostok, on Russia’s Pacific coast not far from North Korea, to meet with Putin, according to The New York Times.';
    const b =
      "Kim -- who rarely travels outside his country -- is likely to head later this month to Vladivostok, on Russia's Pacific coast not far from North Korea, to meet with Putin, according to The New York Times.";
    expect(projectText(a, b, 'Vladivostok')).toBe('Vladivostok');
    expect(projectText(a, b, 'Russia’s Pacific coast')).toBe("Russia's Pacific coast");
    expect(projectText(a, b, 'The New York Times')).toBe('The New York Times');
    expect(projectText(a, b, 'Putin')).toBe('Putin');
  });

  it('curly and straight quotes: a quotation keeps its marks where the copy has them beside the words', () => {
    const a = 'Putin said “it is a failure” on Monday.';
    const b = 'Putin said "it is a failure" on Monday.';
    expect(projectText(a, b, '“it is a failure”')).toBe('"it is a failure"');
    expect(projectText(b, a, '"it is a failure"')).toBe('“it is a failure”');
    // The copy opens the quotation earlier: the span lands on its words, never on half a quotation.
    expect(projectText(wire, copy, '“arms negotiations between Russia and the DPRK are actively advancing,”')).toBe(
      'arms negotiations between Russia and the DPRK are actively advancing',
    );
  });

  it('refuses where the span’s own words differ', () => {
    const a = 'The paper said Putin wanted artillery shells and antitank missiles from North Korea.';
    const b = 'The newspaper said Putin wanted artillery shells and anti-tank missiles from North Korea.';
    expect(projectText(a, b, 'The paper')).toMatch(/^refused: "paper" is not in the copy/);
    expect(projectText(a, b, 'antitank missiles')).toMatch(/^refused/);
    expect(projectText(a, b, 'artillery shells')).toBe('artillery shells');
    // A word the copy inserts inside the span.
    expect(
      projectText('Kim met Putin in Vladivostok.', 'Kim met President Putin in Vladivostok.', 'met Putin'),
    ).toMatch(/^refused: the copy has "president" inside the span/);
    // A span that starts or ends inside a word.
    expect(projectText(a, b, 'rtillery')).toMatch(/^refused: the span does not start at a word/);
  });

  it('aligns by a longest common subsequence, then blocks of three tokens or more moved elsewhere', () => {
    const t = (s: string) => tokens(normalize(s));
    expect(lcsPairs(t('a b c d'), t('a x c d'))).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
    // "p q r" moved to the front; the lone "z" that also moved is not paired.
    expect(alignTokens(t('a b c d e p q r z'), t('p q r z2 a b c d e z'))).toEqual([
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
      [4, 8],
      [5, 0],
      [6, 1],
      [7, 2],
      [8, 9],
    ]);
  });
});

describe('words for the sentence index', () => {
  it('are the words the tokens have, without offsets', () => {
    for (const t of [
      'Kim Jong-un’s “visit” — to Zürich, ERDOĞAN said… anti\u00adtank 北京 🇺🇦 2023',
      'The paper said Putin wanted artillery shells.',
    ]) {
      expect(wordsOf(t)).toEqual(tokens(normalize(t, { diacritics: true }), true).map((k) => k.norm));
    }
  });
});
