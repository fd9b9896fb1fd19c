// Who the CLI acts as, and what it says when a path is wrong, through the real binary
// (bin/spanwise.js): open-pack never turns a reviewer into a merged annotator, review --as names
// an existing person or one new reviewer, and bad paths are refused by name, project unchanged.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureAnnotatorByUid } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { runOpenPack } from '../../src/main/backend/jobs/packs';
import { Project } from '../../src/main/backend/project';
import { AppError } from '../../src/shared/result';
import { expectSameBytes, folderBytes, RESOURCES, tempDir } from './helpers';
import { ok, SLOW, spanwise } from './fixtures/cli';
import { jsonl, write } from './fixtures/io';

function noStack(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/unexpected error|EISDIR|ENOENT|EEXIST|ENOTDIR/);
}

/** A reviewer's project with the demo articles and assignment packs for anna and bo. */
function assigned(): { dir: string; review: string; packs: Record<'anna' | 'bo', string> } {
  const dir = tempDir();
  const review = path.join(dir, 'review.spanwise');
  ok(['init', review, '--demo']);
  const out = path.join(dir, 'out');
  ok(['assign', review, '--annotators', 'anna,bo', '--out', out]);
  const [anna, bo] = fs.readdirSync(out).sort();
  return { dir, review, packs: { anna: path.join(out, anna!), bo: path.join(out, bo!) } };
}

/** Two articles done by the imported layers alice and bob; nobody is the project's annotator. */
function layered(): string {
  const file = path.join(tempDir(), 'review.spanwise');
  ok(['init', file]);
  const records = ['alice', 'bob'].flatMap((layer) => [
    {
      text: 'Kim met Putin in Moscow.',
      meta: { title: 'Kim' },
      layer,
      status: 'done',
      spans: [{ start: 8, end: 13, label: layer === 'alice' ? 'ACTOR' : 'CLAIM' }],
    },
    {
      text: 'Seoul said nothing.',
      meta: { title: 'Seoul' },
      layer,
      status: 'done',
      spans: [{ start: 0, end: 5, label: 'LOCATION' }],
    },
  ]);
  ok(['import', file, write(tempDir(), 'layers.jsonl', jsonl(records)), '-q']);
  return file;
}

function people(file: string): { name: string; uid: string }[] {
  const p = Project.open(file, { resourcesDir: RESOURCES });
  try {
    return p.handlers.listAnnotators({}).map((a) => ({ name: a.name, uid: a.uid }));
  } finally {
    p.close();
  }
}

describe('spanwise open-pack on a project where the pack’s person is merged in', () => {
  it(
    'is refused, project unchanged byte for byte; the person’s own project still updates',
    () => {
      const { dir, review, packs } = assigned();
      ok(['open-pack', path.join(dir, 'bo.spanwise'), packs.bo]);
      const before = folderBytes(dir);
      const r = spanwise(['open-pack', review, packs.bo]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `spanwise: review.spanwise: bo's work is merged here as a layer; open the pack in a project of bo's own ` +
          `(e.g. spanwise open-pack bo.spanwise ${path.basename(packs.bo)})\n`,
      );
      expect(r.stdout).toBe('');
      expectSameBytes(dir, before);
      expect(ok(['open-pack', path.join(dir, 'bo.spanwise'), packs.bo])).toMatch(/^Updated bo\.spanwise for bo /);

      // The app's open-pack job runs the same code: the same refusal, nothing written.
      let thrown: unknown;
      try {
        runOpenPack(
          { kind: 'open-pack', projectFile: review, pack: packs.anna },
          { onProgress: () => undefined, shouldCancel: () => false },
        );
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).message).toMatch(/^review\.spanwise: anna's work is merged here as a layer;/);
      expectSameBytes(dir, before);
    },
    SLOW,
  );
});

describe('spanwise review --as', () => {
  it(
    'names an existing person (no second one of that name), or makes one new reviewer and says so',
    () => {
      const db = layered();
      const asAlice = ok(['review', db, '--auto', '--as', 'alice']);
      expect(asAlice).toMatch(/^Merge policy \(unanimous\) over 2 articles: 1 decision recorded as alice /);
      expect(people(db).filter((a) => a.name === 'alice')).toHaveLength(1);

      const asRita = ok(['review', db, '--auto', '--as', 'rita']);
      const rita = people(db).filter((a) => a.name === 'rita');
      expect(rita).toHaveLength(1);
      expect(asRita).toMatch(new RegExp(`^New reviewer rita \\(${rita[0]!.uid}\\)\\.\\nMerge policy `));
      expect(ok(['review', db, '--auto', '--as', 'rita'])).toMatch(/^Merge policy /);
      expect(people(db).filter((a) => a.name === 'rita')).toHaveLength(1);

      // --adjudicate writes too: --as goes with it.
      expect(ok(['review', db, '--adjudicate', '--as', 'rita'])).toMatch(/^Marked 1 article adjudicated/);
      const listing = spanwise(['review', db, '--as', 'rita']);
      expect(listing.status).toBe(2);
      expect(listing.stderr).toMatch(/^spanwise review: --as applies with --auto or --adjudicate \(listing records/);
    },
    SLOW,
  );

  it(
    'refuses a name two people share (listing their short ids) and no --as without an annotator',
    () => {
      const db = layered();
      const p = Project.open(db, { resourcesDir: RESOURCES });
      const [first, second] = writeTransaction(p.db, (w) => [
        ensureAnnotatorByUid(w, randomUUID(), 'anna', true).annotator,
        ensureAnnotatorByUid(w, randomUUID(), 'anna', true).annotator,
      ]);
      p.close();
      const dir = path.dirname(db);
      const before = folderBytes(dir);
      const twice = spanwise(['review', db, '--auto', '--as', 'anna']);
      expect(twice.status).toBe(1);
      const short = (uid: string) => uid.replace(/-/g, '').slice(0, 6);
      expect(twice.stderr).toBe(
        `spanwise: 2 annotators are named "anna": anna (${short(first.uid)}), anna (${short(second.uid)}); name one by its id\n`,
      );
      expectSameBytes(dir, before);
      expect(ok(['review', db, '--auto', '--as', short(second.uid)])).toMatch(/ recorded as anna /);
      expect(people(db).filter((a) => a.name === 'anna')).toHaveLength(2);

      const nobody = spanwise(['review', db, '--auto']);
      expect(nobody.status).toBe(2);
      expect(nobody.stderr).toMatch(/^spanwise review: .*give --as NAME/);
      expect(people(db).map((a) => a.name)).not.toContain('reviewer');
    },
    SLOW,
  );
});

describe('bad paths for the pack commands', () => {
  it(
    'are refused naming the path in plain words, exit 1, project unchanged',
    () => {
      const { dir, review } = assigned();
      const folder = path.join(dir, 'some-folder');
      fs.mkdirSync(folder);
      const file = path.join(dir, 'r6.spanwise');
      fs.writeFileSync(file, 'not a folder');
      const before = folderBytes(dir);
      for (const [args, message] of [
        [['merge', review, folder], `spanwise: ${folder}: is a folder, not a pack\n`],
        [
          ['merge', review, path.join(dir, 'missing.swpack')],
          `spanwise: ${path.join(dir, 'missing.swpack')}: no such file\n`,
        ],
        [
          ['open-pack', path.join(dir, 'x.spanwise'), path.join(dir, 'missing.swpack')],
          /missing\.swpack: no such file\n$/,
        ],
        [
          ['pack', review, '--annotator', 'anna', '--out', folder],
          `spanwise: ${folder}: is a folder; the pack needs a file name\n`,
        ],
        [
          ['assign', review, '--annotators', 'anna,cy', '--out', file],
          `spanwise: ${file}: exists and is not a folder; the packs need a folder\n`,
        ],
        [
          ['assign', review, '--annotators', 'anna', '--out', path.join(file, 'sub')],
          /r6\.spanwise: exists and is not a folder/,
        ],
      ] as const) {
        const r = spanwise([...args]);
        expect(r.status, args.join(' ')).toBe(1);
        if (typeof message === 'string') expect(r.stderr).toBe(message);
        else expect(r.stderr).toMatch(message);
        noStack(r.stderr);
      }
      expectSameBytes(dir, before);
      expect(fs.readdirSync(folder)).toEqual([]);
      expect(people(review).map((a) => a.name)).toEqual(['anna', 'bo']);
    },
    SLOW,
  );
});

describe('spanwise merge --inbox', () => {
  it(
    'names merged and skipped packs the same way',
    () => {
      const { dir, review, packs } = assigned();
      const boDb = path.join(dir, 'bo.spanwise');
      ok(['open-pack', boDb, packs.bo]);
      const inbox = path.join(dir, 'inbox');
      ok(['pack', boDb, '--out', path.join(inbox, 'bo.swpack')]);
      fs.copyFileSync(packs.anna, path.join(inbox, 'anna.swpack'));
      const first = ok(['merge', review, '--inbox', inbox]);
      expect(first).toMatch(new RegExp(`^${path.join(inbox, 'bo.swpack')}: bo `, 'm'));
      expect(first).toMatch(new RegExp(`^${path.join(inbox, 'anna.swpack')}: skipped, an assignment pack$`, 'm'));
      const again = ok(['merge', review, '--inbox', inbox]);
      expect(again).toMatch(new RegExp(`^${path.join(inbox, 'bo.swpack')}: skipped, merged before`, 'm'));
    },
    SLOW,
  );
});
