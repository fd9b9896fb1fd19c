// What every format parser turns a record into, and the helpers they share.
import { z } from 'zod';
import type { ArticleStatus } from '../../../../shared/model';
import type { OffsetUnit } from '../../../../shared/offsets';
import type { ConcreteImportFormat } from '../../../../shared/jobs';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';

export interface ParsedLayer {
  /** Annotator name from the file; null when the format names none (then --as applies). */
  name: string | null;
  status?: ArticleStatus | undefined;
  /** Offsets in the file's unit, not yet checked. */
  spans: OffsetSpan[];
}

export interface ParsedArticle {
  text: string;
  title?: string | undefined;
  source?: string | undefined;
  externalId?: string | number | undefined;
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

export interface FormatParser {
  name: ConcreteImportFormat;
  /** The unit the format's own tools write, used only when nothing in the file tells. */
  defaultUnit: OffsetUnit;
  /** The article, or null when the record is deliberately skipped (noted in `notes`). */
  parse(value: unknown, notes: Notes): ParsedArticle | null;
}

/** zod issues as one short sentence: `missing "text"`, `"spans.2.end": expected number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.map(String).join('.');
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

export const offset = z.number().int('must be a whole number');
export const externalIdSchema = z.union([z.string(), z.number()]);
export const metaSchema = z.record(z.string(), z.unknown());

/** Keys of `record` that the format does not use, kept as article metadata. */
export function extraKeys(record: Record<string, unknown>, used: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!used.has(k)) out[k] = v;
  return out;
}

export function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
