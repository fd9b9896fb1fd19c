// Malformed input: the import fails as a whole (nothing written, even from earlier files or
// earlier lines), the error is BAD_INPUT and its message starts with `file:line:` and says
// what is wrong.
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../src/shared/jobs';
import { tempDir } from './helpers';
import { emptyProject, expectRefused, imp, jsonl, write } from './fixtures/io';

const GOOD = { text: 'Putin met Kim 🤝 in Vladivostok.', spans: [{ start: 0, end: 5, label: 'ACTOR', text: 'Putin' }] };

/** A project that already holds work, so that "unchanged" means something. */
function busyProject() {
  const p = emptyProject();
  const dir = tempDir();
  imp(p.db, [write(dir, 'seed.jsonl', jsonl([GOOD, { text: 'Another one' }]))], { as: 'ana', status: 'done' });
  return p;
}

function fileWith(lines: string[], name = 'bad.jsonl'): string {
  return write(tempDir(), name, lines.join('\n') + '\n');
}

const ok = (n: number) => JSON.stringify({ text: `Good article number ${n}.` });

describe('malformed records', () => {
  it('bad JSON on line 3 (after two good lines)', () => {
    const p = busyProject();
    const file = fileWith([ok(1), ok(2), '{"text": "truncated', ok(4)]);
    expectRefused(p.db, [file], {}, `${file}:3`, /bad JSON/);
  });

  it('bad JSON: a trailing comma', () => {
    const p = busyProject();
    const file = fileWith([ok(1), '{"text": "x",}']);
    expectRefused(p.db, [file], {}, `${file}:2`, /bad JSON/);
  });

  it('a record that is not an object', () => {
    const p = busyProject();
    const file = fileWith([ok(1), '["text"]']);
    expectRefused(p.db, [file], {}, `${file}:2`, /expected a JSON object, found an array/);
  });

  it('a later record with another tool’s annotations is refused, not tucked into meta', () => {
    // The format is decided from line 1 (plain articles); line 2 carries doccano labels.
    const p = busyProject();
    const file = fileWith([ok(1), JSON.stringify({ text: 'Putin met Kim.', label: [[0, 5, 'ACTOR']] })]);
    expectRefused(p.db, [file], {}, `${file}:2`, /"label" field \(doccano annotations\).*--format doccano/);
  });

  it('missing text', () => {
    const p = busyProject();
    const file = fileWith([ok(1), JSON.stringify({ title: 'no text here' })]);
    expectRefused(p.db, [file], {}, `${file}:2`, /missing "text"/);
  });

  it('text that is not a string', () => {
    const p = busyProject();
    const file = fileWith([JSON.stringify({ text: 42 })]);
    expectRefused(p.db, [file], {}, `${file}:1`, /"text": expected string, received number/);
  });

  it('span out of range', () => {
    const p = busyProject();
    const file = fileWith([ok(1), JSON.stringify({ text: 'short', spans: [{ start: 2, end: 9, label: 'ACTOR' }] })]);
    expectRefused(
      p.db,
      [file],
      { as: 'x' },
      `${file}:2`,
      /span \[2, 9\] ACTOR is out of range: the text is 5 code points long/,
    );
  });

  it('end ≤ start', () => {
    const p = busyProject();
    const file = fileWith([JSON.stringify({ text: 'short text', spans: [{ start: 4, end: 4, label: 'ACTOR' }] })]);
    expectRefused(p.db, [file], { as: 'x' }, `${file}:1`, /span \[4, 4\] ACTOR: end ≤ start/);
  });

  it('offsets that are not whole numbers', () => {
    const p = busyProject();
    const file = fileWith([JSON.stringify({ text: 'short text', spans: [{ start: 1.5, end: 4, label: 'ACTOR' }] })]);
    expectRefused(p.db, [file], { as: 'x' }, `${file}:1`, /"spans\.0\.start": must be a whole number/);
  });

  it('unknown unit: the span text matches neither code points nor UTF-16', () => {
    const p = busyProject();
    const text = 'Kim 🤝 Putin in Vladivostok';
    const file = fileWith([JSON.stringify({ text, spans: [{ start: 9, end: 14, label: 'ACTOR', text: 'Moscow' }] })]);
    expectRefused(
      p.db,
      [file],
      { as: 'x' },
      `${file}:1`,
      /span \[9, 14\] ACTOR matches neither unit: its text is "Moscow", but as code points it selects "in in", as UTF-16 "tin i"/,
    );
  });

  it('a span that would split an emoji in UTF-16 and does not match as code points either', () => {
    const p = busyProject();
    const text = 'ab😀cd';
    const file = fileWith([JSON.stringify({ text, spans: [{ start: 3, end: 5, label: 'ACTOR', text: 'zz' }] })]);
    expectRefused(p.db, [file], { as: 'x' }, `${file}:1`, /matches neither unit/);
  });

  it('a file that switches units between lines', () => {
    const p = busyProject();
    const text = 'Kim 🤝 Putin';
    const cp = { text, spans: [{ start: 6, end: 11, label: 'ACTOR', text: 'Putin' }] };
    const u16 = { text: text + '!', spans: [{ start: 7, end: 12, label: 'ACTOR', text: 'Putin' }] };
    const file = fileWith([JSON.stringify(cp), JSON.stringify(u16)]);
    expectRefused(
      p.db,
      [file],
      { as: 'x' },
      `${file}:2`,
      /offsets on this line are UTF-16 code units but line 1 used code points/,
    );
  });

  it('a label name Spanwise cannot use', () => {
    const p = busyProject();
    const file = fileWith([JSON.stringify({ text: 'short text', spans: [{ start: 0, end: 5, label: '   ' }] })]);
    expectRefused(p.db, [file], { as: 'x' }, `${file}:1`, /label "   " is not a usable label name/);
  });

  it('an unknown status', () => {
    const p = busyProject();
    const file = fileWith([JSON.stringify({ text: 'x', spans: [], layer: 'ana', status: 'finished' })]);
    expectRefused(p.db, [file], {}, `${file}:1`, /"status"/);
  });

  it('invalid UTF-8 inside a JSONL file names its line', () => {
    const p = busyProject();
    const dir = tempDir();
    const bytes = Buffer.concat([
      Buffer.from(ok(1) + '\n' + ok(2) + '\n{"text": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'),
    ]);
    const file = write(dir, 'latin.jsonl', bytes);
    expectRefused(p.db, [file], {}, `${file}:3`, /not valid UTF-8/);
  });

  it('a pretty-printed object that is never closed', () => {
    const p = busyProject();
    const file = fileWith([ok(1), '{', '  "text": "open",', '  "spans": []']);
    expectRefused(p.db, [file], {}, `${file}:2`, /never closed/);
  });

  it('a pretty-printed object with an error inside names the line of the error', () => {
    const p = busyProject();
    const file = fileWith(['{', '  "text": "x",', '  "spans": [1 2]', '}']);
    expectRefused(p.db, [file], {}, `${file}:3`, /bad JSON.*record that starts on line 1/);
  });

  it('Label Studio: an array element that is broken, or an array never closed', () => {
    const p = busyProject();
    const dir = tempDir();
    const broken = write(dir, 'a.json', '[\n  {"data": {"text": "a"}},\n  {"data": {"text": }}\n]\n');
    expectRefused(p.db, [broken], {}, `${broken}:3`, /bad JSON/);
    const open = write(dir, 'b.json', '[\n  {"data": {"text": "a"}},\n');
    expectRefused(p.db, [open], {}, `${open}:3`, /array is never closed/);
    const trailing = write(dir, 'c.json', '[{"data": {"text": "a"}}] x');
    expectRefused(p.db, [trailing], {}, `${trailing}:1`, /unexpected "x" after the end of the array/);
  });

  it('offsets that are not whole numbers are refused with their line, in every format', () => {
    const p = busyProject();
    const dir = tempDir();
    const text = 'EU rejects German call to boycott British lamb.';
    const task = (start: number, end: number, key = 'annotations') => ({
      data: { text },
      [key]: [{ completed_by: 1, result: [{ type: 'labels', value: { start, end, text: 'EU', labels: ['ORG'] } }] }],
    });
    // Label Studio: 0.5 used to reach SQLite ("cannot store REAL value in INTEGER column").
    const ls = write(dir, 'ls.json', `[\n${JSON.stringify(task(0, 2))},\n${JSON.stringify(task(0.5, 2))}\n]\n`);
    expectRefused(
      p.db,
      [ls],
      {},
      `${ls}:3`,
      /"annotations\.0\.result\.0\.value\.start": must be a whole number, found 0\.5/,
    );
    const end = write(dir, 'end.json', JSON.stringify([task(0, 2), task(0, 2.25, 'completions')]));
    expectRefused(
      p.db,
      [end],
      {},
      `${end}:1`,
      /"completions\.0\.result\.0\.value\.end": must be a whole number, found 2\.25/,
    );
    const huge = write(dir, 'huge.json', JSON.stringify([task(0, 1e300)]));
    expectRefused(p.db, [huge], {}, `${huge}:1`, /value\.end": must be a whole number/);
    // The other formats' schemas already require whole numbers; the same promise, tested.
    const others: [string, ImportFormat, unknown][] = [
      ['doccano.jsonl', 'doccano', { text, label: [[0.5, 2, 'ORG']] }],
      ['entities.jsonl', 'doccano', { text, entities: [{ id: 0, start_offset: 0, end_offset: 2.5, label: 'ORG' }] }],
      ['prodigy.jsonl', 'prodigy', { text, spans: [{ start: 0, end: 1.5, label: 'ORG' }], _annotator_id: 'x' }],
      ['spans.jsonl', 'spans', { text, layer: 'ana', spans: [{ start: 0.5, end: 2, label: 'ORG' }] }],
      ['articles.jsonl', 'jsonl', { text, spans: [{ start: 0, end: 2e300, label: 'ORG' }] }],
    ];
    for (const [name, format, record] of others) {
      const file = write(dir, name, jsonl([{ text: 'A good first record.' }, record]));
      expectRefused(p.db, [file], { format, as: 'ana' }, `${file}:2`, /whole number|expected \[start, end, "LABEL"\]/);
    }
  });

  it('one transaction for the whole import: a bad second file undoes the first', () => {
    const p = busyProject();
    const dir = tempDir();
    write(dir, 'a.jsonl', jsonl([{ text: 'A new article that must not stay' }]));
    const bad = write(dir, 'b.jsonl', ok(1) + '\n{oops}\n');
    expectRefused(p.db, [dir], {}, `${bad}:2`, /bad JSON/);
  });

  it('after a failed import the project still takes a good one', () => {
    const p = busyProject();
    const file = fileWith([ok(1), '{bad']);
    expectRefused(p.db, [file], {}, `${file}:2`, /bad JSON/);
    expect(imp(p.db, [fileWith([ok(1)], 'good.jsonl')]).articlesAdded).toBe(1);
  });
});
