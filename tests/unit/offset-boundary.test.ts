// Offsets at the import/export boundary: the unit is detected (and stated) on import, the
// app stores UTF-16, exports default to code points so that Python's text[start:end] is the
// span's text — checked here as a property over random texts with emoji, CJK, combining marks
// and CRLF.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../fixtures/random';
import { tempDir } from './helpers';
import { emptyProject, exportText, imp, jsonl, lines, pySlice, write, type SpanLine } from './fixtures/io';

const TEXT = 'Ké\u0301m 🤝 Pútin in 北京 🇰🇵 today\r\nNext line 😀!';

/** Code-point and UTF-16 offsets of a substring. */
function at(text: string, sub: string, from = 0): { cp: [number, number]; u16: [number, number] } {
  const u = text.indexOf(sub, from);
  if (u < 0) throw new Error(`${sub} not in text`);
  const cp = Array.from(text.slice(0, u)).length;
  return { cp: [cp, cp + Array.from(sub).length], u16: [u, u + sub.length] };
}

function stored(p: ReturnType<typeof emptyProject>): [number, number][] {
  return (
    p.db.prepare('SELECT start_offset AS s, end_offset AS e FROM spans ORDER BY s, e').all() as {
      s: number;
      e: number;
    }[]
  ).map((r) => [r.s, r.e]);
}

describe('offset unit detection on import', () => {
  const today = at(TEXT, 'today');
  const next = at(TEXT, 'Next');

  it('code points, proven by the spans’ text', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'cp.jsonl',
      jsonl([{ text: TEXT, spans: [{ start: today.cp[0], end: today.cp[1], label: 'X', text: 'today' }] }]),
    );
    const s = imp(p.db, [file], { as: 'a' });
    expect(stored(p)).toEqual([today.u16]);
    expect(s.files[0]!.units.unit).toBe('codepoint');
  });

  it('UTF-16, proven by the spans’ text', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'u16.jsonl',
      jsonl([{ text: TEXT, spans: [{ start: today.u16[0], end: today.u16[1], label: 'X', text: 'today' }] }]),
    );
    const s = imp(p.db, [file], { as: 'a' });
    expect(stored(p)).toEqual([today.u16]);
    expect(s.files[0]!.units).toEqual({
      unit: 'utf16',
      statement: 'UTF-16 code units (detected at line 1, checked against the spans’ text; 1 span texts checked)',
    });
  });

  it('UTF-16 from span bounds alone: an end past the code-point length', () => {
    const p = emptyProject();
    const text = 'Hi 😀😀';
    const file = write(tempDir(), 'b.jsonl', jsonl([{ text, spans: [{ start: 3, end: 7, label: 'X' }] }]));
    const s = imp(p.db, [file], { as: 'a' });
    expect(stored(p)).toEqual([[3, 7]]);
    expect(s.files[0]!.units.statement).toBe('UTF-16 code units (detected at line 1, from span bounds)');
  });

  it('code points from span bounds alone: UTF-16 would split an emoji', () => {
    const p = emptyProject();
    const text = 'A😀B';
    const file = write(tempDir(), 'b.jsonl', jsonl([{ text, spans: [{ start: 2, end: 3, label: 'X' }] }]));
    const s = imp(p.db, [file], { as: 'a' });
    expect(stored(p)).toEqual([[3, 4]]);
    expect(s.files[0]!.units.unit).toBe('codepoint');
  });

  it('nothing tells the units apart: the format’s unit is assumed and the summary says so', () => {
    const p = emptyProject();
    const text = 'A😀 word here';
    const file = write(tempDir(), 'd.jsonl', jsonl([{ text, label: [[3, 7, 'X']] }]));
    const s = imp(p.db, [file], { as: 'a' });
    expect(stored(p)).toEqual([[4, 8]]);
    expect(s.files[0]!.units.statement).toBe(
      'code points, assumed: doccano uses them and nothing in the file tells the units apart (first at line 1); pass --offsets to be explicit',
    );
  });

  it('an early ambiguous line read with the default is redone when a later line proves the other unit', () => {
    const p = emptyProject();
    const text = 'A😀 word here';
    const proof = 'Hi 😀😀';
    const file = write(
      tempDir(),
      'e.jsonl',
      jsonl([
        { text, spans: [{ start: 3, end: 7, label: 'X' }] },
        { text: proof, spans: [{ start: 3, end: 7, label: 'X' }] },
      ]),
    );
    const s = imp(p.db, [file], { as: 'a' });
    const rows = p.db
      .prepare(
        'SELECT a.text, s.start_offset AS s, s.end_offset AS e FROM spans s JOIN articles a ON a.id = s.article_id ORDER BY a.id',
      )
      .all() as { text: string; s: number; e: number }[];
    expect(rows.map((r) => r.text.slice(r.s, r.e))).toEqual([' wor', '😀😀']);
    expect(s.files[0]!.units.statement).toBe('UTF-16 code units (detected at line 2, from span bounds)');
    expect(s.spansAdded).toBe(2);
    expect(s.articlesAdded).toBe(2);
  });

  it('--offsets utf16 forces the unit (and refuses spans that do not fit it)', () => {
    const p = emptyProject();
    const text = 'A😀 word here';
    const dir = tempDir();
    const file = write(dir, 'f.jsonl', jsonl([{ text, label: [[3, 7, 'X']] }]));
    const s = imp(p.db, [file], { as: 'a', offsets: 'utf16' });
    expect(stored(p)).toEqual([[3, 7]]);
    expect(s.files[0]!.units.statement).toBe('UTF-16 code units, as given by --offsets');
    const split = write(dir, 'g.jsonl', jsonl([{ text: 'A😀B', label: [[2, 3, 'X']] }]));
    expect(() => imp(p.db, [split], { as: 'a', offsets: 'utf16' })).toThrow(
      `${split}:1: span [2, 3] X splits a character outside the BMP`,
    );
  });

  it('combining marks and BMP CJK never shift offsets: both units agree and the summary says so', () => {
    const p = emptyProject();
    const text = 'Ke\u0301m in 北京 and Pu\u0301tin';
    const loc = at(text, '北京');
    const file = write(
      tempDir(),
      'h.jsonl',
      jsonl([{ text, spans: [{ start: loc.cp[0], end: loc.cp[1], label: 'LOCATION', text: '北京' }] }]),
    );
    const s = imp(p.db, [file], { as: 'a' });
    expect(loc.cp).toEqual(loc.u16);
    expect(stored(p)).toEqual([loc.u16]);
    expect(s.files[0]!.units.statement).toMatch(/^code points = UTF-16 here: no text has a character outside the BMP/);
  });

  it('spans before the first emoji are the same in both units (no assumption needed)', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'i.jsonl', jsonl([{ text: 'Kim met Putin 😀', label: [[0, 3, 'ACTOR']] }]));
    const s = imp(p.db, [file], { as: 'a' });
    expect(s.files[0]!.units.statement).toMatch(/no span lies after a character outside the BMP/);
    expect(next.cp[0]).toBeLessThan(next.u16[0]);
  });
});

const PIECES = [
  'a',
  'b',
  'Z',
  ' ',
  ' ',
  '\r\n',
  '\n',
  'é',
  'e\u0301',
  '北',
  '京',
  '😀',
  '🤝',
  '🇰🇵',
  '👩‍👩‍👧',
  '𝔸',
  'ß',
  '—',
  '"',
];

describe('property: exported spans satisfy the slicing identity of their unit', () => {
  it('for random texts and spans: Python slicing for code points, JS slicing for UTF-16, stored offsets exact', async () => {
    const rnd = mulberry32(2024);
    const records: { text: string; spans: { start: number; end: number; label: string; text: string }[] }[] = [];
    for (let n = 0; n < 150; n++) {
      let text = `Article ${n}: `;
      const len = 5 + Math.floor(rnd() * 60);
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(rnd() * PIECES.length)];
      const cps = Array.from(text);
      const spans = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
        const start = Math.floor(rnd() * (cps.length - 1));
        const end = start + 1 + Math.floor(rnd() * Math.min(8, cps.length - start - 1));
        spans.push({ start, end, label: ['ACTOR', 'CLAIM', 'LOCATION'][k % 3]!, text: cps.slice(start, end).join('') });
      }
      records.push({ text, spans });
    }
    const p = emptyProject();
    const s = imp(p.db, [write(tempDir(), 'random.jsonl', jsonl(records))], { as: 'prop' });
    expect(s.files[0]!.units.unit).toBe('codepoint');

    // Stored offsets are the UTF-16 offsets of the same text.
    const rows = p.db
      .prepare(
        'SELECT a.text, s.start_offset AS s, s.end_offset AS e FROM spans s JOIN articles a ON a.id = s.article_id',
      )
      .all() as { text: string; s: number; e: number }[];
    const wanted = new Set(records.flatMap((r) => r.spans.map((x) => `${r.text}\u0000${x.text}`)));
    for (const r of rows) expect(wanted.has(`${r.text}\u0000${r.text.slice(r.s, r.e)}`)).toBe(true);

    const cp = lines(await exportText(p.db, { layer: 'prop' })) as unknown as SpanLine[];
    let checked = 0;
    for (const line of cp) {
      for (const span of line.spans) {
        expect(pySlice(line.text, span.start, span.end)).toBe(span.text);
        checked++;
      }
    }
    expect(checked).toBe(rows.length);
    const u16 = lines(await exportText(p.db, { layer: 'prop', offsets: 'utf16' })) as unknown as SpanLine[];
    for (const line of u16)
      for (const span of line.spans) expect(line.text.slice(span.start, span.end)).toBe(span.text);

    // doccano and Label Studio carry the same offsets.
    const doc = lines(await exportText(p.db, { layer: 'prop', format: 'doccano' })) as unknown as {
      text: string;
      label: [number, number, string][];
    }[];
    doc.forEach((d, i) =>
      expect(d.label.map(([a, b, l]) => [a, b, l])).toEqual(cp[i]!.spans.map((x) => [x.start, x.end, x.label])),
    );
    const ls = JSON.parse(await exportText(p.db, { layer: 'prop', format: 'label-studio' })) as {
      data: { text: string };
      annotations: { result: { value: { start: number; end: number; text: string } }[] }[];
    }[];
    for (const task of ls) {
      for (const r of task.annotations[0]!.result)
        expect(pySlice(task.data.text, r.value.start, r.value.end)).toBe(r.value.text);
    }
  });
});
