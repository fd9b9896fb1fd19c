// Which files an import may read when the caller is the (untrusted) renderer: only what the
// user granted — a file or folder chosen in main's open dialog, or dropped on the window. A
// granted folder grants what is under it. Paths are compared as the kernel resolves them
// (real paths: symlinks and `..` followed), so neither `granted/../../.ssh/id_rsa` nor a
// symlink inside a granted folder that points outside it gets through.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';

function realPath(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

export class PathGrants {
  /** Real path → whether it is a folder (which grants everything under it). */
  private readonly granted = new Map<string, boolean>();

  /** Records a path the user chose; one that does not exist grants nothing. */
  grant(p: string): void {
    if (typeof p !== 'string' || p === '' || !path.isAbsolute(p)) return;
    const real = realPath(p);
    if (real === null) return;
    let folder = false;
    try {
      folder = fs.statSync(real).isDirectory();
    } catch {
      return;
    }
    this.granted.set(real, folder);
  }

  /** The real path of `p` when the user granted it (or a folder above it), else null. */
  resolve(p: string): string | null {
    const real = realPath(p);
    if (real === null) return null;
    if (this.granted.has(real)) return real;
    for (const [g, folder] of this.granted) if (folder && isInside(g, real)) return real;
    return null;
  }

  /** The real paths to read, or FORBIDDEN naming the first path the user did not grant. */
  check(paths: readonly string[]): string[] {
    return paths.map((p) => {
      const real = this.resolve(p);
      if (real === null) {
        throw new AppError(
          'FORBIDDEN',
          `${p} was not chosen in the import dialog or dropped on the window: only those files and folders can be imported`,
        );
      }
      return real;
    });
  }
}
