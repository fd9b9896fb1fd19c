// The disagreements report: one row per cluster that is not unanimous, with the article, the
// text around the cluster, each annotator's version and the decision on it (empty while open),
// written as JSONL or CSV (by the output file's extension). Offsets are code points.
import path from 'node:path';
import { OffsetMap } from '../../../shared/offsets';
import { AppError } from '../../../shared/result';
import { Sink } from '../exporters/sink';
import { assertNotProjectFile } from '../exporters/target';
import { clusterArticle, type Cluster } from './clusters';
import type { ReviewArticle } from './model';

/** Code points of context on each side of a cluster. */
export const CONTEXT = 60;

export interface DisagreementVersion {
  start: number;
  end: number;
  label: string;
  text: string;
}

export interface DisagreementRow {
  cluster: string;
  article_id: number;
  title: string;
  /** The conflict kinds joined by "+", e.g. "boundary+partial". */
  kind: string;
  start: number;
  end: number;
  /** Where `context` starts in the article, in code points. */
  context_start: number;
  context: string;
  /** One entry per annotator who marked the article done; null where they have no span here. */
  versions: Record<string, DisagreementVersion | null>;
  decision: string;
}

/** The decision column's text per cluster id of an article (empty where nothing is decided). */
export type DecisionColumn = (article: ReviewArticle) => ReadonlyMap<string, string>;

export function disagreementRows(
  article: ReviewArticle,
  clusters: readonly Cluster[],
  decisions: ReadonlyMap<string, string> = new Map(),
): DisagreementRow[] {
  const map = new OffsetMap(article.text);
  const rows: DisagreementRow[] = [];
  for (const c of clusters) {
    if (c.unanimous) continue;
    const from = Math.max(0, c.start - CONTEXT);
    const to = Math.min(map.codePointLength, c.end + CONTEXT);
    const versions: Record<string, DisagreementVersion | null> = {};
    for (const layer of article.layers) versions[layer.annotator] = null;
    for (const { annotator, span } of c.members) {
      versions[annotator] = {
        start: span.start,
        end: span.end,
        label: span.label,
        text: map.slice(span.start, span.end, 'codepoint'),
      };
    }
    rows.push({
      cluster: c.id,
      article_id: article.id,
      title: article.title,
      kind: c.kinds.join('+'),
      start: c.start,
      end: c.end,
      context_start: from,
      context: map.slice(from, to, 'codepoint'),
      versions,
      decision: decisions.get(c.id) ?? '',
    });
  }
  return rows;
}

export type DisagreementFormat = 'jsonl' | 'csv';

/** The format named by the file's extension; BAD_INPUT for any other. */
export function formatFor(file: string): DisagreementFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw new AppError(
    'BAD_INPUT',
    `cannot tell the format of ${file} from its extension${ext ? ` (${ext})` : ''}: name it .jsonl or .csv`,
  );
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 line ending (CRLF); fields with commas, quotes or line breaks are quoted. */
function csvLine(fields: (string | number)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** CSV columns: the row's fields, then start, end, label and text per annotator, then decision. */
export function csvHeader(annotators: readonly string[]): string {
  return csvLine([
    'cluster',
    'article_id',
    'title',
    'kind',
    'start',
    'end',
    'context_start',
    'context',
    ...annotators.flatMap((a) => [`${a} start`, `${a} end`, `${a} label`, `${a} text`]),
    'decision',
  ]);
}

/** An annotator who did not mark the article done has empty cells; one with no span here, "(no span)". */
export function csvRow(row: DisagreementRow, annotators: readonly string[]): string {
  return csvLine([
    row.cluster,
    row.article_id,
    row.title,
    row.kind,
    row.start,
    row.end,
    row.context_start,
    row.context,
    ...annotators.flatMap((a) => {
      if (!(a in row.versions)) return ['', '', '', ''];
      const v = row.versions[a];
      return v ? [v.start, v.end, v.label, v.text] : ['', '', '(no span)', ''];
    }),
    row.decision,
  ]);
}

export interface DisagreementSummary {
  file: string;
  format: DisagreementFormat;
  /** Articles two or more annotators marked done. */
  articles: number;
  rows: number;
  byKind: Record<string, number>;
}

/**
 * Writes the report for the articles two or more annotators marked done, streamed, into a
 * temporary file renamed over `file` only when complete. Never writes over the project.
 */
export async function writeDisagreements(
  projectFile: string,
  annotators: readonly string[],
  articles: Iterable<ReviewArticle>,
  file: string,
  decisionColumn?: DecisionColumn,
): Promise<DisagreementSummary> {
  const format = formatFor(file);
  assertNotProjectFile(projectFile, [file]);
  const sink = new Sink(file);
  const summary: DisagreementSummary = { file, format, articles: 0, rows: 0, byKind: {} };
  try {
    if (format === 'csv') await sink.write(csvHeader(annotators));
    for (const article of articles) {
      if (article.layers.length < 2) continue;
      summary.articles++;
      const decided = decisionColumn?.(article);
      for (const row of disagreementRows(article, clusterArticle(article), decided)) {
        summary.rows++;
        summary.byKind[row.kind] = (summary.byKind[row.kind] ?? 0) + 1;
        await sink.write(format === 'csv' ? csvRow(row, annotators) : JSON.stringify(row) + '\n');
      }
    }
    await sink.close();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  return summary;
}

export function formatDisagreementSummary(s: DisagreementSummary): string {
  const kinds = Object.entries(s.byKind)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`);
  return (
    `Wrote ${s.rows} disagreement${s.rows === 1 ? '' : 's'} from ${s.articles} article${s.articles === 1 ? '' : 's'} ` +
    `marked done by two or more annotators to ${s.file} (${s.format}).` +
    (kinds.length ? `\nBy kind: ${kinds.join(', ')}` : '')
  );
}
