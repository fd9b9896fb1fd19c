// Deterministic splits that keep near-duplicates together: the demo set's syndicated copies of
// one wire text land in one split, whatever the seed; same seed, same split; ratios respected.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src/shared/jobs';
import { exportProject, formatExportSummary } from '../../src/main/backend/exporters';
import { assignSplits, NearDuplicates, splitNames, wordsHash } from '../../src/main/backend/splits';
import { RESOURCES, tempDir, tempProject } from './helpers';
import { emptyProject, imp, jsonl, lines, write } from './fixtures/io';

const DEMO = path.join(RESOURCES, 'articles');
const demoTexts = () =>
  fs
    .readdirSync(DEMO)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(DEMO, f), 'utf8'));

function words(n: number, seed: number): string {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out.push(`w${x % 5000}`);
  }
  return out.join(' ');
}

async function splitExport(db: Parameters<typeof exportProject>[0], seed: number, split = [0.6, 0.2, 0.2]) {
  const dir = tempDir();
  const s = await exportProject(db, dir, {
    format: 'spans',
    layer: 'all',
    only: 'all',
    offsets: 'codepoint',
    seed,
    split,
  });
  const read = (name: string) =>
    fs.existsSync(path.join(dir, `${name}.jsonl`))
      ? lines(fs.readFileSync(path.join(dir, `${name}.jsonl`), 'utf8'))
      : [];
  return { summary: s, dir, train: read('train'), dev: read('dev'), test: read('test') };
}

describe('near-duplicate grouping', () => {
  it('groups the demo set’s wire copies (000, 001, 002, 004) and leaves the independent report (003) alone', () => {
    const nd = new NearDuplicates();
    demoTexts().forEach((t, i) => nd.add(`k${i}`, t));
    const roots = [...nd.groups()];
    expect(roots[0]).toBe(roots[1]);
    expect(roots[0]).toBe(roots[2]);
    expect(roots[0]).toBe(roots[4]);
    expect(roots[3]).not.toBe(roots[0]);
  });

  it('does not group unrelated articles, and groups a cut, re-headlined copy with its original', () => {
    const nd = new NearDuplicates();
    const original = words(600, 1);
    nd.add('a', original);
    nd.add('b', words(600, 2));
    nd.add('c', 'BREAKING: ' + original.split(' ').slice(100, 400).join(' ') + ' Copyright 2024 Some Outlet.');
    nd.add('d', words(600, 3));
    const r = [...nd.groups()];
    expect(r[2]).toBe(r[0]);
    expect(new Set([r[0], r[1], r[3]]).size).toBe(3);
  });

  it('groups texts that differ only in case and punctuation, even when short', () => {
    const nd = new NearDuplicates();
    nd.add('a', 'Kim meets Putin.');
    nd.add('b', 'KIM MEETS PUTIN!!');
    nd.add('c', 'Kim meets Xi.');
    const r = [...nd.groups()];
    expect(r[1]).toBe(r[0]);
    expect(r[2]).not.toBe(r[0]);
  });

  it('joins only near-duplicates, whatever the order the articles come in', () => {
    const texts = demoTexts();
    const order = [4, 3, 2, 1, 0];
    const nd = new NearDuplicates();
    order.forEach((i) => nd.add(`k${i}`, texts[i]!));
    const r = [...nd.groups()];
    const at = (i: number) => r[order.indexOf(i)];
    expect(new Set([at(0), at(1), at(2), at(4)]).size).toBe(1);
    expect(at(3)).not.toBe(at(0));
    expect(wordsHash('Kim meets Putin.')).toBe(wordsHash('KIM  MEETS, PUTIN!'));
  });
});

describe('assignment', () => {
  it('is deterministic, follows the ratios and keeps groups whole', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
    const roots = Int32Array.from(keys.map((_, i) => (i < 30 ? 0 : i)));
    const a = assignSplits(keys, roots, [0.8, 0.1, 0.1], 7);
    const b = assignSplits([...keys], Int32Array.from(roots), [0.8, 0.1, 0.1], 7);
    expect([...a]).toEqual([...b]);
    const counts = [0, 0, 0];
    for (const s of a) counts[s]!++;
    expect(counts[0]).toBeGreaterThanOrEqual(790);
    expect(counts[0]).toBeLessThanOrEqual(830);
    expect(counts[1]).toBeGreaterThanOrEqual(80);
    expect(counts[2]).toBeGreaterThanOrEqual(80);
    expect(new Set([...a.slice(0, 30)]).size).toBe(1);
    const other = assignSplits(keys, roots, [0.8, 0.1, 0.1], 8);
    expect([...other]).not.toEqual([...a]);
  });

  it('does not depend on the order of the articles', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const roots = Int32Array.from(keys.map((_, i) => i));
    const a = assignSplits(keys, roots, [0.5, 0.25, 0.25], 3);
    const rev = [...keys].reverse();
    const b = assignSplits(rev, Int32Array.from(rev.map((_, i) => i)), [0.5, 0.25, 0.25], 3);
    keys.forEach((k, i) => expect(b[rev.indexOf(k)]).toBe(a[i]));
  });

  it('checks the ratios', () => {
    expect(splitNames([0.8, 0.1, 0.1])).toEqual(['train', 'dev', 'test']);
    expect(splitNames([0.9, 0.1])).toEqual(['train', 'test']);
    expect(() => splitNames([1])).toThrow('split: give 2 or 3 ratios');
    expect(() => splitNames([0.5, 0.6])).toThrow('split: ratios must add up to 1 (they add up to 1.1)');
    expect(() => splitNames([1.2, -0.2])).toThrow('split: a ratio is above 1');
  });
});

describe('export --split', () => {
  it('writes train/dev/test files; the demo wire copies always share a split, for every seed', async () => {
    const p = tempProject({ demo: true });
    imp(p.db, [
      write(tempDir(), 'more.jsonl', jsonl(Array.from({ length: 40 }, (_, i) => ({ text: words(300, 100 + i) })))),
    ]);
    for (let seed = 0; seed < 8; seed++) {
      const { train, dev, test, summary } = await splitExport(p.db, seed);
      expect(train.length + dev.length + test.length).toBe(45);
      const where = (title: string) =>
        [train, dev, test].findIndex((ls) => ls.some((l) => (l['meta'] as { title: string }).title === title));
      const wire = [
        'Kim Jong Un plans rare trip to meet Putin in Russia',
        'Kim expects to meet Putin in Russia, US says',
        'Kim Jong Un to meet Putin this month to discuss arms deal: report',
        'Kim Jong-un to meet Putin to discuss Ukraine war weapons, says report',
      ].map(where);
      expect(new Set(wire).size, `seed ${seed}: ${wire.join(',')}`).toBe(1);
      expect(summary.groups).toEqual({ count: 1, largest: 4, grouped: 4 });
      expect(summary.files.map((f) => f.split)).toEqual(['train', 'dev', 'test']);
    }
  });

  it('same seed, same files; the summary says what was grouped', async () => {
    const p = tempProject({ demo: true });
    const a = await splitExport(p.db, 42);
    const b = await splitExport(p.db, 42);
    for (const name of ['train', 'dev', 'test']) {
      expect(fs.readFileSync(path.join(b.dir, `${name}.jsonl`), 'utf8')).toBe(
        fs.readFileSync(path.join(a.dir, `${name}.jsonl`), 'utf8'),
      );
    }
    expect(formatExportSummary(a.summary)).toContain(
      'Near-duplicates: 4 articles in 1 group (largest 4), each group kept in one split.',
    );
  });

  it('is the same split in another project holding the same articles (row ids do not matter)', async () => {
    const p = tempProject({ demo: true });
    const q = emptyProject();
    const texts = demoTexts().reverse();
    imp(q.db, [write(tempDir(), 'rev.jsonl', jsonl(texts.map((text) => ({ text }))))]);
    const a = await splitExport(p.db, 5, [0.5, 0.5]);
    const b = await splitExport(q.db, 5, [0.5, 0.5]);
    const byText = (r: typeof a) => [r.train, r.test].map((ls) => ls.map((l) => l['text']).sort());
    expect(byText(b)).toEqual(byText(a));
    expect(fs.readdirSync(a.dir).sort()).toEqual(['test.jsonl', 'train.jsonl']);
  });

  it('writes the same lines in the same order in any project holding the same articles, whatever the import order', async () => {
    // 600 articles (more than a page of 256), two layers, statuses; imported in two orders.
    const records = Array.from({ length: 600 }, (_, i) => {
      const text = words(40, 7 + i);
      const first = text.indexOf(' ');
      return [
        {
          id: `n${i}`,
          text,
          layer: 'ana',
          status: i % 2 ? 'done' : 'in_progress',
          spans: [{ start: 0, end: first, label: 'ACTOR' }],
        },
        ...(i % 3 === 0
          ? [{ id: `n${i}`, text, layer: 'ben', spans: [{ start: first + 1, end: first + 3, label: 'CLAIM' }] }]
          : []),
      ];
    });
    const shuffled = [...records];
    let x = 99;
    for (let i = shuffled.length - 1; i > 0; i--) {
      x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
      const j = x % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const load = (recs: typeof records, keepIds: boolean) => {
      const p = emptyProject();
      const flat = recs.flat().map(({ id, ...r }) => (keepIds ? { id, ...r } : r));
      imp(p.db, [write(tempDir(), 'a.jsonl', jsonl(flat))], { format: 'spans' });
      return p;
    };
    const files = (dir: string) =>
      ['train', 'dev', 'test'].map((n) => fs.readFileSync(path.join(dir, `${n}.jsonl`), 'utf8'));
    for (const layer of ['all', 'ana']) {
      const options: ExportOptions = {
        format: 'spans',
        layer,
        only: 'all',
        offsets: 'codepoint',
        seed: 3,
        split: [0.6, 0.2, 0.2],
      };
      // With the articles' own ids: byte for byte the same files.
      const [a, b] = [tempDir(), tempDir()];
      await exportProject(load(records, true).db, a, options);
      await exportProject(load(shuffled, true).db, b, options);
      expect(files(b), `layer ${layer}`).toEqual(files(a));
      expect(lines(files(a)[0]!).length).toBeGreaterThan(256);
      // Without: the same lines in the same order but for "id", which is then the row id.
      const [c, d] = [tempDir(), tempDir()];
      await exportProject(load(records, false).db, c, options);
      await exportProject(load(shuffled, false).db, d, options);
      const noIds = (dir: string) => files(dir).map((f) => lines(f).map(({ id: _id, ...rest }) => rest));
      expect(noIds(d)).toEqual(noIds(c));
      expect(files(d)).not.toEqual(files(c));
    }
  });

  it('label-studio splits are each a valid JSON array', async () => {
    const p = tempProject({ demo: true });
    const dir = tempDir();
    await exportProject(p.db, dir, {
      format: 'label-studio',
      layer: 'all',
      only: 'all',
      offsets: 'codepoint',
      seed: 1,
      split: [0.4, 0.3, 0.3],
    });
    let n = 0;
    for (const f of ['train.json', 'dev.json', 'test.json'])
      n += (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown[]).length;
    expect(n).toBe(5);
  });
});
