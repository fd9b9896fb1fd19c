// An export never writes over the project it reads: the output path (or a split file in the
// output folder, or the .partial file beside it) is refused when it is the project file or
// one of SQLite's -wal/-shm/-journal files, however it is spelled (symlinks, `..`, hard links).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src/shared/jobs';
import { exportProject } from '../../src/main/backend/exporters';
import { Project } from '../../src/main/backend/project';
import { RESOURCES, tempDir } from './helpers';
import { snapshot } from './fixtures/io';

const OPTIONS: ExportOptions = { format: 'spans', layer: 'all', only: 'all', offsets: 'codepoint', seed: 0 };

function project(name = 'p.spanwise'): Project {
  const p = Project.open(path.join(tempDir(), name), { resourcesDir: RESOURCES, demo: true });
  p.setAnnotator('ana');
  return p;
}

/** Expects the export to `out` to be refused naming the path, with nothing written anywhere. */
async function expectRefused(p: Project, out: string, options: Partial<ExportOptions> = {}): Promise<string> {
  const before = snapshot(p.db);
  const bytes = fs.readFileSync(p.file);
  const listing = fs.readdirSync(path.dirname(p.file)).sort();
  let error: { code?: string; message: string } | null = null;
  try {
    await exportProject(p.db, out, { ...OPTIONS, ...options });
  } catch (err) {
    error = err as { code?: string; message: string };
  }
  expect(error, `export to ${out} should have been refused`).not.toBeNull();
  expect(error!.code).toBe('BAD_INPUT');
  expect(error!.message).toContain(`refusing to export to ${out}`);
  expect(error!.message).toContain(p.file);
  expect(fs.readFileSync(p.file).equals(bytes)).toBe(true);
  expect(fs.readdirSync(path.dirname(p.file)).sort()).toEqual(listing);
  expect(snapshot(p.db)).toBe(before);
  expect(p.db.inTransaction).toBe(false);
  return error!.message;
}

describe('export refuses to write over the project', () => {
  it('the project file itself, also spelled with `..`', async () => {
    const p = project();
    const message = await expectRefused(p, p.file);
    expect(message).toBe(
      `refusing to export to ${p.file}: that is the project file ${p.file}; choose another output path`,
    );
    const dir = path.dirname(p.file);
    await expectRefused(p, `${dir}/sub/../p.spanwise`); // sub does not exist: the export would make it
  });

  it("the project's -wal, -shm and -journal files, whether they exist now or not", async () => {
    const p = project();
    expect(fs.existsSync(`${p.file}-wal`)).toBe(true);
    expect(await expectRefused(p, `${p.file}-wal`)).toContain(`the project's wal file ${p.file}-wal`);
    await expectRefused(p, `${p.file}-shm`);
    await expectRefused(p, `${p.file}-journal`);
  });

  it('a symlink to the project, and a path whose `..` follows a symlinked folder', async () => {
    const p = project();
    const other = tempDir();
    const link = path.join(other, 'link.jsonl');
    fs.symlinkSync(p.file, link);
    await expectRefused(p, link);
    // <other>/dirlink -> <project dir>/deep/inner: the kernel reads dirlink/../.. as the project's
    // folder, though lexically it is the parent of <other>.
    const inner = path.join(path.dirname(p.file), 'deep', 'inner');
    fs.mkdirSync(inner, { recursive: true });
    fs.symlinkSync(inner, path.join(other, 'dirlink'));
    const sneaky = path.join(other, 'dirlink') + '/../../p.spanwise';
    expect(path.resolve(sneaky)).not.toBe(p.file);
    await expectRefused(p, sneaky);
  });

  it('a hard link to the project', async () => {
    const p = project();
    const hard = path.join(tempDir(), 'hard.jsonl');
    fs.linkSync(p.file, hard);
    await expectRefused(p, hard);
  });

  it('a split file in the output folder that is a link to the project', async () => {
    const p = project();
    const out = path.join(tempDir(), 'splits');
    fs.mkdirSync(out);
    fs.symlinkSync(p.file, path.join(out, 'dev.jsonl'));
    const message = await expectRefused(p, out, { split: [0.8, 0.1, 0.1], seed: 1 });
    expect(message).toContain(`refusing to export to ${path.join(out, 'dev.jsonl')}`);
    expect(fs.readdirSync(out)).toEqual(['dev.jsonl']);
  });

  it('an output whose temporary .partial file would be the project', async () => {
    const p = project('out.jsonl.partial');
    const out = path.join(path.dirname(p.file), 'out.jsonl');
    const message = await expectRefused(p, out);
    expect(message).toContain(`through its temporary file ${out}.partial`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('still writes beside the project under another name', async () => {
    const p = project();
    const out = `${p.file}.jsonl`;
    const summary = await exportProject(p.db, out, OPTIONS);
    expect(summary.articles).toBe(5);
    expect(fs.existsSync(out)).toBe(true);
  });
});
