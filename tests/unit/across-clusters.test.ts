// Sentences that recur across the demo set (imported into a real project) and the clusters of
// near-duplicate articles they make: 000 and 001 (one wire story) together, 002 and 004 (which
// reuse about half of it) joining them, 003 (an independent report) apart. The index grows
// with each import without recomputing the articles it has.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentenceIndex } from '../../src/main/backend/across/index-cache';
import { CLUSTER_SHARE } from '../../src/main/backend/across/sentence-index';
import { emptyProject, imp, write } from './fixtures/io';
import { RESOURCES, tempDir } from './helpers';

/** The demo article set as the app ships it (the same files, byte for byte, as the team's copy). */
const DEMO = path.join(RESOURCES, 'articles');

/** The demo set imported as text files: article id by file number (000…004). */
function demoProject() {
  const p = emptyProject();
  const files = fs
    .readdirSync(DEMO)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(DEMO, f));
  imp(p.db, files, { format: 'txt', as: 'model' });
  expect(p.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 5 });
  const rows = p.db.prepare('SELECT id, source FROM articles').all() as { id: number; source: string }[];
  const id = (n: string) => rows.find((r) => path.basename(r.source).startsWith(n))!.id;
  return { p, id };
}

describe('the demo set', () => {
  it('000 and 001 cluster together, 002 and 004 join them, 003 stays apart', () => {
    const { p, id } = demoProject();
    const index = sentenceIndex(p.db);
    const wire = [id('000'), id('001'), id('002'), id('004')].sort((a, b) => a - b);
    expect(index.clusters()).toEqual([wire]);
    expect(index.cluster(id('003'))).toEqual([id('003')]);
    const pair = (a: string, b: string) => index.pair(id(a), id(b));
    expect(pair('000', '001')!.share).toBeGreaterThan(0.8);
    for (const copy of ['002', '004']) expect(pair('000', copy)!.share).toBeGreaterThanOrEqual(CLUSTER_SHARE);
    for (const other of ['000', '001', '002', '004']) expect(pair('003', other)).toBeNull();
    p.close();
  });

  it('a sentence recurs across copies after normalising quotes and spacing', () => {
    const { p, id } = demoProject();
    const index = sentenceIndex(p.db);
    const a = index.article(id('000'))!;
    const at = a.text.indexOf("supplies for Moscow's war effort");
    const s = a.sentences.findIndex((r) => r.start <= at && r.end > at);
    const copies = index.matchesOf(id('000'), s);
    const b = index.article(id('001'))!;
    const inB = copies
      .filter((m) => m.article === id('001'))
      .map((m) => b.text.slice(b.sentences[m.index]!.start, b.sentences[m.index]!.end));
    expect(inB).toEqual([
      'The United States last week warned that Russia was already in secret talks with the North to acquire a range of munitions and supplies for Moscow’s war effort.',
    ]);
    // 002's edited copy of it ("in secret, active talks") matches too.
    expect(copies.map((m) => m.article)).toContain(id('002'));
    const groups = index.recurring();
    expect(groups.length).toBeGreaterThan(20);
    for (const g of groups) expect(g.every((x) => x.article !== id('003'))).toBe(true);
    p.close();
  });

  it('grows with an import: the new article is added, the others are not read again', () => {
    const { p, id } = demoProject();
    const index = sentenceIndex(p.db);
    const before = index.clusters();
    const dir = tempDir();
    const wire = index.article(id('000'))!.text;
    // A re-headlined copy of the first half of the wire text.
    write(dir, 'copy.txt', 'Kim heads to Russia\n\n' + wire.slice(0, Math.floor(wire.length / 2)));
    imp(p.db, [dir], { as: 'model' });
    const after = sentenceIndex(p.db);
    expect(after).toBe(index);
    expect(after.size).toBe(6);
    const added = (p.db.prepare('SELECT max(id) AS id FROM articles').get() as { id: number }).id;
    expect(after.clusters()).toEqual([[...before[0]!, added].sort((a, b) => a - b)]);
    p.close();
  });
});
