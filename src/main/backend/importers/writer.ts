// Writes parsed, unit-checked articles into the project: content-hash identity (the same
// text is one article, whoever brings it), labels created on first use, one annotator layer
// per name, spans deduplicated against what the layer already has, status never downgraded.
// Runs inside the import's transaction; prepared statements are made once and reused.
import { labelName, LABEL_NAME_MAX, personName, PERSON_NAME_MAX } from '../../../shared/options';
import { createHash } from 'node:crypto';
import type { ArticleStatus } from '../../../shared/model';
import type { ImportSummary } from '../../../shared/jobs';
import { now } from '../clock';
import type { Statement } from 'better-sqlite3';
import type { WriteDb } from '../db/handles';
import { createLabel } from '../labels';
import { RecordError } from './errors';
import { uuidv7 } from './ids';
import type { ParsedArticle } from './formats/common';
import type { OffsetSpan } from './units';
import type { ExternalId } from '../exact-json';

export interface WriterOptions {
  /** The one layer name --as gives (not a map): plain-text articles marked done go there. */
  fallback?: string | undefined;
  status?: 'done' | undefined;
}

/** A layer whose name is settled (file or --as), spans in UTF-16 offsets. */
export interface CheckedLayer {
  name: string | null;
  /** Where the name came from, for the summary. */
  from: string;
  status?: ArticleStatus | undefined;
  spans: OffsetSpan[];
}

/** A parsed article whose layers are named and whose spans are UTF-16 offsets into its text. */
export type CheckedArticle = Omit<ParsedArticle, 'layers'> & { layers: CheckedLayer[] };

const SPAN_BATCH = 32;
const SPAN_COLUMNS = 9;

// An imported status never moves an article back: done over a skip or a flag, over in progress.
const RANK = `CASE %s WHEN 'done' THEN 3 WHEN 'skipped' THEN 2 WHEN 'flagged' THEN 2 WHEN 'in_progress' THEN 1 ELSE 0 END`;

export function titleOf(text: string): string {
  for (const line of text.split(/\r\n|\r|\n/, 50)) {
    const t = line.trim();
    if (t) return t.length > 200 ? `${t.slice(0, 199)}…` : t;
  }
  return '(untitled)';
}

/** A label name from a file, checked as the app checks one typed in Labels and settings. */
export function validLabelName(name: string): string {
  const checked = labelName.safeParse(name);
  if (!checked.success) {
    throw new RecordError(
      `label ${JSON.stringify(name)} is not a usable label name: ${checked.error.issues[0]!.message} (1–${LABEL_NAME_MAX} characters, one line)`,
    );
  }
  return checked.data;
}

export interface FileCounts {
  articlesAdded: number;
  articlesExisting: number;
  spansAdded: number;
}

export class ImportWriter {
  private readonly ts = now();
  private readonly labels = new Map<string, number>();
  private readonly annotators = new Map<string, number>();
  readonly layerStats = new Map<
    string,
    { created: boolean; spans: number; articles: Set<number>; from: Set<string> }
  >();
  readonly labelsCreated: string[] = [];
  private readonly layersTouched = new Set<string>();
  /** Each id this import has given an article, and where: an id must name one article. */
  private readonly ids = new Map<string, { articleId: number; file: string; line: number }>();
  private readonly idsInOrder: string[] = [];
  spansDuplicate = 0;
  statusSet = 0;
  file: FileCounts = { articlesAdded: 0, articlesExisting: 0, spansAdded: 0 };

  private readonly q;
  private readonly spanInserts = new Map<number, Statement>();

  constructor(
    private readonly db: WriteDb,
    private readonly opts: WriterOptions,
    /** Recorded on every span written ("import:doccano"…). */
    public origin: string,
  ) {
    this.q = {
      byHash: db.prepare<[string], { id: number }>('SELECT id FROM articles WHERE content_hash = ?'),
      insertArticle: db.prepare(
        `INSERT INTO articles (title, source, text, meta, content_hash, created_at, external_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      label: db.prepare<[string], { id: number; name: string }>(
        'SELECT id, name FROM labels WHERE name = ? COLLATE NOCASE',
      ),
      annotator: db.prepare<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?'),
      insertAnnotator: db.prepare("INSERT INTO annotators (name, role, created_at) VALUES (?, 'annotator', ?)"),
      layerSpans: db.prepare<[number, number], { label_id: number; start_offset: number; end_offset: number }>(
        'SELECT label_id, start_offset, end_offset FROM spans WHERE article_id = ? AND annotator_id = ? AND deleted = 0',
      ),
      status: db.prepare(
        `INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (article_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
         WHERE ${RANK.replace('%s', 'excluded.status')} > ${RANK.replace('%s', 'article_status.status')}`,
      ),
    };
  }

  /** Forget cached ids: after a ROLLBACK TO a savepoint some of them no longer exist. */
  resetCaches(): void {
    this.labels.clear();
    this.annotators.clear();
  }

  /** Saves the counters; the returned function puts them back (after ROLLBACK TO a savepoint). */
  snapshot(): () => void {
    const labelsCreated = [...this.labelsCreated];
    const { spansDuplicate, statusSet } = this;
    const layers = [...this.layerStats].map(
      ([k, v]) => [k, { ...v, articles: new Set(v.articles), from: new Set(v.from) }] as const,
    );
    const touched = new Set(this.layersTouched);
    const idCount = this.idsInOrder.length;
    return () => {
      for (const key of this.idsInOrder.splice(idCount)) this.ids.delete(key);
      this.labelsCreated.splice(0, this.labelsCreated.length, ...labelsCreated);
      this.spansDuplicate = spansDuplicate;
      this.statusSet = statusSet;
      this.layerStats.clear();
      for (const [k, v] of layers) this.layerStats.set(k, v);
      this.layersTouched.clear();
      for (const k of touched) this.layersTouched.add(k);
      this.resetCaches();
    };
  }

  private labelId(name: string): number {
    const key = name.toLowerCase();
    const cached = this.labels.get(key);
    if (cached !== undefined) return cached;
    const clean = validLabelName(name);
    const row = this.q.label.get(clean);
    let id: number;
    if (row) id = row.id;
    else {
      id = createLabel(this.db, { name: clean }).id;
      this.labelsCreated.push(clean);
    }
    this.labels.set(key, id);
    return id;
  }

  private annotatorId(name: string): number {
    const cached = this.annotators.get(name);
    if (cached !== undefined) return cached;
    const checked = personName.safeParse(name);
    if (!checked.success) {
      throw new RecordError(
        `annotator name ${JSON.stringify(name)} is not usable: ${checked.error.issues[0]!.message} (1–${PERSON_NAME_MAX} characters)`,
      );
    }
    const clean = checked.data;
    const row = this.q.annotator.get(clean);
    let id: number;
    let created = false;
    if (row) id = row.id;
    else {
      id = Number(this.q.insertAnnotator.run(clean, this.ts).lastInsertRowid);
      created = true;
    }
    this.annotators.set(name, id);
    if (!this.layerStats.has(clean))
      this.layerStats.set(clean, { created, spans: 0, articles: new Set(), from: new Set() });
    return id;
  }

  /**
   * Writes one article (spans already in UTF-16). `fallbackSource` is the file's name; `at`,
   * where the record is, for the refusal of an id that two different texts claim.
   */
  write(article: CheckedArticle, fallbackSource: string, at?: { file: string; line: number }): void {
    const hash = createHash('sha256').update(article.text, 'utf8').digest('hex');
    const existing = this.q.byHash.get(hash);
    let articleId: number;
    let isNew: boolean;
    if (existing) {
      articleId = existing.id;
      isNew = false;
      this.file.articlesExisting++;
    } else {
      const info = this.q.insertArticle.run(
        article.title ?? titleOf(article.text),
        article.source ?? fallbackSource,
        article.text,
        JSON.stringify(article.meta),
        hash,
        this.ts,
        article.externalId === undefined ? null : JSON.stringify(article.externalId),
      );
      articleId = Number(info.lastInsertRowid);
      isNew = true;
      this.file.articlesAdded++;
    }
    if (article.externalId !== undefined && at) this.claimId(article.externalId, articleId, at);
    let layers = article.layers;
    if (layers.length === 0 && this.opts.status && this.opts.fallback) {
      layers = [{ name: this.opts.fallback, from: '--as', spans: [] }];
    }
    for (const layer of layers) {
      const status: ArticleStatus | undefined = this.opts.status ?? layer.status;
      const name = layer.name;
      if (name === null) {
        const what = layer.spans.length > 0 ? `${layer.spans.length} span(s)` : `status "${status}"`;
        throw new RecordError(
          `${what} but no annotator layer: this format names none here; pass --as NAME to choose the layer`,
        );
      }
      const annotatorId = this.annotatorId(name);
      const stats = this.layerStats.get(name.trim())!;
      stats.articles.add(articleId);
      stats.from.add(layer.from);
      this.writeSpans(articleId, annotatorId, layer.spans, isNew && !this.seenLayer(articleId, annotatorId), stats);
      if (status) {
        this.q.status.run(articleId, annotatorId, status, this.ts);
        this.statusSet++;
      }
    }
  }

  /**
   * One id, one article: the same id on the same text again (another layer of it, say) is the
   * same article; on a different text it would be exported twice under one name.
   */
  private claimId(id: ExternalId, articleId: number, at: { file: string; line: number }): void {
    const key = JSON.stringify(id);
    const seen = this.ids.get(key);
    if (!seen) {
      this.ids.set(key, { articleId, ...at });
      this.idsInOrder.push(key);
      return;
    }
    if (seen.articleId === articleId) return;
    const where = seen.file === at.file ? `line ${seen.line}` : `${seen.file}:${seen.line}`;
    throw new RecordError(
      `id ${key} is already the id of a different text (${where}); an id must name one article: give each text its own id`,
    );
  }

  /** True when this import already wrote this article's layer (its spans must be deduplicated). */
  private seenLayer(articleId: number, annotatorId: number): boolean {
    const key = `${articleId}:${annotatorId}`;
    if (this.layersTouched.has(key)) return true;
    this.layersTouched.add(key);
    return false;
  }

  private writeSpans(
    articleId: number,
    annotatorId: number,
    spans: readonly OffsetSpan[],
    fresh: boolean,
    stats: { spans: number },
  ): void {
    if (spans.length === 0) return;
    const seen = new Set<string>();
    if (!fresh) {
      for (const r of this.q.layerSpans.iterate(articleId, annotatorId)) {
        seen.add(`${r.label_id}:${r.start_offset}:${r.end_offset}`);
      }
    }
    const rows: (string | number)[] = [];
    for (const s of spans) {
      const labelId = this.labelId(s.label);
      const key = `${labelId}:${s.start}:${s.end}`;
      if (seen.has(key)) {
        this.spansDuplicate++;
        continue;
      }
      seen.add(key);
      rows.push(uuidv7(), articleId, annotatorId, labelId, s.start, s.end, this.origin, this.ts, this.ts);
      if (rows.length === SPAN_BATCH * SPAN_COLUMNS) stats.spans += this.insertSpans(rows);
    }
    if (rows.length) stats.spans += this.insertSpans(rows);
  }

  /** Multi-row INSERT: one statement per batch of up to SPAN_BATCH spans (fewer VM round trips). */
  private insertSpans(rows: (string | number)[]): number {
    const n = rows.length / SPAN_COLUMNS;
    let stmt = this.spanInserts.get(n);
    if (!stmt) {
      stmt = this.db.prepare(
        `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
         VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      this.spanInserts.set(n, stmt);
    }
    stmt.run(rows);
    this.file.spansAdded += n;
    rows.length = 0;
    return n;
  }

  summaryParts(): Pick<ImportSummary, 'labelsCreated' | 'layers' | 'spansDuplicate' | 'statusSet'> {
    return {
      labelsCreated: [...this.labelsCreated],
      layers: [...this.layerStats].map(([name, v]) => ({
        name,
        created: v.created,
        spans: v.spans,
        articles: v.articles.size,
        from: [...v.from].join('; '),
      })),
      spansDuplicate: this.spansDuplicate,
      statusSet: this.statusSet,
    };
  }
}
