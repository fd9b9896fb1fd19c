// JSON records out of a file, each with the line it starts on:
// - JSON Lines: one value per line (the fast path), and also pretty-printed or concatenated
//   values spread over several lines (doccano's own relation-extraction example is one
//   pretty-printed object after a blank line);
// - a JSON array (Label Studio's export): each element is a record, read in chunks, so a
//   minified export on a single line of any size works too.
import fs from 'node:fs';
import { parseExact } from '../exact-json';
import { ImportError } from './errors';
import { chunkFor, firstChar, invalidUtf8Error, looksBinary, openRegular, readLines } from './read';

export interface JsonRecord {
  value: unknown;
  /** Line on which the record starts (1-based). */
  line: number;
}

export interface JsonReadStats {
  container: 'lines' | 'array';
  /** Records that spanned more than one line. */
  multiLine: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/** Finds where a top-level JSON value ends, across as many feeds as it takes. */
class ValueScanner {
  /** JSON Lines: a string may not run past the end of a line. Arrays: JSON.parse judges. */
  constructor(private readonly lineStrings: boolean) {}
  depth = 0;
  inString = false;
  escape = false;

  reset(): void {
    this.depth = 0;
    this.inString = false;
    this.escape = false;
  }

  /**
   * Index just past the end of the value if it ends inside `s`; -1 when it is still open;
   * -2 on a structural error (a closing bracket too many, a string running past a line end).
   */
  feed(s: string, from = 0): number {
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
        else if (c === NEWLINE && this.lineStrings) return -2;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        this.depth--;
        if (this.depth < 0) return -2;
        if (this.depth === 0) return i + 1;
      }
    }
    return -1;
  }
}

/** "bad JSON: …" with the line of the error when V8 gives a position. */
function badJson(file: string, startLine: number, text: string, err: unknown): ImportError {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /at position (\d+)/.exec(message);
  let line = startLine;
  if (pos) {
    const upto = Math.min(Number(pos[1]), text.length);
    for (let i = text.indexOf('\n'); i !== -1 && i < upto; i = text.indexOf('\n', i + 1)) line++;
  }
  const where = line !== startLine ? ` (in the record that starts on line ${startLine})` : '';
  return new ImportError(file, line, `bad JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}${where}`);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

/** How deep a record may nest: deeper JSON is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/** The path to the first point nested deeper than MAX_JSON_DEPTH, or null. */
function tooDeep(value: unknown, depth = 1): (string | number)[] | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_JSON_DEPTH) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const deep = tooDeep(value[i], depth + 1);
      if (deep) return [i, ...deep];
    }
    return null;
  }
  for (const key in value) {
    const deep = tooDeep((value as Record<string, unknown>)[key], depth + 1);
    if (deep) return [key, ...deep];
  }
  return null;
}

export function* readJsonRecords(
  file: string,
  stats: JsonReadStats,
  onBytes?: (bytes: number) => void,
): Generator<JsonRecord> {
  stats.container = firstChar(file) === '[' ? 'array' : 'lines';
  const records = stats.container === 'array' ? readArray(file, stats, onBytes) : readLinesMode(file, stats, onBytes);
  for (const record of records) {
    const deep = tooDeep(record.value);
    if (deep) {
      const where = deep.slice(0, 6).join('.') + (deep.length > 6 ? '…' : '');
      throw new ImportError(
        file,
        record.line,
        `JSON nested more than ${MAX_JSON_DEPTH} levels deep (at "${where}"): Spanwise reads records nested at most ${MAX_JSON_DEPTH} levels`,
      );
    }
    yield record;
  }
}

function* readLinesMode(file: string, stats: JsonReadStats, onBytes?: (bytes: number) => void): Generator<JsonRecord> {
  const scanner = new ValueScanner(true);
  let acc: string[] | null = null;
  let accStart = 0;
  for (const [raw, n] of readLines(file, onBytes)) {
    if (acc === null) {
      const c0 = raw.charCodeAt(0);
      if (c0 === 123) {
        // The fast path: one object per line.
        try {
          yield { value: parseExact(raw), line: n };
          continue;
        } catch {
          // Not a whole value on this line: find out below.
        }
      } else if (isBlank(raw)) continue;
      scanner.reset();
      let from = 0;
      // A line may hold one value, several concatenated ones, or the start of a multi-line one.
      for (;;) {
        while (from < raw.length && isBlank(raw[from]!)) from++;
        if (from >= raw.length) break;
        const end = scanner.feed(raw, from);
        if (end === -2 || end >= 0) {
          const text = end === -2 ? raw.slice(from) : raw.slice(from, end);
          let value: unknown;
          try {
            value = parseExact(text);
          } catch (err) {
            throw badJson(file, n, text, err);
          }
          if (end === -2) throw new ImportError(file, n, 'bad JSON: unbalanced brackets');
          yield { value, line: n };
          from = end;
          scanner.reset();
          continue;
        }
        if (scanner.depth === 0) {
          // A scalar or garbage: let JSON.parse say what is wrong.
          const text = raw.slice(from);
          try {
            yield { value: parseExact(text), line: n };
          } catch (err) {
            throw badJson(file, n, text, err);
          }
          break;
        }
        acc = [raw.slice(from)];
        accStart = n;
        break;
      }
    } else {
      acc.push(raw);
      const end = scanner.feed('\n' + raw);
      if (end === -2) {
        const text = acc.join('\n');
        try {
          parseExact(text);
        } catch (err) {
          throw badJson(file, accStart, text, err);
        }
        throw new ImportError(file, n, 'bad JSON: unbalanced brackets');
      }
      if (end >= 0) {
        const consumed = end - 1; // the '\n' we prefixed
        acc[acc.length - 1] = raw.slice(0, consumed);
        const text = acc.join('\n');
        let value: unknown;
        try {
          value = parseExact(text);
        } catch (err) {
          throw badJson(file, accStart, text, err);
        }
        stats.multiLine++;
        yield { value, line: accStart };
        acc = null;
        const rest = raw.slice(consumed);
        if (!isBlank(rest)) {
          throw new ImportError(file, n, 'bad JSON: unexpected text after the end of the record on this line');
        }
      }
    }
  }
  if (acc !== null) {
    throw new ImportError(file, accStart, 'bad JSON: the value that starts on this line is never closed (end of file)');
  }
}

type ArrayState = 'before' | 'value' | 'inValue' | 'comma' | 'after';

function* readArray(file: string, stats: JsonReadStats, onBytes?: (bytes: number) => void): Generator<JsonRecord> {
  const fd = openRegular(file);
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = chunkFor(fd);
    const scanner = new ValueScanner(false);
    let state: ArrayState = 'before';
    let line = 1;
    let valueLine = 0;
    let pieces: string[] = [];
    let offset = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, offset);
      if (offset === 0 && looksBinary(buf.subarray(0, n))) {
        throw new ImportError(file, null, 'is a binary file (it contains NUL bytes), not text');
      }
      let s: string;
      try {
        s = decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      } catch {
        throw invalidUtf8Error(file);
      }
      offset += n;
      let i = 0;
      let valueFrom = 0;
      while (i < s.length) {
        if (state === 'inValue') {
          const end = scanner.feed(s, i);
          const stop = end < 0 ? s.length : end;
          for (let k = s.indexOf('\n', i); k !== -1 && k < stop; k = s.indexOf('\n', k + 1)) line++;
          if (end < 0) {
            pieces.push(s.slice(valueFrom));
            break;
          }
          pieces.push(s.slice(valueFrom, end));
          const text = pieces.join('');
          pieces = [];
          let value: unknown;
          try {
            value = parseExact(text);
          } catch (err) {
            throw badJson(file, valueLine, text, err);
          }
          if (text.includes('\n')) stats.multiLine++;
          yield { value, line: valueLine };
          state = 'comma';
          i = end;
          continue;
        }
        const c = s.charCodeAt(i);
        if (c === NEWLINE) {
          line++;
          i++;
          continue;
        }
        if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
          i++;
          continue;
        }
        const ch = s[i]!;
        if (state === 'before') {
          if (ch !== '[') throw new ImportError(file, line, `bad JSON: expected "[" but found "${ch}"`);
          state = 'value';
          i++;
        } else if (state === 'value') {
          if (ch === ']') {
            state = 'after';
            i++;
          } else if (ch === '{' || ch === '[') {
            state = 'inValue';
            scanner.reset();
            valueLine = line;
            valueFrom = i;
          } else {
            throw new ImportError(file, line, `bad JSON: expected an object in the array but found "${ch}"`);
          }
        } else if (state === 'comma') {
          if (ch === ',') state = 'value';
          else if (ch === ']') state = 'after';
          else throw new ImportError(file, line, `bad JSON: expected "," or "]" after an array element, found "${ch}"`);
          i++;
        } else {
          throw new ImportError(file, line, `bad JSON: unexpected "${ch}" after the end of the array`);
        }
      }
      onBytes?.(offset);
      if (n === 0) break;
    }
    if (state === 'inValue') {
      throw new ImportError(
        file,
        valueLine,
        'bad JSON: the array element that starts here is never closed (end of file)',
      );
    }
    if (state !== 'after') throw new ImportError(file, line, 'bad JSON: the array is never closed (end of file)');
  } finally {
    fs.closeSync(fd);
  }
}
