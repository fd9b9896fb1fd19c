// Which layer imported spans go to: what the user types (--as) wins over what the file implies;
// one --as over a file of several annotators is refused with their names unless --as maps
// them (7=bob,12=carol); the summary says which name was used and where it came from.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/main/backend/project';
import { formatImportSummary } from '../../src/main/backend/importers';
import { tempDir } from './helpers';
import { emptyProject, expectRefused, exportText, imp, jsonl, lines, snapshot, write } from './fixtures/io';

const TEXT = 'EU rejects German call to boycott British lamb.';

/** A Label Studio task annotated by the given user ids (completed_by as Label Studio writes it). */
function task(...users: number[]) {
  return {
    id: 1,
    data: { text: TEXT },
    annotations: users.map((u, i) => ({
      id: 100 + i,
      completed_by: u,
      result: [
        {
          id: `r${i}`,
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          value: { start: 0, end: 2, text: 'EU', labels: ['ORG'] },
        },
      ],
    })),
  };
}

function lsFile(...tasks: unknown[]): string {
  // Label Studio's export: a JSON array, one task per line here so that lines tell tasks apart.
  return write(tempDir(), 'project-7.json', `[\n${tasks.map((t) => JSON.stringify(t)).join(',\n')}\n]\n`);
}

function layers(p: Project): string[] {
  return (
    p.db
      .prepare(
        `SELECT an.name, count(s.id) AS n FROM annotators an LEFT JOIN spans s ON s.annotator_id = an.id
          GROUP BY an.id ORDER BY an.name`,
      )
      .all() as { name: string; n: number }[]
  ).map((r) => `${r.name}:${r.n}`);
}

describe('--as', () => {
  it('wins over the annotator the file names, and the summary says where the name came from', async () => {
    const p = emptyProject();
    const s = imp(p.db, [lsFile(task(7))], { as: 'bob' });
    expect(layers(p)).toEqual(['bob:1']);
    expect(formatImportSummary(s)).toContain(
      "Layer bob (new annotator): 1 span on 1 article; name from --as, over the file's label-studio-user-7 (completed_by 7).",
    );
    const out = lines(await exportText(p.db, { layer: 'bob' }));
    expect(out[0]!['spans']).toEqual([{ start: 0, end: 2, label: 'ORG', text: 'EU' }]);
  });

  it('without --as the file’s names are kept, and said to come from the file', () => {
    const p = emptyProject();
    const s = imp(p.db, [lsFile(task(7))]);
    expect(s.layers).toEqual([
      { name: 'label-studio-user-7', created: true, spans: 1, articles: 1, from: 'the file (completed_by 7)' },
    ]);
  });

  it('refuses one --as over a file that names several annotators, listing them, and changes nothing', () => {
    const p = emptyProject();
    const file = lsFile(task(7), { ...task(12), id: 2, data: { text: 'EU farm ministers met.' } });
    const message = expectRefused(
      p.db,
      [file],
      { as: 'bob' },
      `${file}:3`,
      /holds 2 annotators \(label-studio-user-7, label-studio-user-12\), and one --as bob would merge them/,
    );
    expect(message).toContain('name each with --as 7=NAME,12=NAME');
  });

  it('maps the file’s annotators one by one (by Label Studio user id, or by the layer name)', () => {
    const p = emptyProject();
    const s = imp(p.db, [lsFile(task(7, 12))], { as: '7=bob, label-studio-user-12=carol' });
    expect(layers(p)).toEqual(['bob:1', 'carol:1']);
    expect(s.layers.map((l) => [l.name, l.from])).toEqual([
      ['bob', "--as 7=bob, the file's label-studio-user-7 (completed_by 7)"],
      ['carol', "--as label-studio-user-12=carol, the file's label-studio-user-12 (completed_by 12)"],
    ]);
  });

  it('a map may leave some annotators their own names; a key no file names is refused as a likely typo', () => {
    const p = emptyProject();
    imp(p.db, [lsFile(task(7, 12))], { as: '7=bob' });
    expect(layers(p)).toEqual(['bob:1', 'label-studio-user-12:1']);
    const q = emptyProject();
    const before = snapshot(q.db);
    expect(() => imp(q.db, [lsFile(task(7, 12))], { as: '7=bob,13=dan' })).toThrow(
      '--as 7=bob,13=dan: no imported file names "13" (the files name label-studio-user-7, label-studio-user-12)',
    );
    expect(snapshot(q.db)).toBe(before);
  });

  it('refuses a malformed map', () => {
    const p = emptyProject();
    expect(() => imp(p.db, [lsFile(task(7))], { as: '7=bob,12' })).toThrow(
      '--as "7=bob,12": "12" is not KEY=NAME (write --as 7=bob,12=carol)',
    );
    expect(() => imp(p.db, [lsFile(task(7))], { as: '7=bob,7=carol' })).toThrow('--as maps "7" twice');
  });

  it('applies to every format that names layers: Prodigy sessions, Spanwise layers', () => {
    const p = emptyProject();
    const dir = tempDir();
    const prodigy = write(
      dir,
      'ner.jsonl',
      jsonl([{ text: TEXT, spans: [{ start: 0, end: 2, label: 'ORG' }], answer: 'accept', _session_id: 'news-alice' }]),
    );
    const spans = write(
      dir,
      'spans.jsonl',
      jsonl([{ text: 'Peter Blackburn', spans: [{ start: 0, end: 15, label: 'PER' }], layer: 'ana' }]),
    );
    const s = imp(p.db, [prodigy, spans], { as: 'news-alice=alice,ana=anna' });
    expect(layers(p)).toEqual(['alice:1', 'anna:1']);
    expect(s.layers.map((l) => l.from)).toEqual([
      "--as news-alice=alice, the file's news-alice (_session_id)",
      "--as ana=anna, the file's ana (layer)",
    ]);
  });

  it('names the layer of files that name none, and says so', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'd.jsonl', jsonl([{ text: TEXT, label: [[0, 2, 'ORG']] }]));
    const s = imp(p.db, [file], { as: 'doc' });
    expect(formatImportSummary(s)).toContain('Layer doc (new annotator): 1 span on 1 article; name from --as.');
  });
});

describe('the default layer (the app: the current annotator)', () => {
  it('takes the spans a file attributes to nobody, and never renames the annotators a file names', () => {
    const p = emptyProject();
    const doccano = write(
      tempDir(),
      'doccano.jsonl',
      jsonl([{ text: 'Moscow and Kyiv.', label: [[0, 6, 'LOCATION']] }]),
    );
    const s = imp(p.db, [doccano, lsFile(task(7))], { defaultLayer: 'ana' });
    expect(layers(p)).toEqual(['ana:1', 'label-studio-user-7:1']);
    expect(formatImportSummary(s)).toContain('name from the default layer');
  });

  it('with --as as well, --as wins', () => {
    const p = emptyProject();
    imp(p.db, [lsFile(task(7))], { defaultLayer: 'ana', as: 'bob' });
    expect(layers(p)).toEqual(['bob:1']);
  });
});
