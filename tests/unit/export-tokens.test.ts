// Tokens and sentences for bio and CoNLL: Unicode words as Intl.Segmenter finds them (so
// Chinese and Thai are split into words, and 。 ends a sentence), the fast path for Latin text
// giving exactly the segmenter's tokens, and every change to a span in the loss report.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject, formatExportSummary } from '../../src/main/backend/exporters';
import { tokenize } from '../../src/main/backend/exporters/tokens';
import { mulberry32 } from '../fixtures/random';
import { tempDir } from './helpers';
import { emptyProject, exportText, imp, jsonl, lines, write } from './fixtures/io';

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'word' });

/** What the tokens must be: Intl.Segmenter's words over the whole text, white space left out. */
function reference(text: string): string[] {
  const out: string[] = [];
  for (const s of SEGMENTER.segment(text)) {
    for (const m of s.segment.matchAll(/\S+/gu)) out.push(`${s.index + m.index}:${m[0]}`);
  }
  return out;
}

const mine = (text: string) => tokenize(text).map((t) => `${t.start}:${text.slice(t.start, t.end)}`);

function project(records: unknown[]) {
  const p = emptyProject();
  imp(p.db, [write(tempDir(), 'seed.jsonl', jsonl(records))]);
  return p;
}

describe('tokens', () => {
  it('are exactly Intl.Segmenter’s words, on every Latin-1/Latin Extended character in many contexts', () => {
    const chars: string[] = [];
    for (let c = 0x09; c <= 0x0d; c++) chars.push(String.fromCharCode(c));
    for (let c = 0x20; c <= 0x24f; c++) chars.push(String.fromCharCode(c));
    for (const c of [0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]) chars.push(String.fromCharCode(c));
    const around = ['a', '1', '_', '.', ':', "'", ',', ';', '\u2019', ' ', '-', 'é', 'Z9'];
    let checked = 0;
    const differ: string[] = [];
    for (const c of chars) {
      for (const x of around) {
        for (const y of around) {
          for (const t of [c, x + c, c + x, x + c + y, c + x + c, x + c + x + c]) {
            if (mine(t).join('|') !== reference(t).join('|')) differ.push(t);
            checked++;
          }
        }
      }
    }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(500_000);
  });

  it('are exactly Intl.Segmenter’s words on random mixed text (CJK, Thai, emoji, combining marks, odd spaces)', () => {
    const alphabet = [
      ...'abcXYZ019_.,;:\'’"-–…«» \t\n\r\u00a0@#é',
      '北',
      '京',
      '见',
      '面',
      '。',
      'ส',
      'วั',
      'ดี',
      '😀',
      '🇺🇳',
      '👩‍👩‍👧',
      '\u0301',
      '\u202f',
      '\u200d',
      'ß',
      'ǅ',
      'Я',
      'ש',
    ];
    const rnd = mulberry32(9);
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let t = '';
      const n = 1 + Math.floor(rnd() * 40);
      for (let k = 0; k < n; k++) t += alphabet[Math.floor(rnd() * alphabet.length)];
      if (mine(t).join('|') !== reference(t).join('|')) differ.push(t);
    }
    expect(differ).toEqual([]);
  });

  it('split Chinese and Thai into words', () => {
    const words = (t: string) => tokenize(t).map((x) => t.slice(x.start, x.end));
    expect(words('外交部发言人表示，我们在北京见面。')).toEqual([
      '外交部',
      '发言',
      '人',
      '表示',
      '，',
      '我们',
      '在',
      '北京',
      '见面',
      '。',
    ]);
    expect(words('รัฐบาลประกาศมาตรการใหม่')).toEqual(['รัฐบาล', 'ประกาศ', 'มาตรการ', 'ใหม่']);
  });
});

describe('CoNLL sentences', () => {
  it('end at 。 (Intl.Segmenter’s sentences), never inside a span', async () => {
    const text = '我们在北京见面。明天去上海。';
    const p = project([{ text, layer: 'ana', spans: [{ start: 3, end: 5, label: 'LOC' }] }]);
    const out = await exportText(p.db, { format: 'conll', layer: 'ana' });
    expect(out).toBe(
      '-DOCSTART- -X- O O\n\n我们 -X- -X- O\n在 -X- -X- O\n北京 -X- -X- B-LOC\n见面 -X- -X- O\n。 -X- -X- O\n\n' +
        '明天 -X- -X- O\n去 -X- -X- O\n上海 -X- -X- O\n。 -X- -X- O\n\n',
    );
    const across = project([
      { text: 'He met Mr. Smith. Then left.', layer: 'ana', spans: [{ start: 7, end: 16, label: 'PER' }] },
    ]);
    const kept = await exportText(across.db, { format: 'conll', layer: 'ana' });
    // The segmenter would end a sentence after "Mr."; inside the span it does not.
    expect(kept).toContain('Mr -X- -X- B-PER\n. -X- -X- I-PER\nSmith -X- -X- I-PER\n. -X- -X- O\n\nThen');
  });
});

describe('the loss report names every change to a span', () => {
  it('bio: a span with white space at its edges is trimmed to its tokens, and reported', async () => {
    // The shape of real doccano exports: spans that swallowed the space after a word.
    const p = project([
      {
        text: 'Kim met Putin in Vladivostok.',
        layer: 'ana',
        spans: [
          { start: 0, end: 4, label: 'PER' },
          { start: 7, end: 13, label: 'PER' },
          { start: 17, end: 28, label: 'LOC' },
        ],
      },
    ]);
    const out = path.join(tempDir(), 'bio.jsonl');
    const s = await exportProject(p.db, out, {
      format: 'bio',
      layer: 'ana',
      only: 'all',
      offsets: 'codepoint',
      seed: 0,
    });
    const line = lines(fs.readFileSync(out, 'utf8'))[0]!;
    expect(line['ner_tags']).toEqual(['B-PER', 'O', 'B-PER', 'O', 'B-LOC', 'O']);
    expect(s.loss).toEqual({
      total: 3,
      dropped: 0,
      byLabel: [],
      changed: 2,
      changes: [{ label: 'PER', reason: 'trimmed: white space at its edges is in no token', count: 2 }],
    });
    expect(formatExportSummary(s)).toContain(
      'Loss report: nothing dropped (3 spans all carried).\nChanged: 2 of 3 spans written other than they are:\n' +
        '  PER: 2 (trimmed: white space at its edges is in no token)',
    );
  });

  it('conll reports the same trims', async () => {
    const p = project([{ text: 'Kim met Putin.', layer: 'ana', spans: [{ start: 3, end: 7, label: 'X' }] }]);
    const out = path.join(tempDir(), 'x.conll');
    const s = await exportProject(p.db, out, {
      format: 'conll',
      layer: 'ana',
      only: 'all',
      offsets: 'codepoint',
      seed: 0,
    });
    expect(s.loss!.changes).toEqual([
      { label: 'X', reason: 'trimmed: white space at its edges is in no token', count: 1 },
    ]);
  });
});
