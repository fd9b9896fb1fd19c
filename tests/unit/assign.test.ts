// Assignment: deterministic, each article to exactly k annotators (or the double share to two),
// shares balanced within one; assignment packs carry articles, labels and guidelines, and
// opening one creates or updates the annotator's project. The inbox merges each pack once.
import { writeTransaction } from '../../src/main/backend/db/handles';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addArticle, contentHash } from '../../src/main/backend/articles';
import { openDb } from '../../src/main/backend/db/open';
import { listLabels } from '../../src/main/backend/labels';
import { planAssignment, writeAssignments } from '../../src/main/backend/packs/assign';
import { readPack } from '../../src/main/backend/packs/format';
import { mergeInbox } from '../../src/main/backend/packs/inbox';
import { openAssignmentPack } from '../../src/main/backend/packs/open-pack';
import { writeWorkPack } from '../../src/main/backend/packs/work-pack';
import { Project } from '../../src/main/backend/project';
import { getSetting } from '../../src/main/backend/settings';
import { expectSameBytes, folderBytes, RESOURCES, tempDir, tempProject } from './helpers';
import { layer, seal, packLines } from './fixtures/packs';

const hashes = (n: number, salt = '') => Array.from({ length: n }, (_, i) => contentHash(`article ${salt}${i}`));

function loads(plan: Map<string, number[]>, people: number): number[] {
  const load = new Array<number>(people).fill(0);
  for (const who of plan.values()) for (const w of who) load[w]!++;
  return load;
}

describe('planAssignment', () => {
  it('gives each article exactly k distinct annotators, shares within one of each other', () => {
    for (const [n, people, k] of [
      [100, 3, 2],
      [101, 4, 3],
      [7, 5, 1],
      [50, 6, 6],
      [1, 3, 2],
    ] as const) {
      const plan = planAssignment(hashes(n), people, { overlap: k }, 7);
      expect(plan.size).toBe(n);
      for (const who of plan.values()) {
        expect(who).toHaveLength(k);
        expect(new Set(who).size).toBe(k);
        for (const w of who) expect(w >= 0 && w < people).toBe(true);
      }
      const load = loads(plan, people);
      expect(Math.max(...load) - Math.min(...load), `${n} ${people} ${k}`).toBeLessThanOrEqual(1);
      expect(load.reduce((a, b) => a + b, 0)).toBe(n * k);
    }
  });

  it('is deterministic: same seed and articles (in any order) give the same plan; another seed another', () => {
    const h = hashes(60);
    const a = planAssignment(h, 3, { overlap: 2 }, 42);
    const b = planAssignment([...h].reverse(), 3, { overlap: 2 }, 42);
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
    const c = planAssignment(h, 3, { overlap: 2 }, 43);
    expect([...c.entries()].sort()).not.toEqual([...a.entries()].sort());
  });

  it('--double: that share of articles to two annotators, the rest to one, balanced', () => {
    const plan = planAssignment(hashes(100), 4, { double: 0.2 }, 1);
    const sizes = [...plan.values()].map((w) => w.length);
    expect(sizes.filter((s) => s === 2)).toHaveLength(20);
    expect(sizes.filter((s) => s === 1)).toHaveLength(80);
    const load = loads(plan, 4);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
  });

  it('refuses an overlap larger than the team or below one, and a share outside 0..1', () => {
    expect(() => planAssignment(hashes(3), 2, { overlap: 3 }, 0)).toThrow(/1 to 2 annotator/);
    expect(() => planAssignment(hashes(3), 2, { overlap: 0 }, 0)).toThrow(/1 to 2 annotator/);
    expect(() => planAssignment(hashes(3), 1, { double: 0.5 }, 0)).toThrow(/1 to 1 annotator/);
    expect(() => planAssignment(hashes(3), 3, { double: 1.5 }, 0)).toThrow(/between 0 and 1/);
  });
});

/** The reviewer's project: the demo articles plus one, a custom label, custom guidelines. */
function reviewerProject(): Project {
  const rev = tempProject({ demo: true, annotator: 'rev' });
  writeTransaction(rev.db, (w) =>
    addArticle(w, { title: 'Extra', source: 'wire', text: 'A sixth article about Seoul.', meta: { k: 1 } }),
  );
  rev.handlers.createLabel({ name: 'WEAPON', color: '#112233', hotkey: 'w' });
  rev.handlers.updateLabel({ id: rev.handlers.listLabels({})[0]!.id, color: '#000000' });
  rev.db.prepare("UPDATE settings SET value = 'Mark every ACTOR.' WHERE key = 'guidelines'").run();
  return rev;
}

describe('assignment packs and open-pack', () => {
  it('writes one pack per annotator with their articles, the labels and the guidelines; same seed, same files', () => {
    const rev = reviewerProject();
    const out = tempDir();
    const s = writeAssignments(rev.db, {
      annotators: ['anna', 'bo', 'cy'],
      share: { overlap: 2 },
      seed: 5,
      outDir: out,
    });
    expect(s.articles).toBe(6);
    expect(s.packs.map((p) => [p.annotator.name, p.annotator.created, p.articles])).toEqual([
      ['anna', true, 4],
      ['bo', true, 4],
      ['cy', true, 4],
    ]);
    // The people are now known to the reviewer's project, under the uids their packs carry, as
    // people whose work arrives in packs (the reviewer typing "anna" does not become them).
    const people = rev.handlers.listAnnotators({}).filter((a) => a.name !== 'rev');
    expect(rev.db.prepare('SELECT name, remote FROM annotators ORDER BY id').all()).toEqual([
      { name: 'rev', remote: 0 },
      { name: 'anna', remote: 1 },
      { name: 'bo', remote: 1 },
      { name: 'cy', remote: 1 },
    ]);
    const packs = s.packs.map((p) => readPack(p.file, 'assignment'));
    expect(packs.map((p) => p.header.annotator)).toEqual(people.map((a) => ({ uid: a.uid, name: a.name })));
    const perArticle = new Map<string, number>();
    for (const p of packs) {
      expect(p.header.seed).toBe(5);
      expect(p.guidelines).toBe('Mark every ACTOR.');
      expect(p.labels.map((l) => [l.name, l.color, l.hotkey])).toEqual(
        listLabels(rev.db).map((l) => [l.name, l.color, l.hotkey]),
      );
      for (const h of p.articles.keys()) perArticle.set(h, (perArticle.get(h) ?? 0) + 1);
    }
    expect([...perArticle.values()]).toEqual([2, 2, 2, 2, 2, 2]);

    // Again with the same seed: the same people and the same articles each.
    const again = writeAssignments(rev.db, {
      annotators: ['anna', 'bo', 'cy'],
      share: { overlap: 2 },
      seed: 5,
      outDir: tempDir(),
    });
    expect(again.packs.map((p) => p.annotator.created)).toEqual([false, false, false]);
    expect(again.packs.map((p) => [...readPack(p.file).articles.keys()])).toEqual(
      packs.map((p) => [...p.articles.keys()]),
    );
    rev.close();
  });

  it('open-pack creates the annotator project with only their articles, the labels and guidelines, as them', () => {
    const rev = reviewerProject();
    const s = writeAssignments(rev.db, {
      annotators: ['anna', 'bo'],
      share: { double: 0.5 },
      seed: 1,
      outDir: tempDir(),
    });
    const anna = s.packs[0]!;
    const file = path.join(tempDir(), 'anna.spanwise');
    const opened = openAssignmentPack(file, anna.file);
    expect(opened).toMatchObject({
      created: true,
      articlesAdded: anna.articles,
      articlesExisting: 0,
      guidelinesUpdated: true,
    });
    const p = Project.open(file, { resourcesDir: RESOURCES });
    expect(p.handlers.getSession({}).annotator).toMatchObject({ uid: anna.annotator.uid, name: 'anna' });
    const texts = p.db
      .prepare('SELECT content_hash FROM articles ORDER BY id')
      .all()
      .map((r) => (r as { content_hash: string }).content_hash);
    expect(texts).toEqual([...readPack(anna.file).articles.keys()]);
    expect(p.handlers.listLabels({}).map((l) => [l.name, l.color, l.hotkey])).toEqual(
      rev.handlers.listLabels({}).map((l) => [l.name, l.color, l.hotkey]),
    );
    expect(p.handlers.getGuidelines({})).toBe('Mark every ACTOR.');
    p.close();
    // Opening it again changes nothing but reports the articles as there.
    expect(openAssignmentPack(file, anna.file)).toMatchObject({
      created: false,
      articlesAdded: 0,
      articlesExisting: anna.articles,
      labelsCreated: [],
      labelsUpdated: [],
      guidelinesUpdated: false,
    });
    rev.close();
  });

  it("open-pack updates an existing project: new articles added, the reviewer's colours and keys (even swapped)", () => {
    const rev = reviewerProject();
    const labels = rev.handlers.listLabels({});
    // The reviewer swaps the keys of the first two labels.
    rev.handlers.updateLabel({ id: labels[0]!.id, hotkey: null });
    rev.handlers.updateLabel({ id: labels[1]!.id, hotkey: '1' });
    rev.handlers.updateLabel({ id: labels[0]!.id, hotkey: '2' });
    const s = writeAssignments(rev.db, { annotators: ['anna'], share: { overlap: 1 }, seed: 0, outDir: tempDir() });
    const own = tempProject({ demo: true, annotator: 'anna' });
    const file = own.file;
    own.close();
    const r = openAssignmentPack(file, s.packs[0]!.file);
    expect(r).toMatchObject({ created: false, articlesAdded: 1, articlesExisting: 5, labelsCreated: ['WEAPON'] });
    expect(r.labelsUpdated).toEqual(['ACTOR', 'CLAIM']);
    const { db } = openDb(file);
    expect(listLabels(db).map((l) => [l.name, l.color, l.hotkey])).toEqual(
      listLabels(rev.db).map((l) => [l.name, l.color, l.hotkey]),
    );
    // The annotator is now the person the reviewer assigned (a new uid beside the old "anna").
    const current = Number(getSetting(db, 'current_annotator'));
    expect(db.prepare('SELECT uid, remote FROM annotators WHERE id = ?').get(current)).toEqual({
      uid: s.packs[0]!.annotator.uid,
      remote: 0,
    });
    db.close();
    rev.close();
  });

  it('open-pack refuses a work pack and a damaged pack without creating a file', () => {
    const rev = reviewerProject();
    const s = writeAssignments(rev.db, { annotators: ['anna'], share: { overlap: 1 }, seed: 0, outDir: tempDir() });
    const dir = tempDir();
    const work = path.join(dir, 'rev.swpack');
    writeWorkPack(rev.db, 'rev', work);
    const target = path.join(dir, 'new.spanwise');
    expect(() => openAssignmentPack(target, work)).toThrow(/is a work pack \(merge it\), not an assignment pack/);
    const lines = packLines(s.packs[0]!.file);
    fs.writeFileSync(path.join(dir, 'cut.swpack'), lines.slice(0, 3).join('\n'));
    expect(() => openAssignmentPack(target, path.join(dir, 'cut.swpack'))).toThrow(/truncated/);
    expect(fs.existsSync(target)).toBe(false);
    rev.close();
  });
});

describe('inbox', () => {
  it('merges every pack once, skips packs merged before and assignment packs, reports bad ones', () => {
    const rev = reviewerProject();
    const s = writeAssignments(rev.db, {
      annotators: ['anna', 'bo'],
      share: { overlap: 1 },
      seed: 3,
      outDir: tempDir(),
    });
    const inbox = tempDir();
    let later = '';
    for (const [i, a] of s.packs.entries()) {
      const file = path.join(tempDir(), `p${i}.spanwise`);
      openAssignmentPack(file, a.file);
      const p = Project.open(file, { resourcesDir: RESOURCES });
      const article = p.handlers.listArticles({ status: 'all', at: 0, limit: 1 }).items[0]!;
      p.handlers.createSpan({ articleId: article.id, labelId: p.handlers.listLabels({})[0]!.id, start: 0, end: 1 });
      const out = path.join(inbox, `${a.annotator.name}.swpack`);
      writeWorkPack(p.db, a.annotator.uid, out);
      // Each goes on working; a later pack is still being copied when the inbox is read.
      p.handlers.createSpan({ articleId: article.id, labelId: p.handlers.listLabels({})[1]!.id, start: 1, end: 2 });
      later = path.join(tempDir(), 'later.swpack');
      writeWorkPack(p.db, a.annotator.uid, later);
      p.close();
    }
    fs.copyFileSync(s.packs[0]!.file, path.join(inbox, 'assignment.swpack'));
    fs.writeFileSync(path.join(inbox, '.partial.swpack'), 'half');
    fs.writeFileSync(path.join(inbox, 'notes.txt'), 'not a pack');
    const cut = fs.readFileSync(later);
    fs.writeFileSync(path.join(inbox, 'syncing.swpack'), cut.subarray(0, cut.length - 10));

    const first = mergeInbox(rev.db, inbox);
    expect(first.merged.map((m) => [path.basename(m.file), m.spans.added])).toEqual([
      ['anna.swpack', 1],
      ['bo.swpack', 1],
    ]);
    expect(first.skipped.map((x) => [path.basename(x.file), x.reason])).toEqual([
      ['assignment.swpack', 'an assignment pack'],
    ]);
    expect(first.refused.map((x) => path.basename(x.file))).toEqual(['syncing.swpack']);
    expect(first.refused[0]!.message).toMatch(/syncing\.swpack: truncated/);
    for (const a of s.packs) expect(layer(rev.db, a.annotator.uid).spans).toHaveLength(1);

    // The half-copied pack arrives whole; everything else was merged before.
    fs.writeFileSync(path.join(inbox, 'syncing.swpack'), cut);
    const second = mergeInbox(rev.db, inbox);
    expect(second.merged.map((m) => [path.basename(m.file), m.spans])).toEqual([
      ['syncing.swpack', { added: 1, updated: 0, deleted: 0, unchanged: 1 }],
    ]);
    expect(second.skipped.map((x) => path.basename(x.file))).toEqual(['anna.swpack', 'assignment.swpack', 'bo.swpack']);
    expect(second.skipped[0]!.reason).toMatch(/^merged before/);
    const dir = path.dirname(rev.file);
    rev.close();
    const before = folderBytes(dir);
    const { db } = openDb(path.join(dir, path.basename(rev.file)));
    const third = mergeInbox(db, inbox);
    db.close();
    expect(third.merged).toEqual([]);
    expect(third.refused).toEqual([]);
    expectSameBytes(dir, before);
  });

  it('remembers a pack merged directly, and a re-sealed copy is a different pack', () => {
    const rev = reviewerProject();
    const inbox = tempDir();
    const file = path.join(inbox, 'rev.swpack');
    writeWorkPack(rev.db, 'rev', file);
    expect(mergeInbox(rev.db, inbox).merged).toHaveLength(1);
    expect(mergeInbox(rev.db, inbox).merged).toHaveLength(0);
    seal(
      path.join(inbox, 'copy.swpack'),
      packLines(file).map((l, i) =>
        i === 0 ? l.replace(/"createdAt":"[^"]+"/, '"createdAt":"2020-01-01T00:00:00.000Z"') : l,
      ),
    );
    expect(mergeInbox(rev.db, inbox).merged.map((m) => path.basename(m.file))).toEqual(['copy.swpack']);
    expect(() => mergeInbox(rev.db, path.join(inbox, 'missing'))).toThrow(/no inbox folder/);
    rev.close();
  });
});
