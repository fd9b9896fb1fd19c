// Output for folder formats (brat): files written under `<out>.partial/`, renamed to `<out>`
// when complete, so that a failed or cancelled export leaves nothing behind. `<out>` must be
// new or an empty folder: an export never mixes its files with others.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { OutFile } from './formats';

/** Refuses an output that is stdout, a file, or a folder with something in it. */
export function assertFolderTarget(out: string, format: string): void {
  if (out === '-') throw new AppError('BAD_INPUT', `${format} writes a folder of files: give --out a folder, not -`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(out);
  } catch {
    return;
  }
  if (!stat.isDirectory()) {
    throw new AppError('BAD_INPUT', `${format} writes a folder of files, and ${out} is a file: choose a new folder`);
  }
  if (fs.readdirSync(out).length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `${format} writes a folder of files, and ${out} is not empty: choose a new or empty folder`,
    );
  }
}

export class FolderSink {
  private readonly tmp: string;
  bytes = 0;

  constructor(readonly folder: string) {
    this.tmp = `${folder}.partial`;
    fs.rmSync(this.tmp, { recursive: true, force: true });
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  write(files: readonly OutFile[]): void {
    for (const f of files) {
      const file = path.join(this.tmp, ...f.path.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const data = Buffer.from(f.text, 'utf8');
      fs.writeFileSync(file, data);
      this.bytes += data.length;
    }
  }

  close(): void {
    if (fs.existsSync(this.folder)) fs.rmdirSync(this.folder);
    fs.renameSync(this.tmp, this.folder);
  }

  abort(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
