// The pack container: JSON Lines, a versioned header first, records, and a last line holding
// the sha256 of every byte before it. One format for work packs (an annotator's layer going to
// the reviewer) and assignment packs (articles, labels and guidelines going to an annotator).
// Offsets are UTF-16 code units, as the project stores them: packs only travel between
// Spanwise installations.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ARTICLE_STATUSES } from '../../../shared/model';
import { isCodePointBoundary } from '../../../shared/offsets';
import { AppError } from '../../../shared/result';
import { isRawJson, parseExact, type RawJson } from '../exact-json';

export const PACK_FORMAT = 'spanwise-pack';
export const PACK_VERSION = 1;
/** File name ending of packs (what an inbox folder picks up). */
export const PACK_EXT = '.swpack';

const Uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected a uuid')
  .transform((s) => s.toLowerCase());
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in lower-case hex');
// The exact form clock.now() writes, so that timestamps order as strings.
const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'expected an ISO-8601 UTC time');

export const PackHeader = z.strictObject({
  format: z.literal(PACK_FORMAT),
  version: z.number().int(),
  kind: z.enum(['work', 'assignment']),
  offsets: z.literal('utf16'),
  createdAt: Timestamp,
  annotator: z.strictObject({ uid: Uuid, name: z.string().trim().min(1).max(80) }),
  guidelinesHash: Hash,
  seed: z.number().int().optional(),
});
export type PackHeader = z.infer<typeof PackHeader>;
export type PackKind = PackHeader['kind'];

const LabelRecord = z.strictObject({
  type: z.literal('label'),
  name: z.string().trim().min(1).max(40),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #0072B2'),
  hotkey: z.string().length(1).nullable(),
  description: z.string(),
});
const GuidelinesRecord = z.strictObject({ type: z.literal('guidelines'), text: z.string() });
const ArticleRecord = z.strictObject({
  type: z.literal('article'),
  hash: Hash,
  title: z.string(),
  source: z.string(),
  text: z.string(),
  meta: z.record(z.string(), z.unknown()),
  externalId: z.union([z.string(), z.number(), z.custom<RawJson>(isRawJson)]).nullable(),
});
const StatusRecord = z.strictObject({
  type: z.literal('status'),
  article: Hash,
  status: z.enum(ARTICLE_STATUSES),
  updatedAt: Timestamp,
});
export const SpanRecordSchema = z.strictObject({
  type: z.literal('span'),
  id: Uuid,
  article: Hash,
  label: z.string().trim().min(1).max(40),
  start: z.number().int().min(0),
  end: z.number().int(),
  origin: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deleted: z.boolean(),
});
const EndRecord = z.strictObject({ type: z.literal('end'), records: z.number().int(), sha256: Hash });

const Record = z.discriminatedUnion('type', [
  LabelRecord,
  GuidelinesRecord,
  ArticleRecord,
  StatusRecord,
  SpanRecordSchema,
]);

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HASH_RE = /^[0-9a-f]{64}$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SPAN_KEYS = new Set([
  'type',
  'id',
  'article',
  'label',
  'start',
  'end',
  'origin',
  'createdAt',
  'updatedAt',
  'deleted',
]);

/**
 * The span record check, by hand: a pack holds up to hundreds of thousands of spans and this is
 * several times faster than the schema. It accepts exactly what SpanRecordSchema accepts (the tests
 * hold both to the same cases); returns the record or what is wrong.
 */
export function checkSpanRecord(raw: { [key: string]: unknown }): SpanRecord | string {
  for (const key in raw) if (!SPAN_KEYS.has(key)) return `unknown field ${JSON.stringify(key)}`;
  const { id, article, label, start, end, origin, createdAt, updatedAt, deleted } = raw;
  if (typeof id !== 'string' || !UUID_RE.test(id)) return 'id: expected a uuid';
  if (typeof article !== 'string' || !HASH_RE.test(article)) return 'article: expected a sha256 in lower-case hex';
  if (typeof label !== 'string' || label.trim().length < 1 || label.trim().length > 40) {
    return 'label: expected a label name (1–40 characters)';
  }
  if (!Number.isSafeInteger(start) || (start as number) < 0) return 'start: expected an integer >= 0';
  if (!Number.isSafeInteger(end)) return 'end: expected an integer';
  if (typeof origin !== 'string') return 'origin: expected a string';
  if (typeof createdAt !== 'string' || !TIME_RE.test(createdAt)) return 'createdAt: expected an ISO-8601 UTC time';
  if (typeof updatedAt !== 'string' || !TIME_RE.test(updatedAt)) return 'updatedAt: expected an ISO-8601 UTC time';
  if (typeof deleted !== 'boolean') return 'deleted: expected true or false';
  return {
    type: 'span',
    id: id.toLowerCase(),
    article,
    label: label.trim(),
    start: start as number,
    end: end as number,
    origin,
    createdAt,
    updatedAt,
    deleted,
  };
}

export type LabelRecord = z.infer<typeof LabelRecord>;
export type ArticleRecord = z.infer<typeof ArticleRecord>;
export type StatusRecord = z.infer<typeof StatusRecord>;
export type SpanRecord = z.infer<typeof SpanRecordSchema>;
export type PackRecord = z.infer<typeof Record>;

/** A record with the line it came from (1-based), for messages. */
export type Lined<T> = T & { line: number };

export interface Pack {
  file: string;
  header: PackHeader;
  labels: Lined<LabelRecord>[];
  guidelines: string | null;
  articles: Map<string, Lined<ArticleRecord>>;
  statuses: Lined<StatusRecord>[];
  spans: Lined<SpanRecord>[];
  /** sha256 of everything before the last line: the pack's identity. */
  checksum: string;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function isFolder(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Refuses, by name, a file where the folder packs go (or one of its parents) should be. */
export function checkFolder(dir: string): void {
  let at = path.resolve(dir);
  // The nearest part of the path that exists must be a folder (a file there stops mkdir).
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  if (fs.existsSync(at) && !isFolder(at)) {
    const shown = at === path.resolve(dir) ? dir : at;
    throw new AppError('BAD_INPUT', `${shown}: exists and is not a folder; the packs need a folder`);
  }
}

/** Writes records line by line, hashing as it goes; `finish` adds the checksum line. */
export class PackWriter {
  private readonly hash = createHash('sha256');
  private readonly fd: number;
  private readonly partial: string;
  private buffer = '';
  private count = 0;

  constructor(
    private readonly file: string,
    header: PackHeader,
  ) {
    if (isFolder(file)) throw new AppError('BAD_INPUT', `${file}: is a folder; the pack needs a file name`);
    checkFolder(path.dirname(file));
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // A hidden name until complete: an inbox (or a sync tool) never takes a half-written pack.
    this.partial = path.join(path.dirname(file), `.${path.basename(file)}.partial`);
    this.fd = fs.openSync(this.partial, 'w');
    this.line(header);
  }

  private line(value: object): void {
    const text = JSON.stringify(value) + '\n';
    this.hash.update(text);
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private flush(): void {
    fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  write(record: PackRecord): void {
    this.line(record);
    this.count++;
  }

  /** Writes the checksum line and moves the file into place; returns the checksum. */
  finish(): string {
    const sha = this.hash.digest('hex');
    this.buffer += JSON.stringify({ type: 'end', records: this.count, sha256: sha }) + '\n';
    this.flush();
    fs.closeSync(this.fd);
    fs.renameSync(this.partial, this.file);
    return sha;
  }

  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.partial, { force: true });
  }
}

function refuse(file: string, message: string, line?: number): never {
  throw new AppError('BAD_INPUT', `${file}${line === undefined ? '' : `:${line}`}: ${message}`);
}

function issue(err: z.ZodError): string {
  const first = err.issues[0]!;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}

function endRecord(
  file: string,
  bytes: Buffer,
  firstNl: number,
): { end: z.infer<typeof EndRecord>; lastStart: number } {
  const truncated = 'truncated: the pack does not end with its checksum line';
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) refuse(file, truncated);
  const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  if (firstNl < 0 || lastStart <= firstNl) refuse(file, truncated);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(lastStart).toString('utf8'));
  } catch {
    refuse(file, truncated);
  }
  const parsed = EndRecord.safeParse(raw);
  if (!parsed.success) refuse(file, truncated);
  return { end: parsed.data, lastStart };
}

/** The first bytes of a file: enough for the header, without reading a large non-pack whole. */
function peek(file: string): Buffer {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) refuse(file, 'no such file');
  if (stat.isDirectory()) refuse(file, 'is a folder, not a pack');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function readHeader(file: string, head: Buffer): PackHeader {
  const firstNl = head.indexOf(0x0a);
  let raw: unknown;
  try {
    raw = JSON.parse(head.subarray(0, firstNl < 0 ? head.length : firstNl).toString('utf8'));
  } catch {
    // A header cut short is a pack that did not arrive whole, not some other file.
    if (firstNl < 0 && head.toString('utf8', 0, 64).startsWith(`{"format":"${PACK_FORMAT}"`)) {
      refuse(file, 'truncated: the pack does not end with its checksum line');
    }
    refuse(file, 'not a Spanwise pack (its first line is not a pack header)');
  }
  const r = raw as { format?: unknown; version?: unknown } | null;
  if (typeof r !== 'object' || r === null || r.format !== PACK_FORMAT) {
    refuse(file, 'not a Spanwise pack (its first line is not a pack header)');
  }
  if (typeof r.version === 'number' && r.version > PACK_VERSION) {
    refuse(
      file,
      `written by a newer Spanwise (pack version ${r.version}; this version reads up to ${PACK_VERSION}). Update Spanwise to read it.`,
    );
  }
  const parsed = PackHeader.safeParse(raw);
  if (!parsed.success) refuse(file, `bad pack header: ${issue(parsed.error)}`, 1);
  if (parsed.data.version < 1) refuse(file, `bad pack header: version ${parsed.data.version}`, 1);
  return parsed.data;
}

/** A pack's header alone (kind, person, version): refuses what is not a pack, as readPack does. */
export function readPackHeader(file: string): PackHeader {
  return readHeader(file, peek(file));
}

/**
 * Reads and checks a whole pack: a pack it is, of a version this Spanwise reads, complete and
 * unchanged (checksum), every record well-formed, article texts matching their hashes, span
 * offsets inside their article and not splitting a character, span ids unique. Refusals are
 * BAD_INPUT errors naming the file (and the line where one applies).
 */
export function readPack(file: string, expected?: PackKind): Pack {
  const header = readHeader(file, peek(file));
  if (expected && header.kind !== expected) {
    refuse(
      file,
      header.kind === 'assignment'
        ? 'is an assignment pack (open it with open-pack), not a work pack to merge'
        : 'is a work pack (merge it), not an assignment pack',
    );
  }
  const bytes = fs.readFileSync(file);
  const firstNl = bytes.indexOf(0x0a);

  // The last line is the checksum of all bytes before it.
  const { end, lastStart } = endRecord(file, bytes, firstNl);
  const checksum = sha256(bytes.subarray(0, lastStart));
  if (checksum !== end.sha256) {
    refuse(file, 'checksum mismatch: the pack was changed or damaged after it was written');
  }

  const pack: Pack = {
    file,
    header,
    labels: [],
    guidelines: null,
    articles: new Map(),
    statuses: [],
    spans: [],
    checksum,
  };
  // Line by line: most lines are ASCII and decode on V8's fast path; decoding the whole file
  // as one string (two-byte as soon as one article has a non-Latin-1 character) is ten times
  // slower.
  const starts: number[] = [];
  for (let at = firstNl + 1; at < lastStart; at = bytes.indexOf(0x0a, at) + 1) starts.push(at);
  starts.push(lastStart);
  const count = starts.length - 1;
  if (count !== end.records) {
    refuse(file, `the checksum line counts ${end.records} records, the pack has ${count}`);
  }
  const spanIds = new Set<string>();
  for (let i = 0; i < count; i++) {
    const line = i + 2;
    let raw: unknown;
    try {
      raw = parseExact(bytes.toString('utf8', starts[i], starts[i + 1]! - 1));
    } catch (err) {
      refuse(file, `not JSON: ${(err as Error).message}`, line);
    }
    let rec: PackRecord;
    if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'span') {
      const span = checkSpanRecord(raw as { [key: string]: unknown });
      if (typeof span === 'string') refuse(file, span, line);
      rec = span;
    } else {
      const parsed = Record.safeParse(raw);
      if (!parsed.success) refuse(file, issue(parsed.error), line);
      rec = parsed.data;
    }
    switch (rec.type) {
      case 'label':
        pack.labels.push({ ...rec, line });
        break;
      case 'guidelines':
        pack.guidelines = rec.text;
        break;
      case 'article':
        if (sha256(rec.text) !== rec.hash) {
          refuse(file, `article ${rec.hash.slice(0, 12)}: its text does not match its content hash`, line);
        }
        // The metadata as written (the schema's copy would drop a "__proto__" key).
        pack.articles.set(rec.hash, { ...rec, meta: (raw as { meta: Record<string, unknown> }).meta, line });
        break;
      case 'status':
        pack.statuses.push({ ...rec, line });
        break;
      case 'span':
        if (spanIds.has(rec.id)) refuse(file, `span ${rec.id} appears twice`, line);
        spanIds.add(rec.id);
        pack.spans.push({ ...rec, line });
        break;
    }
  }
  // References are checked once every article is known (records may come in any order).
  for (const rec of [...pack.statuses, ...pack.spans]) {
    const article = pack.articles.get(rec.article);
    if (!article) refuse(file, `article ${rec.article.slice(0, 12)} is referenced but not in the pack`, rec.line);
    if (rec.type === 'span') {
      const { text } = article;
      if (rec.end <= rec.start || rec.end > text.length) {
        refuse(file, `span ${rec.start}..${rec.end} is outside its article (length ${text.length})`, rec.line);
      }
      if (!isCodePointBoundary(text, rec.start) || !isCodePointBoundary(text, rec.end)) {
        refuse(file, `span ${rec.start}..${rec.end} splits a character (surrogate pair)`, rec.line);
      }
    }
  }
  return pack;
}
