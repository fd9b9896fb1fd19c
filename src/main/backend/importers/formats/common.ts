// What every format parser turns a record into, and the helpers they share.
import { z } from 'zod';
import { isRawJson, type ExternalId, type RawJson } from '../../exact-json';
import type { ArticleStatus } from '../../../../shared/model';
import type { OffsetUnit } from '../../../../shared/offsets';
import type { ConcreteImportFormat } from '../../../../shared/jobs';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';

export interface ParsedLayer {
  /** Annotator name from the file; null when the format names none (then --as applies). */
  name: string | null;
  /** What in the file gave the name, for the summary ("completed_by 7", "_annotator_id"). */
  namedBy?: string | undefined;
  /** Other keys a `--as KEY=NAME` map may use for this layer ("7" for label-studio-user-7). */
  aliases?: readonly string[] | undefined;
  status?: ArticleStatus | undefined;
  /** Offsets in the file's unit, not yet checked. */
  spans: OffsetSpan[];
}

export interface ParsedArticle {
  text: string;
  title?: string | undefined;
  source?: string | undefined;
  externalId?: ExternalId | undefined;
  meta: Record<string, unknown>;
  layers: ParsedLayer[];
  /** Extra offset/text pairs that help detect the unit (Prodigy's tokens). */
  evidence?: OffsetSpan[] | undefined;
}

/** Counts of things read but not carried, reported in the summary ("3 relations ignored: …"). */
export class Notes {
  private readonly counts = new Map<string, number>();
  add(note: string, n = 1): void {
    this.counts.set(note, (this.counts.get(note) ?? 0) + n);
  }
  list(): string[] {
    return [...this.counts].map(([note, n]) => `${n} × ${note}`);
  }
}

/** Options a format may need beyond the record itself (the CLI's --column and --tags). */
export interface ParseOptions {
  column?: number | undefined;
  tags?: readonly string[] | undefined;
}

/** A span text that differs from the offsets' text only in how the tool writes white space. */
export interface LooseText {
  /** Why the texts may differ, for the summary note. */
  why: string;
}

/** A JSON format: one record in, one article out. */
export interface FormatParser {
  name: ConcreteImportFormat;
  /** The unit the format's own tools write, used only when nothing in the file tells. */
  defaultUnit: OffsetUnit;
  /** Set when the tool rewrites white space in a span's text (line breaks as \n…). */
  looseText?: LooseText | undefined;
  /** As for ArticleReader: the format carries no offsets; the parser computes UTF-16 ones. */
  computedOffsets?: string | undefined;
  /** A parser of its own for one file, for formats that read options or sidecar files. */
  forFile?(file: string, options: ParseOptions): FormatParser;
  /** The article, or null when the record is deliberately skipped (noted in `notes`). */
  parse(value: unknown, notes: Notes): ParsedArticle | null;
}

/** An article read from a line-based file, with the line it starts on. */
export interface ReadArticle {
  article: ParsedArticle;
  line: number;
}

/**
 * A format that is not JSON records (columns, standoff pairs). It reads the file itself and
 * throws ImportError with the line of anything malformed.
 */
export interface ArticleReader {
  name: ConcreteImportFormat;
  defaultUnit: OffsetUnit;
  looseText?: LooseText | undefined;
  /**
   * Set when the format carries no offsets: the reader rebuilds the text and computes the
   * spans' UTF-16 offsets itself, and this sentence says so in the summary.
   */
  computedOffsets?: string | undefined;
  read(file: string, notes: Notes, options: ParseOptions, onBytes: (bytes: number) => void): Iterable<ReadArticle>;
}

/** zod issues as one short sentence: `missing "text"`, `"spans.2.end": expected number`. */
export function describeIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = [...prefix, ...issue.path].map(String).join('.');
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
        return `missing ${where ? `"${where}"` : 'value'}`;
      }
      const message = issue.message.replace(/^Invalid input: /, '');
      return where ? `"${where}": ${message}` : message;
    })
    .join('; ');
}

export function parseRecord<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RecordError(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RecordError(describeIssues(parsed.error));
  return parsed.data;
}

// An integer beyond 2^53 arrives as its digits (see exact-json): as an offset it is a number, out of range.
export const offset = z.preprocess(
  (v) => (isRawJson(v) ? Number(v.rawJSON) : v),
  z.number().int('must be a whole number'),
);
export const externalIdSchema = z.union([z.string(), z.number(), z.custom<RawJson>(isRawJson)]);
export const metaSchema = z.record(z.string(), z.unknown());

/**
 * Sets a metadata key as an own property. `out[key] = v` would, for the key "__proto__", set
 * the object's prototype instead and lose the key: a file's "__proto__" is kept as any other key.
 */
export function keep(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Keys of `record` that the format does not use, kept as article metadata. `record` is the
 * value as read from the file (schema outputs drop a "__proto__" key).
 */
export function extraKeys(record: unknown, used: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isObject(record)) for (const [k, v] of Object.entries(record)) if (!used.has(k)) keep(out, k, v);
  return out;
}

/** A field of the record as read from the file, when it is an object (metadata kept whole). */
export function rawObject(record: unknown, key: string): Record<string, unknown> | undefined {
  const v = isObject(record) && Object.hasOwn(record, key) ? record[key] : undefined;
  return isObject(v) ? v : undefined;
}

export function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Whether two span texts are the same once each run of white space (or of its \n, \r, \t
 * escapes) counts as one space. Edges still count: a span one character too long is refused.
 */
export function sameApartFromWhiteSpace(stated: string, actual: string): boolean {
  const squeeze = (s: string) => s.replace(/(?:\\[nrt]|\s)+/gu, ' ');
  return squeeze(stated) === squeeze(actual);
}
