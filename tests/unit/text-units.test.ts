// shared/textUnits.ts: the sentences, clauses, quotations and paragraphs the editor's keys
// jump by and select, on the demo set's kind of text.
import { describe, expect, it } from 'vitest';
import {
  clauseAt,
  nextParagraphStart,
  nextSentenceStart,
  paragraphAt,
  prevParagraphStart,
  prevSentenceStart,
  quotationAround,
  sentenceAt,
} from '../../src/shared/textUnits';
import type { Range } from '../../src/shared/text';

const text = [
  'North Korean leader Kim Jong Un is planning on making a rare trip to meet President Putin in Russia, the White House has said.',
  '',
  '\u00a0"It is not that it is stalling. It is a failure," Putin said during a press conference.',
  '',
  '\u00a0The US spokeswoman said that “arms negotiations between Russia and the DPRK are actively advancing,” using an acronym.',
  '“We have information that Kim Jong Un expects these discussions to continue — at leader level,” she added.',
].join('\n');
const slice = (r: Range | null) => (r ? text.slice(r.start, r.end) : null);
const at = (needle: string, d = 0) => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(needle);
  return i + d;
};
const caret = (i: number): Range => ({ start: i, end: i });

describe('sentences', () => {
  it('finds the sentence around a caret, trimmed, by Intl.Segmenter', () => {
    expect(slice(sentenceAt(text, at('rare')))).toBe(text.split('\n')[0]);
    expect(slice(sentenceAt(text, at('stalling')))).toBe('"It is not that it is stalling.');
    expect(slice(sentenceAt(text, at('failure')))).toBe('It is a failure," Putin said during a press conference.');
  });

  it('jumps to the next and previous sentence starts, across paragraphs', () => {
    const starts: number[] = [];
    for (let p = 0; p < text.length;) {
      p = nextSentenceStart(text, p);
      starts.push(p);
    }
    expect(starts.map((p) => text.slice(p, p + 8))).toEqual(['"It is n', 'It is a ', 'The US s', '“We have', '']);
    expect(prevSentenceStart(text, at('It is a failure'))).toBe(at('"It is not'));
    expect(prevSentenceStart(text, at('a failure'))).toBe(at('It is a failure'));
    expect(prevSentenceStart(text, at('"It is not'))).toBe(0);
    expect(prevSentenceStart(text, 0)).toBe(0);
  });
});

describe('paragraphs', () => {
  it('knows the paragraph around an offset and jumps between paragraph starts', () => {
    expect(slice(paragraphAt(text, 5))).toBe(text.split('\n')[0]);
    const second = at('\u00a0"It is');
    expect(nextParagraphStart(text, 5)).toBe(second + 1); // the no-break space is white space
    expect(prevParagraphStart(text, at('stalling'))).toBe(second);
    expect(prevParagraphStart(text, second)).toBe(0);
    expect(nextParagraphStart(text, at('she added'))).toBe(text.length);
  });
});

describe('clauses', () => {
  it('is the stretch of the sentence between commas, colons, dashes and quote marks', () => {
    const claim = 'North Korean leader Kim Jong Un is planning on making a rare trip to meet President Putin in Russia';
    expect(slice(clauseAt(text, 0))).toBe(claim);
    expect(slice(clauseAt(text, at('Kim')))).toBe(claim);
    // A caret on the comma (just after "Russia") belongs to the clause that ends there.
    expect(slice(clauseAt(text, at(', the White')))).toBe(claim);
    expect(slice(clauseAt(text, at('White')))).toBe('the White House has said');
    expect(slice(clauseAt(text, at('expects')))).toBe(
      'We have information that Kim Jong Un expects these discussions to continue',
    );
  });
});

describe('quotations', () => {
  const content = 'arms negotiations between Russia and the DPRK are actively advancing';
  it('selects the content between the nearest quote marks, from anywhere inside, curly or straight', () => {
    for (const i of [at('“arms', 1), at('DPRK'), at('advancing', 4), at('advancing,”', 10), at('advancing,”', 11)]) {
      expect(slice(quotationAround(text, caret(i))), String(i)).toBe(content);
    }
    expect(slice(quotationAround(text, caret(at('stalling'))))).toBe('It is not that it is stalling. It is a failure');
    expect(slice(quotationAround(text, caret(at('We have', 3))))).toBe(
      'We have information that Kim Jong Un expects these discussions to continue — at leader level',
    );
    // A selection inside a quotation widens to it.
    expect(slice(quotationAround(text, { start: at('Russia and'), end: at('DPRK', 4) }))).toBe(content);
  });

  it('is null outside quotes, and does not take an apostrophe for a closing mark', () => {
    expect(quotationAround(text, caret(at('spokeswoman')))).toBeNull();
    expect(quotationAround(text, caret(at('rare')))).toBeNull();
    const t = '‘Russia’s army is ready,’ he said.';
    expect(slice2(t, quotationAround(t, caret(3)))).toBe('Russia’s army is ready');
  });
});

const slice2 = (t: string, r: Range | null) => (r ? t.slice(r.start, r.end) : null);
