// Reading import files: UTF-8 (a BOM is dropped), refused when binary or not valid UTF-8,
// read in chunks so that memory stays flat whatever the file size.
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

function lineOfByte(buf: Buffer, offset: number, startLine: number): number {
  let line = startLine;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function invalidUtf8Error(file: string, buf: Buffer, startLine: number, baseOffset: number): ImportError {
  const at = Math.max(0, firstInvalidUtf8(buf));
  const line = lineOfByte(buf, at, startLine);
  return new ImportError(
    file,
    line,
    `not valid UTF-8 (byte 0x${(buf[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${baseOffset + at}); ` +
      'save the file as UTF-8 and import it again',
  );
}

/** A whole text file (plain-text articles): validated, BOM dropped, otherwise verbatim. */
export function readTextFile(file: string): string {
  const buf = fs.readFileSync(file);
  if (looksBinary(buf)) throw new ImportError(file, null, 'is a binary file (it contains NUL bytes), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw invalidUtf8Error(file, buf, 1, 0);
  }
}

/**
 * The lines of a UTF-8 file, read in 1 MB chunks. Yields each line without its "\n" (a
 * trailing "\r" is kept: callers that care trim it) and its 1-based number. `onBytes` reports
 * how far reading has got.
 */
export function* readLines(file: string, onBytes?: (bytes: number) => void): Generator<[string, number]> {
  const fd = fs.openSync(file, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending = '';
    let line = 1;
    let offset = 0;
    let first = true;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, offset);
      const chunk = buf.subarray(0, n);
      if (first && looksBinary(chunk)) {
        throw new ImportError(file, null, 'is a binary file (it contains NUL bytes), not text');
      }
      first = false;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: n > 0 });
      } catch {
        throw invalidUtf8Error(file, Buffer.from(chunk), line + countNewlines(pending), offset);
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

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first non-white-space character of a file (null when the file is empty or blank). */
export function firstChar(file: string): string | null {
  const fd = fs.openSync(file, 'r');
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
