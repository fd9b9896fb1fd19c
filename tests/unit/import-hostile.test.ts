// Input written to break the importer: every refusal names file:line and what is wrong, is
// BAD_INPUT (never a RangeError or a stack trace), never hangs, and leaves the project as it
// was; what can be kept exactly (ids beyond 2^53, "__proto__" keys) is kept exactly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../src/shared/jobs';
import { MAX_JSON_DEPTH } from '../../src/main/backend/importers/json';
import { tempDir } from './helpers';
import { SLOW, spanwise } from './fixtures/cli';
import { emptyProject, expectRefused, exportText, imp, jsonl, lines, snapshot, write } from './fixtures/io';

const EMOJI_TEXT = 'Kim 🤝 Putin met in Vladivostok.';

/** A project that already holds work, so that "unchanged" means something. */
function busyProject() {
  const p = emptyProject();
  imp(p.db, [write(tempDir(), 'seed.jsonl', jsonl([{ text: 'Already here.', spans: [] }, { text: 'And this.' }]))], {
    as: 'ana',
  });
  return p;
}

function file(name: string, content: string | Buffer): string {
  return write(tempDir(), name, content);
}

const FIRST = JSON.stringify({ text: 'A good first record.' });

/** The CLI's refusal: exit 1, one line naming `where`, no stack trace. */
function cliRefuses(args: string[], where: string, what: RegExp): void {
  const r = spanwise(args);
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr.startsWith(`spanwise: ${where}: `), r.stderr).toBe(true);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/\n\s+at |RangeError|TypeError|SyntaxError|Maximum call stack/);
}

function newProjectFile(): string {
  const db = path.join(tempDir(), 'p.spanwise');
  const r = spanwise(['init', db]);
  expect(r.status, r.stderr).toBe(0);
  return db;
}

describe('offsets that no text has', () => {
  it('a negative offset on a text with an emoji is refused by line in every format, never a RangeError', () => {
    const p = busyProject();
    const cases: [string, ImportFormat, unknown][] = [
      ['a.jsonl', 'jsonl', { text: EMOJI_TEXT, spans: [{ start: -1, end: 3, label: 'ACTOR' }] }],
      ['b.jsonl', 'doccano', { text: EMOJI_TEXT, label: [[-3, -1, 'ACTOR']] }],
      ['c.jsonl', 'doccano', { text: EMOJI_TEXT, entities: [{ start_offset: -2, end_offset: 3, label: 'ACTOR' }] }],
      [
        'd.jsonl',
        'prodigy',
        {
          text: EMOJI_TEXT,
          tokens: [{ text: 'Kim', start: -1, end: 2 }],
          spans: [{ start: 0, end: 3, label: 'ACTOR' }],
          _annotator_id: 'x',
        },
      ],
      [
        'e.jsonl',
        'label-studio',
        {
          data: { text: EMOJI_TEXT },
          annotations: [{ completed_by: 1, result: [{ type: 'labels', value: { start: -1, end: 3, labels: ['A'] } }] }],
        },
      ],
    ];
    for (const [name, format, record] of cases) {
      const f = file(name, jsonl([{ text: 'A good first record.' }, record]));
      expectRefused(p.db, [f], { format, as: 'ana' }, `${f}:2`, /span \[-\d+, -?\d+\] \S+: negative offset/);
      // With the unit given, only spans are checked (Prodigy's tokens only help detect it).
      if (format !== 'prodigy') {
        expectRefused(p.db, [f], { format, as: 'ana', offsets: 'codepoint' }, `${f}:2`, /negative offset/);
      }
    }
  });

  it(
    'the CLI says so in one line',
    () => {
      const db = newProjectFile();
      const f = file('neg.jsonl', jsonl([{ text: EMOJI_TEXT, spans: [{ start: -1, end: 3, label: 'ACTOR' }] }]));
      cliRefuses(['import', db, f, '--as', 'ana'], `${f}:1`, /negative offset/);
    },
    SLOW,
  );
});

describe('JSON nested too deep', () => {
  const nest = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it('5,000 levels in any field kept as metadata are refused with the depth limit and the line', () => {
    const p = busyProject();
    const deep = nest(5000);
    const cases: [string, string][] = [
      ['jsonl.jsonl', `{"text": "deep extra key", "x": ${deep}}`],
      ['meta.jsonl', `{"text": "deep meta", "meta": {"x": ${deep}}}`],
      ['spans.jsonl', `{"text": "deep spans", "layer": "ana", "status": "done", "spans": [], "meta": {"x": ${deep}}}`],
      ['doccano.jsonl', `{"text": "deep doccano", "label": [], "x": ${deep}}`],
      ['prodigy.jsonl', `{"text": "deep prodigy", "_input_hash": 1, "x": ${deep}}`],
    ];
    for (const [name, record] of cases) {
      const f = file(name, `${FIRST}\n${record}\n`);
      expectRefused(p.db, [f], {}, `${f}:2`, /JSON nested more than 64 levels deep \(at "(meta\.)?x\.0\.0/);
    }
    // Label Studio: in a task's data, in a pretty-printed array (the element's first line).
    const ls = file('ls.json', `[\n{"data": {"text": "fine"}},\n{"data": {"text": "deep", "x": ${deep}}}\n]\n`);
    expectRefused(p.db, [ls], {}, `${ls}:3`, /nested more than 64 levels deep \(at "data\.x\.0/);
    // A record spread over several lines is named by the line it starts on.
    const pretty = file('pretty.jsonl', `${FIRST}\n{\n  "text": "deep",\n  "x": ${deep}\n}\n`);
    expectRefused(p.db, [pretty], {}, `${pretty}:2`, /nested more than 64 levels/);
  });

  it('the limit is 64 levels, the record itself counted: 64 are read and exported back, 65 refused', async () => {
    const p = emptyProject();
    // The record is level 1, so "x" may hold 63 levels.
    const ok = file('ok.jsonl', `{"id": "ok", "text": "at the limit", "x": ${nest(MAX_JSON_DEPTH - 1)}}\n`);
    expect(imp(p.db, [ok]).articlesAdded).toBe(1);
    const out = lines(await exportText(p.db));
    expect(JSON.stringify((out[0]!['meta'] as Record<string, unknown>)['x'])).toBe(nest(MAX_JSON_DEPTH - 1));
    const over = file('over.jsonl', `{"text": "one past it", "x": ${nest(MAX_JSON_DEPTH)}}\n`);
    expectRefused(p.db, [over], {}, `${over}:1`, /nested more than 64 levels/);
  });

  it(
    'the CLI refuses 5,000 levels in one line, without a stack trace',
    () => {
      const db = newProjectFile();
      const f = file('deep.json', `[{"data": {"text": "x", "meta": ${nest(5000)}}}]`);
      cliRefuses(['import', db, f], `${f}:1`, /nested more than 64 levels deep/);
    },
    SLOW,
  );
});

describe('what cannot be stored verbatim', () => {
  it('lone surrogates (\\ud800 in JSON) in a text, a label, a span’s text, a title or an annotator are refused with the line', () => {
    const p = busyProject();
    const cases: [string, string, RegExp][] = [
      ['text', '{"text": "a\\ud800b"}', /the text holds a lone surrogate \(\\ud800 at UTF-16 offset 1\)/],
      ['low', '{"text": "ab\\udc00"}', /the text holds a lone surrogate \(\\udc00 at UTF-16 offset 2\)/],
      [
        'label',
        '{"text": "ab", "spans": [{"start": 0, "end": 1, "label": "A\\udc00"}]}',
        /the label of span \[0, 1\] holds a lone surrogate/,
      ],
      [
        'span text',
        '{"text": "ab", "spans": [{"start": 0, "end": 1, "label": "A", "text": "\\ud800"}]}',
        /the text of span \[0, 1\] A holds a lone surrogate/,
      ],
      ['title', '{"text": "ab", "title": "t\\ud83d"}', /the title holds a lone surrogate/],
      ['layer', '{"text": "ab", "layer": "ana\\ud800", "spans": []}', /annotator .* holds a lone surrogate/],
    ];
    for (const [name, record, what] of cases) {
      const f = file(`${name.replace(' ', '-')}.jsonl`, `${FIRST}\n${record}\n`);
      expectRefused(p.db, [f], name === 'label' || name === 'span text' ? { as: 'x' } : {}, `${f}:2`, what);
    }
    // A pair written as two escapes is one character, and is kept.
    const pair = file('pair.jsonl', '{"text": "a\\ud83e\\udd1db", "spans": [{"start": 1, "end": 2, "label": "E"}]}\n');
    expect(imp(p.db, [pair], { as: 'x' }).spansAdded).toBe(1);
    expect(p.db.prepare("SELECT text FROM articles WHERE text LIKE 'a%b'").pluck().get()).toBe('a🤝b');
  });

  it('Label Studio and doccano texts with a lone surrogate are refused too', () => {
    const p = busyProject();
    const ls = file('ls.json', '[\n{"data": {"text": "fine"}},\n{"data": {"text": "bad \\udfff"}}\n]\n');
    expectRefused(p.db, [ls], {}, `${ls}:3`, /the text holds a lone surrogate \(\\udfff/);
    const dc = file('dc.jsonl', `${FIRST}\n{"text": "bad \\ud800", "label": []}\n`);
    expectRefused(p.db, [dc], { format: 'doccano' }, `${dc}:2`, /lone surrogate/);
  });

  it('an encoded surrogate (WTF-8 bytes ED A0 80) is not UTF-8: refused with its line and byte offset', () => {
    const p = busyProject();
    const wtf8 = Buffer.from([0xed, 0xa0, 0x80]);
    const jl = file('wtf8.jsonl', Buffer.concat([Buffer.from(`${FIRST}\n{"text": "a`), wtf8, Buffer.from('b"}\n')]));
    const at = FIRST.length + 1 + '{"text": "a'.length;
    expectRefused(p.db, [jl], {}, `${jl}:2`, new RegExp(`not valid UTF-8 \\(byte 0xed at byte offset ${at}\\)`));
    const txt = file('wtf8.txt', Buffer.concat([Buffer.from('line one\nline two '), wtf8, Buffer.from('\n')]));
    expectRefused(p.db, [txt], {}, `${txt}:2`, /not valid UTF-8 \(byte 0xed at byte offset 18\)/);
  });

  it('NUL in a text is refused with the line: as a JSON escape, and as a byte past the binary sniff', () => {
    const p = busyProject();
    const jl = file('nul.jsonl', `${FIRST}\n{"text": "a\\u0000b"}\n`);
    expectRefused(p.db, [jl], {}, `${jl}:2`, /the text holds a NUL character \(\\u0000 at UTF-16 offset 1\)/);
    const label = file('nul-label.jsonl', `{"text": "ab", "spans": [{"start": 0, "end": 1, "label": "A\\u0000"}]}\n`);
    expectRefused(p.db, [label], { as: 'x' }, `${label}:1`, /the label of span \[0, 1\] holds a NUL character/);
    // Binary files are told by a NUL in their first 8,000 bytes; one further on is still refused.
    const long = 'word '.repeat(2000) + '\n';
    const txt = file(
      'late-nul.txt',
      Buffer.concat([Buffer.from(long + long + 'x'), Buffer.from([0]), Buffer.from('y\n')]),
    );
    expectRefused(p.db, [txt], {}, `${txt}:3`, /the text holds a NUL character/);
  });

  it('NUL and lone surrogates inside metadata are kept, as JSON escapes, and exported back', async () => {
    const p = emptyProject();
    const f = file('meta.jsonl', '{"id": "m", "text": "plain", "meta": {"raw": "a\\u0000b\\ud800"}}\n');
    imp(p.db, [f]);
    const out = await exportText(p.db);
    expect(out).toContain('"raw":"a\\u0000b\\ud800"');
  });
});

describe('ids beyond 2^53', () => {
  it('keep their exact digits through import and every export', async () => {
    const p = emptyProject();
    const f = file(
      'big.jsonl',
      jsonl([{ text: 'Kim met Putin.', spans: [{ start: 0, end: 3, label: 'ACTOR' }] }]).replace(
        '{',
        '{"id": 12345678901234567890, "meta": {"tweet_id": 1234567890123456789, "neg": -98765432109876543210}, ',
      ),
    );
    imp(p.db, [f], { as: 'ana' });
    expect(p.db.prepare('SELECT external_id FROM articles').pluck().get()).toBe('12345678901234567890');
    const spans = await exportText(p.db, { format: 'spans' });
    expect(spans).toContain('"id":12345678901234567890,');
    expect(spans).toContain('"tweet_id":1234567890123456789');
    expect(spans).toContain('"neg":-98765432109876543210');
    expect(await exportText(p.db, { format: 'doccano' })).toContain('"id":12345678901234567890,');
    expect(await exportText(p.db, { format: 'label-studio' })).toContain('"data":{"id":12345678901234567890,');
    expect(await exportText(p.db, { format: 'bio' })).toContain('"id":12345678901234567890,');
    // Read back from the export: the same digits again (import ∘ export is the identity).
    const again = emptyProject();
    imp(again.db, [file('again.jsonl', spans)]);
    expect(await exportText(again.db, { format: 'spans' })).toBe(spans);
  });

  it('small ids, floats and ids as strings are as before; an offset beyond 2^53 is still refused', async () => {
    const p = emptyProject();
    const f = file('ids.jsonl', '{"id": 42, "text": "one"}\n{"id": "12345678901234567890", "text": "two"}\n');
    imp(p.db, [f]);
    const out = await exportText(p.db, { format: 'spans' });
    expect(out).toContain('"id":42,');
    expect(out).toContain('"id":"12345678901234567890",');
    const off = file(
      'off.jsonl',
      '{"text": "ab", "spans": [{"start": 0, "end": 12345678901234567890, "label": "A"}]}\n',
    );
    expectRefused(p.db, [off], { as: 'x' }, `${off}:1`, /"spans\.0\.end": must be a whole number/);
  });

  it(
    'round-trip 12345678901234567890 through the real CLI',
    () => {
      const db = newProjectFile();
      const f = file('big.jsonl', '{"id": 12345678901234567890, "text": "A big id."}\n');
      expect(spanwise(['import', db, f]).status).toBe(0);
      const out = path.join(tempDir(), 'out.jsonl');
      const r = spanwise(['export', db, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toMatch(/^\{"id":12345678901234567890,"text":"A big id\."/);
    },
    SLOW,
  );
});

describe('offsets given as strings', () => {
  it('are refused in every format with the same message shape and the line', () => {
    const p = busyProject();
    const text = 'EU rejects German call to boycott British lamb.';
    const ls = (value: Record<string, unknown>) => ({
      data: { text },
      annotations: [{ completed_by: 1, result: [{ type: 'labels', value: { labels: ['ORG'], ...value } }] }],
    });
    const cases: [string, ImportFormat, unknown, string][] = [
      ['ls.jsonl', 'label-studio', ls({ start: '0', end: 2 }), '"annotations.0.result.0.value.start"'],
      ['ls-end.jsonl', 'label-studio', ls({ start: 0, end: '2' }), '"annotations.0.result.0.value.end"'],
      [
        'min.jsonl',
        'label-studio-min',
        { text, annotator: 'a', label: [{ start: '0', end: 2, labels: ['ORG'] }] },
        '"label.0.start"',
      ],
      ['spans.jsonl', 'jsonl', { text, spans: [{ start: '0', end: 2, label: 'ORG' }] }, '"spans.0.start"'],
      ['dc.jsonl', 'doccano', { text, label: [['0', 2, 'ORG']] }, '"label.0.0"'],
      [
        'ent.jsonl',
        'doccano',
        { text, entities: [{ start_offset: '0', end_offset: 2, label: 'ORG' }] },
        '"entities.0.start_offset"',
      ],
      [
        'pr.jsonl',
        'prodigy',
        { text, spans: [{ start: '0', end: 2, label: 'ORG' }], _annotator_id: 'x' },
        '"spans.0.start"',
      ],
    ];
    for (const [name, format, record, where] of cases) {
      const f = file(name, jsonl([{ text: 'A good first record.' }, record]));
      const escaped = where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expectRefused(
        p.db,
        [f],
        { format, as: 'ana' },
        `${f}:2`,
        new RegExp(`^[^ ]+ ${escaped}: expected number, received string$`),
      );
    }
    // A Label Studio file as Label Studio writes it: a JSON array, the task on its own line.
    const arr = file(
      'ls.json',
      `[\n${JSON.stringify({ data: { text } })},\n${JSON.stringify(ls({ start: '0', end: '2' }))}\n]\n`,
    );
    expectRefused(
      p.db,
      [arr],
      {},
      `${arr}:3`,
      /"annotations\.0\.result\.0\.value\.start": expected number, received string/,
    );
  });

  it('results that are not text spans (HyperText XPath offsets, choices) are still counted, not refused', () => {
    const p = emptyProject();
    const f = file(
      'ht.json',
      JSON.stringify([
        {
          data: { text: 'Plain text.' },
          annotations: [
            {
              completed_by: 1,
              result: [
                {
                  type: 'hypertextlabels',
                  value: { start: '/p[1]/text()[1]', end: '/p[1]/text()[1]', hypertextlabels: ['A'] },
                },
                { type: 'choices', value: { choices: ['yes'] } },
              ],
            },
          ],
        },
      ]),
    );
    const s = imp(p.db, [f]);
    expect(s.articlesAdded).toBe(1);
    expect(s.files[0]!.notes).toContain('1 × results of type "hypertextlabels" ignored (not text spans)');
  });
});

describe('invalid UTF-8 in a Label Studio file', () => {
  it('names the line of the bad byte and its byte offset', () => {
    const p = busyProject();
    const head = '[\n{"data": {"text": "hello"}},\n{"data": {"text": "caf';
    const f = file('latin1.json', Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from('"}}\n]\n')]));
    expectRefused(p.db, [f], {}, `${f}:3`, new RegExp(`not valid UTF-8 \\(byte 0xe9 at byte offset ${head.length}\\)`));
  });

  it('names them right past the first megabyte, where the bad sequence is cut by the 1 MB read', () => {
    const p = busyProject();
    // ~1.2 MB of good tasks, one per line, then a three-byte character cut short, its first
    // byte the last of the first 1 MB chunk.
    const good = Array.from({ length: 12_000 }, (_, i) =>
      JSON.stringify({ data: { text: `Task ${i} ${'é'.repeat(40)}` } }),
    );
    const CHUNK = 1 << 20;
    let upto = 0;
    for (let bytes = 2; bytes + Buffer.byteLength(good[upto]!) + 2 < CHUNK - 100; upto++) {
      bytes += Buffer.byteLength(good[upto]!) + 2;
    }
    const lead = `[\n${good.slice(0, upto).join(',\n')},\n{"data": {"text": "cut `;
    const head = lead + 'a'.repeat(CHUNK - 1 - Buffer.byteLength(lead));
    expect(Buffer.byteLength(head)).toBe(CHUNK - 1);
    const rest = `"}},\n${good.slice(upto).join(',\n')}\n]\n`;
    const f = file('big.json', Buffer.concat([Buffer.from(head), Buffer.from([0xe2, 0x82]), Buffer.from(rest)]));
    expectRefused(p.db, [f], {}, `${f}:${upto + 2}`, new RegExp(`byte 0xe2 at byte offset ${CHUNK - 1}\\)`));
    // The same in JSON Lines, one bad byte past the first megabyte.
    const jl = file(
      'big.jsonl',
      Buffer.concat([Buffer.from(good.join('\n') + '\n{"text": "x'), Buffer.from([0xff]), Buffer.from('"}\n')]),
    );
    const at = Buffer.byteLength(good.join('\n') + '\n{"text": "x');
    expectRefused(p.db, [jl], {}, `${jl}:${good.length + 1}`, new RegExp(`byte 0xff at byte offset ${at}\\)`));
  });
});

describe('files that are not files', () => {
  function mkfifo(at: string): void {
    const r = spawnSync('mkfifo', [at], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
  }

  it('a FIFO, a symbolic link loop and a link to nothing named for import are refused by name, never opened', () => {
    const p = busyProject();
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe.jsonl');
    mkfifo(fifo);
    const before = snapshot(p.db);
    const refusal = (paths: string[]) => {
      try {
        imp(p.db, paths);
      } catch (err) {
        expect((err as { code?: string }).code).toBe('BAD_INPUT');
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(refusal([fifo])).toBe(
      `${fifo}: is a FIFO (named pipe), not a regular file: Spanwise reads only files and folders`,
    );
    const loop = path.join(dir, 'loop.jsonl');
    fs.symlinkSync(loop, loop);
    expect(refusal([loop])).toBe(`${loop}: is a symbolic link loop (too many levels of symbolic links)`);
    const dangling = path.join(dir, 'gone.jsonl');
    fs.symlinkSync(path.join(dir, 'nowhere.jsonl'), dangling);
    expect(refusal([dangling])).toBe(
      `${dangling}: is a symbolic link to ${path.join(dir, 'nowhere.jsonl')}, which does not exist`,
    );
    expect(refusal([path.join(dir, 'missing.jsonl')])).toMatch(/missing\.jsonl: no such file or folder$/);
    expect(refusal(['/dev/null'])).toBe(
      '/dev/null: is a character device, not a regular file: Spanwise reads only files and folders',
    );
    expect(snapshot(p.db)).toBe(before);
  });

  it('inside a folder, links, pipes and other special files are listed as skipped with why', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'a.txt', 'A real article.\n');
    fs.symlinkSync(path.join(dir, 'a.txt'), path.join(dir, 'b-link.txt'));
    fs.symlinkSync(path.join(dir, 'c-loop.txt'), path.join(dir, 'c-loop.txt'));
    mkfifo(path.join(dir, 'd-pipe.jsonl'));
    const s = imp(p.db, [dir]);
    expect(s.articlesAdded).toBe(1);
    expect(s.skippedFiles.map((f) => [path.basename(f.path), f.why])).toEqual([
      ['b-link.txt', 'a symbolic link (links inside a folder are not followed)'],
      ['c-loop.txt', 'a symbolic link (links inside a folder are not followed)'],
      ['d-pipe.jsonl', 'a FIFO (named pipe), not a regular file'],
    ]);
  });

  it('a brat text that is a pipe is refused when the annotations beside it are read, not waited on', () => {
    const p = busyProject();
    const dir = tempDir();
    write(dir, 'doc.ann', 'T1\tORG 0 2\tEU\n');
    mkfifo(path.join(dir, 'doc.txt'));
    expectRefused(
      p.db,
      [path.join(dir, 'doc.ann')],
      {},
      path.join(dir, 'doc.txt'),
      /is a FIFO \(named pipe\), not a regular file/,
    );
  });

  it(
    'the CLI refuses a FIFO by name and returns (no hang), and lists a folder’s skipped entries',
    () => {
      const db = newProjectFile();
      const dir = tempDir();
      const fifo = path.join(dir, 'pipe.jsonl');
      mkfifo(fifo);
      cliRefuses(['import', db, fifo], fifo, /is a FIFO \(named pipe\), not a regular file/);
      const loop = path.join(dir, 'loop.txt');
      fs.symlinkSync(loop, loop);
      cliRefuses(['import', db, loop], loop, /symbolic link loop/);
      write(dir, 'a.txt', 'A real article.\n');
      const r = spanwise(['import', db, dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${loop}: skipped, a symbolic link (links inside a folder are not followed)`);
      expect(r.stdout).toContain(`${fifo}: skipped, a FIFO (named pipe), not a regular file`);
    },
    SLOW,
  );
});

describe('__proto__ keys, NUL bytes and duplicate ids', () => {
  it('"__proto__" is kept as an ordinary metadata key in every format, exported back, and pollutes nothing', async () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'a.jsonl', '{"id": "a", "text": "jsonl", "__proto__": {"polluted": 1}, "meta": {"keep": 1}}\n');
    write(dir, 'b.jsonl', '{"id": "b", "text": "meta", "meta": {"__proto__": {"polluted": 2}}}\n');
    write(dir, 'c.json', '[{"id": 3, "data": {"id": "c", "text": "label studio", "__proto__": {"polluted": 3}}}]\n');
    write(dir, 'd.jsonl', '{"id": "d", "text": "doccano", "label": [], "__proto__": {"polluted": 4}}\n');
    write(dir, 'e.jsonl', '{"text": "prodigy", "_input_hash": 1, "meta": {"__proto__": {"polluted": 5}}}\n');
    imp(p.db, [dir]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const metas = (p.db.prepare('SELECT meta FROM articles ORDER BY id').pluck().all() as string[]).map((m) => m);
    expect(metas).toEqual([
      '{"keep":1,"__proto__":{"polluted":1}}',
      '{"__proto__":{"polluted":2}}',
      '{"__proto__":{"polluted":3}}',
      '{"__proto__":{"polluted":4}}',
      '{"__proto__":{"polluted":5}}',
    ]);
    const out = await exportText(p.db, { format: 'spans' });
    expect(out).toContain('"meta":{"title":"jsonl","source":"a.jsonl","keep":1,"__proto__":{"polluted":1}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('one id on two different texts is refused, naming both lines (in one file and across files)', () => {
    const p = busyProject();
    const one = file(
      'dup.jsonl',
      '{"id": 7, "text": "first text"}\n{"id": 8, "text": "other"}\n{"id": 7, "text": "second text"}\n',
    );
    expectRefused(p.db, [one], {}, `${one}:3`, /id 7 is already the id of a different text \(line 1\)/);
    const dir = tempDir();
    const a = write(dir, 'a.jsonl', '{"id": "x", "text": "first text"}\n');
    const b = write(dir, 'b.jsonl', `${FIRST}\n{"id": "x", "text": "second text"}\n`);
    expectRefused(p.db, [dir], {}, `${b}:2`, new RegExp(`id "x" is already the id of a different text \\(${a}:1\\)`));
  });

  it('the same id on the same text (another annotator’s layer of it) is one article, as before', () => {
    const p = emptyProject();
    const f = file(
      'layers.jsonl',
      jsonl([
        { id: 1, text: 'Shared text.', layer: 'ana', spans: [{ start: 0, end: 6, label: 'ORG' }] },
        { id: 1, text: 'Shared text.', layer: 'bo', spans: [{ start: 7, end: 11, label: 'ORG' }] },
      ]),
    );
    const s = imp(p.db, [f]);
    expect([s.articlesAdded, s.articlesExisting, s.spansAdded]).toEqual([1, 1, 2]);
  });
});
