// Real files other tools ship, vendored verbatim in tests/fixtures/interop (see its README).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatImportSummary } from '../../src/main/backend/importers';
import { INTEROP, emptyProject, exportText, imp, lines, snapshot } from './fixtures/io';

const SEQ = path.join(INTEROP, 'doccano-sequence-labeling-export-example.jsonl');
const REL = path.join(INTEROP, 'doccano-relation-extraction-import-example.jsonl');

describe('interop files from other tools', () => {
  it('are in the repository (tests/fixtures/interop)', () => {
    expect(fs.existsSync(SEQ), `missing ${SEQ}`).toBe(true);
    expect(fs.existsSync(REL), `missing ${REL}`).toBe(true);
  });

  it("doccano's sequence-labeling export example imports with every span on its words", async () => {
    const p = emptyProject();
    const s = imp(p.db, [SEQ], { as: 'doccano' });
    expect(s.files[0]).toMatchObject({ format: 'doccano', records: 3, articlesAdded: 3, spansAdded: 4 });
    expect(s.labelsCreated).toEqual(['ORG', 'MISC', 'PERSON']);
    const out = lines(await exportText(p.db, { layer: 'doccano' }));
    expect(
      out.map((l) => (l['spans'] as { text: string; label: string }[]).map((x) => `${x.label}:${x.text}`)),
    ).toEqual([['ORG:EU', 'MISC:German'], ['PERSON:Peter Blackburn'], ['PERSON:Obama']]);
  });

  it("doccano's relation-extraction example (one pretty-printed object after a blank line) imports its entities and says what it did", () => {
    const p = emptyProject();
    const s = imp(p.db, [REL], { as: 'doccano' });
    const f = s.files[0]!;
    expect(f).toMatchObject({ format: 'doccano', records: 1, articlesAdded: 1, spansAdded: 4 });
    expect(f.notes).toEqual([
      '3 × relations ignored (Spanwise has no relation layer)',
      '1 × records spread over several lines (pretty-printed JSON rather than one object per line), read whole',
    ]);
    const text = (p.db.prepare('SELECT text FROM articles').get() as { text: string }).text;
    const got = (
      p.db.prepare('SELECT start_offset AS s, end_offset AS e FROM spans ORDER BY s').all() as {
        s: number;
        e: number;
      }[]
    ).map((r) => text.slice(r.s, r.e));
    expect(got).toEqual(['Google', 'September 4, 1998', 'Larry Page', 'Sergey Brin']);
    expect(formatImportSummary(s)).toMatch(/3 × relations ignored/);
  });

  it('without --as the doccano files are refused with file:line (the record starts on line 2 after the blank line)', () => {
    const p = emptyProject();
    const before = snapshot(p.db);
    expect(() => imp(p.db, [REL])).toThrow(`${REL}:2: 4 span(s) but no annotator layer`);
    expect(snapshot(p.db)).toBe(before);
  });

  it('the whole folder imports in one go (README.md is listed as skipped, not imported)', () => {
    const p = emptyProject();
    const s = imp(p.db, [INTEROP], { as: 'doccano' });
    expect(s.articlesAdded).toBe(4);
    expect(s.skippedFiles.map((f) => path.basename(f.path))).toEqual(['README.md']);
  });
});
