// Plain-text import: one article per file, folders recursively, UTF-8 with or without BOM,
// text kept verbatim; binary and non-UTF-8 files refused by name; content-hash identity.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatImportSummary } from '../../src/main/backend/importers';
import { tempDir } from './helpers';
import { articleRows, emptyProject, expectRefused, imp, snapshot, write } from './fixtures/io';

describe('plain text import', () => {
  it('keeps the text verbatim (CRLF, emoji, CJK, combining marks) and titles it by its first non-empty line', () => {
    const p = emptyProject();
    const dir = tempDir();
    const text = '\r\n  \r\nFirst line 😀 北京\r\nnaïve e\u0301 — done\r\n';
    const file = write(dir, 'one.txt', text);
    const s = imp(p.db, [file]);
    expect(s.articlesAdded).toBe(1);
    const [a] = articleRows(p);
    expect(a!.text).toBe(text);
    expect(a!.title).toBe('First line 😀 北京');
    expect(a!.source).toBe('one.txt');
    expect(a!.meta).toBe('{}');
    expect(s.files[0]!.format).toBe('txt');
  });

  it('drops a UTF-8 BOM and nothing else', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'bom.txt',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Title\nbody', 'utf8')]),
    );
    imp(p.db, [file]);
    expect(articleRows(p)[0]!.text).toBe('Title\nbody');
  });

  it('imports a 1 MB article whole', () => {
    const p = emptyProject();
    const para = 'Ministers met in Geneva 🇺🇦 on Monday; talks resumed. ';
    const text = para.repeat(Math.ceil(1_000_000 / para.length));
    const file = write(tempDir(), 'big.txt', text);
    imp(p.db, [file]);
    expect(articleRows(p)[0]!.text).toBe(text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_000_000);
  });

  it('skips an empty or blank file and says so', () => {
    const p = emptyProject();
    const dir = tempDir();
    const s = imp(p.db, [write(dir, 'empty.txt', ''), write(dir, 'blank.txt', ' \n\r\n ')]);
    expect(s.articlesAdded).toBe(0);
    expect(s.files[0]!.notes).toEqual(['1 × empty text file skipped']);
    expect(formatImportSummary(s)).toMatch(/empty text file skipped/);
  });

  it('reads folders recursively in name order, skipping hidden files and listing other file types', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'b.txt', 'Second');
    write(dir, 'a.txt', 'First');
    write(dir, 'sub/deeper/c.txt', 'Third');
    write(dir, '.hidden.txt', 'Hidden');
    write(dir, '.git/config.txt', 'Hidden folder');
    write(dir, 'notes.md', '# not an article');
    const s = imp(p.db, [dir]);
    expect(articleRows(p).map((a) => [a.title, a.source])).toEqual([
      ['First', 'a.txt'],
      ['Second', 'b.txt'],
      ['Third', 'sub/deeper/c.txt'],
    ]);
    expect(s.skippedFiles.map((f) => path.basename(f.path))).toEqual(['notes.md']);
    expect(formatImportSummary(s)).toMatch(/notes\.md: skipped, not an import file type/);
  });

  it('identifies articles by content: importing twice adds nothing, the same text from two files is one article', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'x.txt', 'Same story\nbody');
    write(dir, 'copy/x-again.txt', 'Same story\nbody');
    write(dir, 'y.txt', 'Other story');
    const first = imp(p.db, [dir]);
    expect(first.articlesAdded).toBe(2);
    expect(first.articlesExisting).toBe(1);
    const before = snapshot(p.db);
    const again = imp(p.db, [dir]);
    expect(again.articlesAdded).toBe(0);
    expect(again.articlesExisting).toBe(3);
    expect(snapshot(p.db)).toBe(before);
  });

  it('refuses a binary file by name and writes nothing', () => {
    const p = emptyProject();
    const dir = tempDir();
    write(dir, 'a.txt', 'A fine article');
    const bin = write(dir, 'b.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expectRefused(p.db, [dir], {}, bin, /binary file/);
  });

  it('refuses a file that is not valid UTF-8, naming the file, the line and the byte', () => {
    const p = emptyProject();
    const dir = tempDir();
    const file = write(dir, 'latin1.txt', Buffer.from('Caf\u00e9 line one\nna\u00efve line two\n', 'latin1'));
    const msg = expectRefused(p.db, [file], {}, `${file}:1`, /not valid UTF-8 \(byte 0xe9 at byte offset 3\)/);
    expect(msg).toMatch(/save the file as UTF-8/);
  });

  it('refuses a missing path', () => {
    const p = emptyProject();
    const missing = path.join(tempDir(), 'nope.txt');
    expectRefused(p.db, [missing], {}, missing, /no such file or folder/);
  });

  it('--status done with --as marks plain-text articles done for that layer', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'a.txt', 'Done already');
    const s = imp(p.db, [file], { as: 'reviewer', status: 'done' });
    expect(s.statusSet).toBe(1);
    const row = p.db
      .prepare('SELECT a.name, st.status FROM article_status st JOIN annotators a ON a.id = st.annotator_id')
      .get() as { name: string; status: string };
    expect(row).toEqual({ name: 'reviewer', status: 'done' });
  });

  it('--format txt reads a .json file as text', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'raw.json', '{"not": "parsed"}');
    imp(p.db, [file], { format: 'txt' });
    expect(articleRows(p)[0]!.text).toBe('{"not": "parsed"}');
    expect(fs.existsSync(file)).toBe(true);
  });
});
