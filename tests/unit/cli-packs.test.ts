// The real `spanwise` binary for the review exchange: assign → open-pack → (annotate through
// the backend) → pack → merge, the inbox, and exit codes 0 / 1 (refused) / 2 (usage).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../src/main/backend/project';
import { expectSameBytes, folderBytes, RESOURCES, tempDir } from './helpers';
import { ok, spanwise } from './fixtures/cli';
import { layer } from './fixtures/packs';

/** Annotates the first `n` articles: one ACTOR span each (in progress), the first marked done. */
function annotate(file: string, n: number): { uid: string; spans: number } {
  const p = Project.open(file, { resourcesDir: RESOURCES });
  const actor = p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!.id;
  const items = p.handlers.listArticles({ status: 'all', at: 0, limit: 100 }).items.slice(0, n);
  for (const a of items) p.handlers.createSpan({ articleId: a.id, labelId: actor, start: 0, end: 3 });
  p.handlers.setStatus({ articleId: items[0]!.id, status: 'done' });
  const uid = p.handlers.getSession({}).annotator!.uid;
  p.close();
  return { uid, spans: items.length };
}

// Each case spawns the binary several times (tsx compiles on start): seconds, not milliseconds.
describe('spanwise assign / open-pack / pack / merge', { timeout: 120_000 }, () => {
  it('help on every pack command, exit 0; listed in the main help', () => {
    for (const cmd of ['assign', 'open-pack', 'pack', 'merge']) {
      const r = spanwise([cmd, '--help']);
      expect(r.status, cmd).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: spanwise ${cmd} `));
    }
    expect(spanwise(['--help']).stdout).toMatch(/\n {2}assign .*\n {2}open-pack .*\n {2}pack .*\n {2}merge /);
  });

  it('the whole round: assign, open-pack, annotate, pack, merge (twice), inbox', () => {
    const dir = tempDir();
    const review = path.join(dir, 'review.spanwise');
    ok(['init', review, '--demo']);
    const assigned = ok([
      'assign',
      review,
      '--annotators',
      'anna,bo',
      '--overlap',
      '2',
      '--seed',
      '9',
      '--out',
      path.join(dir, 'out'),
    ]);
    expect(assigned).toMatch(/^Assigned 5 article\(s\):\n {2}anna \([0-9a-f-]{36}\) \[new\]: 5 article\(s\)/);
    const packs = fs.readdirSync(path.join(dir, 'out')).sort();
    expect(packs).toHaveLength(2);
    expect(packs[0]).toMatch(/^anna-[0-9a-f]{6}\.swpack$/);

    const annaDb = path.join(dir, 'anna', 'anna.spanwise');
    expect(ok(['open-pack', annaDb, path.join(dir, 'out', packs[0]!)])).toMatch(
      /^Created anna\.spanwise for anna .*\n {2}articles: 5 added, 0 already there/,
    );
    const anna = annotate(annaDb, 3);
    const annaPack = path.join(dir, 'inbox', 'anna.swpack');
    expect(ok(['pack', annaDb, '--out', annaPack])).toMatch(/anna .*, 3 span\(s\), 3 status\(es\), 3 article\(s\)\./);

    expect(ok(['merge', review, annaPack])).toMatch(
      /anna\.swpack: anna \([0-9a-f-]{36}\)\n {2}spans: 3 added, 0 updated, 0 deleted, 0 unchanged\n {2}articles added: 0; statuses changed: 3\n {2}labels created: none/,
    );
    expect(ok(['merge', review, annaPack])).toMatch(/spans: 0 added, 0 updated, 0 deleted, 3 unchanged/);

    const boDb = path.join(dir, 'bo.spanwise');
    ok(['open-pack', boDb, path.join(dir, 'out', packs[1]!)]);
    const bo = annotate(boDb, 2);
    ok(['pack', boDb, '--annotator', 'bo', '--out', path.join(dir, 'inbox', 'bo.swpack')]);
    const inbox = ok(['merge', review, '--inbox', path.join(dir, 'inbox')]);
    expect(inbox).toMatch(/bo\.swpack: bo .*\n {2}spans: 2 added/);
    expect(inbox).toMatch(/anna\.swpack: skipped, merged before/);
    expect(inbox).toMatch(/Inbox: 1 merged, 1 skipped, 0 refused\./);

    const p = Project.open(review, { resourcesDir: RESOURCES });
    expect(layer(p.db, anna.uid).spans).toHaveLength(anna.spans);
    expect(layer(p.db, bo.uid).spans).toHaveLength(bo.spans);
    expect(p.handlers.listAnnotators({}).map((a) => a.name)).toEqual(['anna', 'bo']);
    p.close();
  });

  it('refusals exit 1 with the file named, and leave the project file unchanged', () => {
    const dir = tempDir();
    const review = path.join(dir, 'review.spanwise');
    ok(['init', review, '--demo']);
    const out = path.join(tempDir(), 'out');
    ok(['assign', review, '--annotators', 'anna', '--out', out]);
    const assignment = path.join(out, fs.readdirSync(out)[0]!);
    const tampered = path.join(tempDir(), 'tampered.swpack');
    fs.writeFileSync(tampered, fs.readFileSync(assignment, 'utf8').replace('"kind":"assignment"', '"kind":"work"'));
    const before = folderBytes(dir);
    for (const [pack, message] of [
      [assignment, /is an assignment pack \(open it with open-pack\)/],
      [tampered, /tampered\.swpack: checksum mismatch/],
      [path.join(dir, 'missing.swpack'), /missing\.swpack/],
    ] as const) {
      const r = spanwise(['merge', review, pack]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expectSameBytes(dir, before);
    const inboxDir = tempDir();
    fs.copyFileSync(tampered, path.join(inboxDir, 'bad.swpack'));
    const r = spanwise(['merge', review, '--inbox', inboxDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.swpack: checksum mismatch/);
    expect(r.stdout).toMatch(/Inbox: 0 merged, 0 skipped, 1 refused\./);
    const noProject = spanwise(['pack', path.join(dir, 'none.spanwise'), '--out', 'x.swpack']);
    expect(noProject.status).toBe(1);
    expect(noProject.stderr).toMatch(/no project at/);
  });

  it('usage errors exit 2', () => {
    for (const [args, message] of [
      [['merge', 'p.db'], /missing <pack\.\.\.> \(or --inbox DIR\)/],
      [['merge', 'p.db', 'a.swpack', '--inbox', 'dir'], /not both/],
      [['pack', 'p.db'], /missing --out FILE/],
      [['assign', 'p.db', '--out', 'd'], /missing --annotators/],
      [['assign', 'p.db', '--annotators', 'a', '--out', 'd', '--overlap', '2', '--double', '0.2'], /not both/],
      [['assign', 'p.db', '--annotators', 'a', '--out', 'd', '--seed', 'x'], /--seed must be an integer/],
      [['open-pack', 'p.db'], /missing <assignment-pack>/],
    ] as const) {
      const r = spanwise([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
