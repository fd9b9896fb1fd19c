// Every export format's bytes on a large synthetic project (600 articles of ~3 KB: three pages of the reader, a dozen of the writer's buffers, ~20
// spans each, emoji and CJK among them; a second layer on part of them) are pinned by their
// SHA-256: the export's reading and writing may change for speed or memory, its output may not.
// The pins were taken from the exporter before its writer and reader were reworked for
// speed and memory; a change of format is a change to these pins, made on purpose.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src/shared/jobs';
import { exportProject } from '../../src/main/backend/exporters';
import { writeSynthJsonl } from '../../bench/lib/synth';
import { tempDir } from './helpers';
import { emptyProject, imp } from './fixtures/io';

const N = 600;

/** The output's SHA-256: a file's bytes, or a folder's files by path in sorted order. */
function digest(out: string): string {
  const h = createHash('sha256');
  if (fs.statSync(out).isDirectory()) {
    const files = (fs.readdirSync(out, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(out, f)).isFile())
      .sort();
    for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(path.join(out, f)));
  } else h.update(fs.readFileSync(out));
  return h.digest('hex');
}

const CASES: Record<string, Partial<ExportOptions>> = {
  'spans, one layer': { format: 'spans', layer: 'bench' },
  'spans, every layer, utf16': { format: 'spans', layer: 'all', offsets: 'utf16' },
  'spans, done only': { format: 'spans', layer: 'all', only: 'done' },
  'doccano, every layer': { format: 'doccano', layer: 'all' },
  'bio, one layer': { format: 'bio', layer: 'bench' },
  'conll, one layer': { format: 'conll', layer: 'other' },
  'label-studio, every layer': { format: 'label-studio', layer: 'all' },
  'brat, one layer': { format: 'brat', layer: 'bench' },
  'spans, split': { format: 'spans', layer: 'bench', split: [0.8, 0.1, 0.1], seed: 7 },
};

const PINNED: Record<string, string> = {
  'spans, one layer': 'c6180c3d2684aeb6b6a0f58697d98a364f37a55ad4657d10d38c893003dea49c',
  'spans, every layer, utf16': '2d5d4418b1fcef82ff12eba1fb8d932bcdd5516a2282737f65f9be5b71389736',
  'spans, done only': 'c6180c3d2684aeb6b6a0f58697d98a364f37a55ad4657d10d38c893003dea49c',
  'doccano, every layer': '4c7183077e82492ea1aab4f84427de04e1591e44a39c5ab86d12d2aeaf819be8',
  'bio, one layer': '11afa0a399b6715d408ed5bafdb775dfffbe88b8563304b3e80ba6df4bcea9e9',
  'conll, one layer': '45ffa496fdfacd48b5f9a65a34fc506ed10a03b9f07cf9037b42db9ed1fb8767',
  'label-studio, every layer': 'e6144f4c64f6c74da48072dd2075cd55ce4be23b8dfc748fe7396ef58aa9b063',
  'brat, one layer': '8260f01e3590b20ff4ffc30bceb9f901cdde5ec45e4324f414a9f6b51b554bfb',
  'spans, split': '15ae13d301df1e1e7bd936b9d993860acaabad0ce6b16bf6a9e684c01e280c4e',
};

describe('export bytes on a large synthetic project', () => {
  it('are the same in every format as before', { timeout: 300_000 }, async () => {
    const p = emptyProject();
    const dir = tempDir();
    const input = path.join(dir, 'synthetic.jsonl');
    writeSynthJsonl(input, N);
    imp(p.db, [input]);
    // A second layer on the first 200 articles, in progress: --layer all writes two lines there.
    const part = path.join(dir, 'part.jsonl');
    const lines = fs.readFileSync(input, 'utf8').split('\n').slice(0, 200);
    fs.writeFileSync(part, lines.map((l) => l.replace('"status":"done"', '"status":"in_progress"')).join('\n') + '\n');
    imp(p.db, [part], { as: 'other' });
    const got: Record<string, string> = {};
    for (const [name, options] of Object.entries(CASES)) {
      const out = path.join(dir, `out-${Object.keys(got).length}`);
      await exportProject(p.db, out, {
        format: 'spans',
        layer: 'all',
        only: 'all',
        offsets: 'codepoint',
        seed: 0,
        ...options,
      });
      got[name] = digest(out);
    }
    p.close();
    expect(got).toEqual(PINNED);
  });
});
