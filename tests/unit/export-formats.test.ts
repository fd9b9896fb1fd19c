// Every exporter on a small project: exact output lines, layer and status selection, offsets,
// the loss report of formats that cannot carry overlaps, streaming to files, refusals.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { exportProject, formatExportSummary } from '../../src/main/backend/exporters';
import { tokenize, resolveOverlaps } from '../../src/main/backend/exporters/tokens';
import { tempDir, tempProject } from './helpers';
import { emptyProject, exportText, imp, jsonl, lines, pySlice, write } from './fixtures/io';

const A = 'Putin 🤝 Kim met in 北京.\r\nThe UN said "sanctions apply".';
const B = 'Cafe\u0301 talks';

/** Two articles, layers ana (done on A) and ben (in progress on A), overlapping spans. */
function project() {
  const p = emptyProject();
  const cp = (text: string, sub: string) => {
    const u = text.indexOf(sub);
    const s = Array.from(text.slice(0, u)).length;
    return { start: s, end: s + Array.from(sub).length, text: sub };
  };
  const claim = A.slice(A.indexOf('The UN'), A.length);
  imp(p.db, [
    write(
      tempDir(),
      'seed.jsonl',
      jsonl([
        {
          id: 'a',
          text: A,
          meta: { title: 'Summit', source: 'wire', desk: 'asia' },
          layer: 'ana',
          status: 'done',
          spans: [
            { ...cp(A, 'Putin'), label: 'ACTOR' },
            { ...cp(A, 'Kim'), label: 'ACTOR' },
            { ...cp(A, '北京'), label: 'LOCATION' },
            { ...cp(A, 'UN'), label: 'ACTOR' },
            { ...cp(A, claim), label: 'CLAIM' },
            { ...cp(A, 'sanctions'), label: 'SANCTION' },
          ],
        },
        {
          id: 'a',
          text: A,
          layer: 'ben',
          status: 'in_progress',
          spans: [{ ...cp(A, 'Putin 🤝 Kim'), label: 'ACTOR' }],
        },
        { id: 2, text: B, meta: { title: 'Cafe', source: 'blog' }, layer: null, status: 'todo', spans: [] },
      ]),
    ),
  ]);
  return p;
}

describe('spans (default) JSONL', () => {
  it('writes one line per article per layer, spans sorted, offsets in code points, title/source in meta', async () => {
    const p = project();
    const out = lines(await exportText(p.db));
    expect(out.map((l) => [l['id'], l['layer'], l['status']])).toEqual([
      ['a', 'ana', 'done'],
      ['a', 'ben', 'in_progress'],
      [2, null, 'todo'],
    ]);
    const first = out[0]!;
    expect(Object.keys(first)).toEqual(['id', 'text', 'spans', 'meta', 'layer', 'status']);
    expect(first['meta']).toEqual({ title: 'Summit', source: 'wire', desk: 'asia' });
    const spans = first['spans'] as { start: number; end: number; label: string; text: string }[];
    expect(spans.map((s) => s.text)).toEqual([
      'Putin',
      'Kim',
      '北京',
      'The UN said "sanctions apply".',
      'UN',
      'sanctions',
    ]);
    expect(spans[1]).toEqual({ start: 8, end: 11, label: 'ACTOR', text: 'Kim' });
    for (const s of spans) expect(pySlice(A, s.start, s.end)).toBe(s.text);
    expect(out[2]).toEqual({
      id: 2,
      text: B,
      spans: [],
      meta: { title: 'Cafe', source: 'blog' },
      layer: null,
      status: 'todo',
    });
  });

  it('--offsets utf16 gives JavaScript string indices', async () => {
    const p = project();
    const spans = lines(await exportText(p.db, { layer: 'ana', offsets: 'utf16' }))[0]!['spans'] as {
      start: number;
      end: number;
      text: string;
    }[];
    expect(spans[1]).toMatchObject({ start: 9, end: 12, text: 'Kim' });
    for (const s of spans) expect(A.slice(s.start, s.end)).toBe(s.text);
  });

  it('--layer NAME: every article, with that layer (todo and empty where it has none); --only done filters', async () => {
    const p = project();
    const ben = lines(await exportText(p.db, { layer: 'ben' }));
    expect(ben.map((l) => [l['id'], l['layer'], l['status'], (l['spans'] as unknown[]).length])).toEqual([
      ['a', 'ben', 'in_progress', 1],
      [2, 'ben', 'todo', 0],
    ]);
    expect(lines(await exportText(p.db, { layer: 'ben', only: 'done' }))).toEqual([]);
    expect(lines(await exportText(p.db, { layer: 'ana', only: 'done' })).map((l) => l['id'])).toEqual(['a']);
    expect(lines(await exportText(p.db, { layer: 'all', only: 'done' })).map((l) => l['layer'])).toEqual(['ana']);
  });

  it('leaves deleted spans out', async () => {
    const p = tempProject({ demo: true, annotator: 'ana' });
    const id = p.handlers.listArticles({ status: 'all', at: 0, limit: 1 }).items[0]!.id;
    const label = p.handlers.listLabels({})[0]!.id;
    const keep = p.handlers.createSpan({ articleId: id, labelId: label, start: 0, end: 5 });
    const gone = p.handlers.createSpan({ articleId: id, labelId: label, start: 6, end: 11 });
    p.handlers.deleteSpan({ id: gone.id });
    const out = lines(await exportText(p.db, { layer: 'ana' }));
    expect((out[0]!['spans'] as { start: number }[]).map((s) => s.start)).toEqual([keep.start]);
  });

  it('refuses an unknown layer (listing the layers) and gold (until something is decided)', async () => {
    const p = project();
    await expect(exportText(p.db, { layer: 'zoe' })).rejects.toThrow('no layer named "zoe"; layers: ana, ben, or all');
    await expect(exportText(p.db, { layer: 'gold' })).rejects.toThrow(
      'this project has no gold layer yet: no conflict has been decided',
    );
    await expect(exportText(p.db, { layer: 'ana', only: 'adjudicated' })).rejects.toThrow(
      '--only adjudicated applies to the gold layer (--layer gold), not to "ana"',
    );
  });
});

describe('doccano', () => {
  it('writes label triples; with --layer all each line says its layer', async () => {
    const p = project();
    const one = lines(await exportText(p.db, { format: 'doccano', layer: 'ana' }));
    expect(Object.keys(one[0]!)).toEqual(['id', 'text', 'label']);
    const label = one[0]!['label'] as [number, number, string][];
    expect(label.map(([s, e, l]) => [pySlice(A, s, e), l])).toEqual([
      ['Putin', 'ACTOR'],
      ['Kim', 'ACTOR'],
      ['北京', 'LOCATION'],
      ['The UN said "sanctions apply".', 'CLAIM'],
      ['UN', 'ACTOR'],
      ['sanctions', 'SANCTION'],
    ]);
    expect(label[1]).toEqual([8, 11, 'ACTOR']);
    const all = lines(await exportText(p.db, { format: 'doccano' }));
    expect(all.map((l) => l['layer'])).toEqual(['ana', 'ben', null]);
  });
});

describe('Label Studio', () => {
  it('writes a JSON array of tasks, one annotation per layer, importable as Label Studio tasks', async () => {
    const p = project();
    const tasks = JSON.parse(await exportText(p.db, { format: 'label-studio' })) as {
      data: Record<string, unknown>;
      annotations: {
        result: { id: string; type: string; from_name: string; to_name: string; value: Record<string, unknown> }[];
        spanwise: unknown;
      }[];
      predictions: unknown[];
    }[];
    expect(tasks).toHaveLength(2);
    expect(tasks[0]!.data).toEqual({ id: 'a', text: A, title: 'Summit', source: 'wire', meta: { desk: 'asia' } });
    expect(tasks[0]!.annotations.map((a) => a.spanwise)).toEqual([
      { layer: 'ana', status: 'done' },
      { layer: 'ben', status: 'in_progress' },
    ]);
    const r = tasks[0]!.annotations[0]!.result[1]!;
    expect(r).toMatchObject({
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: 8, end: 11, text: 'Kim', labels: ['ACTOR'] },
    });
    expect(r.id).toMatch(/^[0-9a-z]{10}$/);
    expect(new Set(tasks[0]!.annotations[0]!.result.map((x) => x.id)).size).toBe(6);
    expect(tasks[1]!.annotations).toEqual([]);
    expect(tasks[1]!.predictions).toEqual([]);
  });

  it('writes an empty array for an empty selection', async () => {
    const p = project();
    expect(JSON.parse(await exportText(p.db, { format: 'label-studio', layer: 'ben', only: 'done' }))).toEqual([]);
  });

  it('names annotators by email where the layer is one (Label Studio resolves members by email)', async () => {
    const p = emptyProject();
    imp(p.db, [
      write(
        tempDir(),
        'x.jsonl',
        jsonl([{ text: 'Kim', layer: 'kim@example.org', spans: [{ start: 0, end: 3, label: 'ACTOR' }] }]),
      ),
    ]);
    const tasks = JSON.parse(await exportText(p.db, { format: 'label-studio' })) as {
      annotations: Record<string, unknown>[];
    }[];
    expect(tasks[0]!.annotations[0]!['completed_by']).toEqual({ email: 'kim@example.org' });
  });
});

describe('bio and conll', () => {
  it('tokenizes Unicode words (Intl.Segmenter) and single other characters, cutting tokens at span boundaries', () => {
    const words = (text: string, cuts: number[] = []) => tokenize(text, cuts).map((t) => text.slice(t.start, t.end));
    expect(words("U.N.-backed talks, O'Brien's 3.14 北京 😀 👩‍👩‍👧 ok")).toEqual([
      'U.N',
      '.',
      '-',
      'backed',
      'talks',
      ',',
      "O'Brien's",
      '3.14',
      '北京',
      '😀',
      '👩‍👩‍👧',
      'ok',
    ]);
    expect(words('Bergen-Belsen', [3])).toEqual(['Ber', 'gen', '-', 'Belsen']);
    // Chinese and Thai have no spaces between words: the segmenter's dictionaries split them.
    expect(words('我们在北京见面。')).toEqual(['我们', '在', '北京', '见面', '。']);
    expect(words('สวัสดีครับ ผมชื่อสมชาย')).toEqual(['สวัสดี', 'ครับ', 'ผม', 'ชื่อ', 'สมชาย']);
  });

  it('keeps the largest set of non-overlapping spans', () => {
    const s = (start: number, end: number, label: string) => ({ start, end, label });
    const r = resolveOverlaps([s(0, 10, 'CLAIM'), s(0, 3, 'ACTOR'), s(5, 8, 'ACTOR'), s(7, 12, 'X'), s(5, 8, 'LOC')]);
    expect(r.kept).toEqual([s(0, 3, 'ACTOR'), s(5, 8, 'ACTOR')]);
    expect(r.dropped.map((d) => [d.span.label, d.reason])).toEqual([
      ['LOC', 'same range as another span'],
      ['CLAIM', 'contains other spans'],
      ['X', 'crosses another span'],
    ]);
  });

  it('bio JSONL: tokens, BIO tags and token offsets in the chosen unit; the loss report names what was dropped and why', async () => {
    const p = project();
    const out = path.join(tempDir(), 'bio.jsonl');
    const s = await exportProject(p.db, out, {
      format: 'bio',
      layer: 'ana',
      only: 'all',
      offsets: 'codepoint',
      seed: 0,
    });
    const line = lines(fs.readFileSync(out, 'utf8'))[0]! as {
      tokens: string[];
      ner_tags: string[];
      token_offsets: [number, number][];
    };
    expect(line.tokens.slice(0, 7)).toEqual(['Putin', '🤝', 'Kim', 'met', 'in', '北京', '.']);
    expect(line.ner_tags.slice(0, 7)).toEqual(['B-ACTOR', 'O', 'B-ACTOR', 'O', 'O', 'B-LOCATION', 'O']);
    line.tokens.forEach((t, i) => expect(pySlice(A, line.token_offsets[i]![0], line.token_offsets[i]![1])).toBe(t));
    const tagged = line.tokens
      .map((t, i) => `${t}/${line.ner_tags[i]}`)
      .slice(7)
      .join(' ');
    expect(tagged).toBe('The/O UN/B-ACTOR said/O "/O sanctions/B-SANCTION apply/O "/O ./O');
    expect(s.loss).toEqual({
      total: 6,
      dropped: 1,
      byLabel: [{ label: 'CLAIM', reason: 'contains other spans', count: 1 }],
      changed: 0,
      changes: [],
    });
    expect(formatExportSummary(s)).toContain(
      'Loss report: 1 of 6 spans dropped — bio cannot carry overlapping or nested spans, so the fewest possible were dropped:\n  CLAIM: 1 (contains other spans)',
    );
  });

  it('says so when nothing was dropped', async () => {
    const p = project();
    const out = path.join(tempDir(), 'bio.jsonl');
    const s = await exportProject(p.db, out, {
      format: 'bio',
      layer: 'ben',
      only: 'all',
      offsets: 'codepoint',
      seed: 0,
    });
    expect(formatExportSummary(s)).toContain('Loss report: nothing dropped (1 span all carried).');
  });

  it('conll: CoNLL-2003 columns, a -DOCSTART- per document, blank lines between sentences, never inside a span', async () => {
    const p = project();
    const out = path.join(tempDir(), 'x.conll');
    const s = await exportProject(p.db, out, {
      format: 'conll',
      layer: 'ben',
      only: 'all',
      offsets: 'codepoint',
      seed: 0,
    });
    const text = fs.readFileSync(out, 'utf8');
    expect(
      text.startsWith(
        '-DOCSTART- -X- O O\n\nPutin -X- -X- B-ACTOR\n🤝 -X- -X- I-ACTOR\nKim -X- -X- I-ACTOR\nmet -X- -X- O\n',
      ),
    ).toBe(true);
    expect(text).toContain('. -X- -X- O\n\nThe -X- -X- O\n');
    expect(text).toContain('-DOCSTART- -X- O O\n\nCafe\u0301 -X- -X- O\ntalks -X- -X- O\n\n');
    expect(s.loss!.dropped).toBe(0);
    for (const l of text.split('\n')) if (l) expect(l.split(' ')).toHaveLength(4);
  });

  it('a span over white space only is dropped and reported', async () => {
    const p = emptyProject();
    imp(p.db, [
      write(tempDir(), 'w.jsonl', jsonl([{ text: 'a   b', layer: 'x', spans: [{ start: 1, end: 4, label: 'GAP' }] }])),
    ]);
    const out = path.join(tempDir(), 'w.jsonl');
    const s = await exportProject(p.db, out, { format: 'bio', layer: 'x', only: 'all', offsets: 'codepoint', seed: 0 });
    expect(s.loss!.byLabel).toEqual([{ label: 'GAP', reason: 'covers only white space', count: 1 }]);
  });
});

describe('streaming output', () => {
  it('writes through a .partial file renamed at the end; a failed export leaves nothing behind', async () => {
    const p = project();
    const dir = tempDir();
    const out = path.join(dir, 'sub', 'spans.jsonl');
    await exportProject(p.db, out, { format: 'spans', layer: 'all', only: 'all', offsets: 'codepoint', seed: 0 });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['spans.jsonl']);
    const bad = path.join(dir, 'bad.jsonl');
    await expect(
      exportProject(p.db, bad, {
        format: 'spans',
        layer: 'all',
        only: 'all',
        offsets: 'codepoint',
        seed: 0,
        split: [0.5, 0.6],
      }),
    ).rejects.toThrow('split: ratios must add up to 1');
    expect(fs.existsSync(bad)).toBe(false);
    expect(p.db.inTransaction).toBe(false);
  });

  it('exports thousands of articles with the live heap staying flat', async () => {
    const p = emptyProject();
    const records = Array.from({ length: 3000 }, (_, i) => ({
      text: `Article ${i} `.padEnd(3000, 'lorem ipsum dolor sit amet '),
      layer: 'x',
      spans: [{ start: 0, end: 7, label: 'ACTOR' }],
    }));
    imp(p.db, [write(tempDir(), 'many.jsonl', jsonl(records))]);
    const out = path.join(tempDir(), 'many.jsonl');
    v8.setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let live = 0;
    let samples = 0;
    const s = await exportProject(
      p.db,
      out,
      { format: 'spans', layer: 'all', only: 'all', offsets: 'codepoint', seed: 0 },
      {
        onProgress: () => {
          gc();
          samples++;
          live = Math.max(live, process.memoryUsage().heapUsed - before);
        },
      },
    );
    expect(s.lines).toBe(3000);
    expect(s.bytes).toBeGreaterThan(9_000_000);
    expect(samples).toBeGreaterThan(20);
    // What stays alive while exporting is a page of articles and a write batch, not the 9 MB written.
    expect(live).toBeLessThan(3_000_000);
  });
});
