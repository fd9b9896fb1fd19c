// Reading import files: UTF-8 (a BOM is dropped), refused when binary or not valid UTF-8,
// read in chunks so that memory stays flat whatever the file size. Only regular files are
// opened: a FIFO would block the import forever, a device would never end.
import fs from 'node:fs';
import { ImportError } from './errors';

const CHUNK = 1 << 20;
/** Like git: a NUL byte in the first 8000 bytes means binary. */
const SNIFF = 8000;

export function looksBinary(head: Buffer): boolean {
  return head.subarray(0, SNIFF).includes(0);
}

/** Byte offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** What a file-system entry is, for messages: "a FIFO (named pipe)", "a folder"… */
export function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'a regular file';
}

/**
 * Opens a file for reading only if it is a regular file. The open does not block (a FIFO
 * would wait for a writer forever); what was opened is checked, so a file swapped for a pipe
 * after it was listed is refused too.
 */
export function openRegular(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fileError(file, err);
  }
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new ImportError(file, null, `is ${kindOf(stat)}, not a regular file: Spanwise reads only files and folders`);
  }
  return fd;
}

/** A file that cannot be opened or listed, said in words (the cause, and the path). */
export function fileError(file: string, err: unknown): ImportError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const why: Record<string, string> = {
    ENOENT: 'no such file or folder',
    ELOOP: 'is a symbolic link loop (too many levels of symbolic links)',
    EACCES: 'cannot be read: permission denied',
    EPERM: 'cannot be read: permission denied',
    ENOTDIR: 'no such file or folder (a part of the path is not a folder)',
    ENAMETOOLONG: 'the path is too long',
    EISDIR: 'is a folder, not a file',
  };
  const what = (code && why[code]) ?? `cannot be read (${err instanceof Error ? err.message : String(err)})`;
  return new ImportError(file, null, what);
}

/**
 * A read buffer for an open file: a chunk, or the file's size when it is smaller (a folder of
 * small files would otherwise allocate a megabyte per file).
 */
export function chunkFor(fd: number): Buffer {
  return Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, fs.fstatSync(fd).size + 1)));
}

/** The whole file as bytes, from a regular file only. */
export function readRegular(file: string): Buffer {
  const fd = openRegular(file);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where a file stops being UTF-8: the first bad byte, its offset and its line. Read again
 * from the start in chunks (an error path: the line must be right even when the bad byte
 * sits at a chunk's edge or a decoder has consumed bytes past it).
 */
export function locateInvalidUtf8(file: string): { offset: number; byte: number; line: number } | null {
  const fd = openRegular(file);
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    let base = 0; // file offset of carry[0]
    let line = 1;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK, base + carry.length);
      const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      const at = firstInvalidUtf8(buf);
      // A sequence cut by the chunk's end is read again with the next chunk.
      const cut = at !== -1 && n > 0 && buf.length - at < 4 && isTruncatedSequence(buf, at);
      const good = at === -1 ? buf.length : at;
      for (let i = 0; i < good; i++) if (buf[i] === 0x0a) line++;
      if (at !== -1 && !cut) return { offset: base + at, byte: buf[at]!, line };
      if (n === 0) return null;
      carry = Buffer.from(buf.subarray(good));
      base += good;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes from `at` are a valid start of a multi-byte sequence that the buffer cuts short. */
function isTruncatedSequence(buf: Buffer, at: number): boolean {
  const b = buf[at]!;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  if (need === 0 || at + need < buf.length) return false;
  for (let k = at + 1; k < buf.length; k++) if ((buf[k]! & 0xc0) !== 0x80) return false;
  return true;
}

/** The refusal of a file that is not UTF-8, naming the line and byte offset of the first bad byte. */
export function invalidUtf8Error(file: string): ImportError {
  const at = locateInvalidUtf8(file);
  if (!at) return new ImportError(file, null, 'not valid UTF-8; save the file as UTF-8 and import it again');
  return new ImportError(
    file,
    at.line,
    `not valid UTF-8 (byte 0x${at.byte.toString(16).padStart(2, '0')} at byte offset ${at.offset}); ` +
      'save the file as UTF-8 and import it again',
  );
}

/** A whole text file (plain-text articles): validated, BOM dropped, otherwise verbatim. */
export function readTextFile(file: string): string {
  const buf = readRegular(file);
  if (looksBinary(buf)) throw new ImportError(file, null, 'is a binary file (it contains NUL bytes), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw invalidUtf8Error(file);
  }
}

/**
 * The lines of a UTF-8 file, read in 1 MB chunks. Yields each line without its "\n" (a
 * trailing "\r" is kept: callers that care trim it) and its 1-based number. `onBytes` reports
 * how far reading has got.
 */
export function* readLines(file: string, onBytes?: (bytes: number) => void): Generator<[string, number]> {
  const fd = openRegular(file);
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = chunkFor(fd);
    let pending = '';
    let line = 1;
    let offset = 0;
    let first = true;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, offset);
      const chunk = buf.subarray(0, n);
      if (first && looksBinary(chunk)) {
        throw new ImportError(file, null, 'is a binary file (it contains NUL bytes), not text');
      }
      first = false;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: n > 0 });
      } catch {
        throw invalidUtf8Error(file);
      }
      offset += n;
      let start = 0;
      let nl = text.indexOf('\n');
      if (nl !== -1) {
        const head = pending + text.slice(0, nl);
        pending = '';
        yield [head, line++];
        start = nl + 1;
        while ((nl = text.indexOf('\n', start)) !== -1) {
          yield [text.slice(start, nl), line++];
          start = nl + 1;
        }
      }
      pending += text.slice(start);
      onBytes?.(offset);
      if (n === 0) break;
    }
    if (pending.length > 0) yield [pending, line];
  } finally {
    fs.closeSync(fd);
  }
}

/** The first non-white-space character of a file (null when the file is empty or blank). */
export function firstChar(file: string): string | null {
  const fd = openRegular(file);
  try {
    const buf = Buffer.alloc(4096);
    let offset = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, offset);
      if (n === 0) return null;
      let s = buf.subarray(0, n).toString('utf8');
      if (offset === 0) s = s.replace(/^\uFEFF/, '');
      const m = /\S/u.exec(s);
      if (m) return m[0];
      offset += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}
