// The articles an export writes, one page at a time (memory stays flat however large the
// project): each article with the layers chosen by --layer and --only, spans in UTF-16
// offsets sorted by start, then end, then label.
import { parseExact, type ExternalId } from '../exact-json';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../shared/model';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/open';
import { readNames, type GoldKind } from '../review/decision-log';
import { goldSpans } from '../review/gold-layer';

export interface ExportSpan {
  start: number;
  end: number;
  label: string;
  /** Gold spans only: whose version it was, and how it became gold. */
  sources?: readonly string[];
  decision?: GoldKind;
}

export interface ExportLayer {
  /** Annotator name; null for an article no layer has touched (exported with --layer all). */
  name: string | null;
  status: ArticleStatus;
  spans: ExportSpan[];
  /** The adjudicated layer (--layer gold); its status is done where the article is adjudicated. */
  gold?: boolean;
}

export interface ExportArticle {
  id: number;
  /** What the export calls the article: the id it was imported with, else its row id. */
  key: ExternalId;
  title: string;
  source: string;
  text: string;
  meta: Record<string, unknown>;
  contentHash: string;
  layers: ExportLayer[];
}

export interface Selection {
  layer: string;
  /** For gold, done is the same as adjudicated; all adds articles with decisions not yet adjudicated. */
  only: 'done' | 'all' | 'adjudicated';
  /**
   * 'id' (default): row order, which is import order. 'content': by content hash, an order that
   * depends on the texts alone, so that split files come out the same in any project.
   */
  order?: 'id' | 'content' | undefined;
}

const PAGE = 256;

export const NO_GOLD =
  'this project has no gold layer yet: no conflict has been decided (spanwise review <project> --auto applies the merge policy)';

/** The annotator id for --layer NAME, null for 'all', 'gold' for gold. Throws for unknown names. */
export function resolveLayer(db: Db, layer: string): number | null | 'gold' {
  if (layer === 'all') return null;
  if (layer === 'gold') {
    const any = db.prepare('SELECT 1 FROM decisions UNION ALL SELECT 1 FROM article_review LIMIT 1').get();
    if (!any) throw new AppError('BAD_INPUT', NO_GOLD);
    return 'gold';
  }
  const row = db.prepare('SELECT id FROM annotators WHERE name = ?').get(layer) as { id: number } | undefined;
  if (!row) {
    const names = (db.prepare('SELECT name FROM annotators ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    );
    throw new AppError(
      'BAD_INPUT',
      `no layer named ${JSON.stringify(layer)}; layers: ${names.length ? names.join(', ') : '(none yet)'}, or all`,
    );
  }
  return row.id;
}

function byStartEndLabel(a: ExportSpan, b: ExportSpan): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** How many articles the selection will visit (for progress). */
export function countArticles(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
}

/** What --only means for this layer (its default when not given); refuses adjudicated for other layers. */
export function resolveOnly(layer: string, only: Selection['only'] | undefined): Selection['only'] {
  if (layer === 'gold') return only === 'all' ? 'all' : 'adjudicated';
  if (only === 'adjudicated') {
    throw new AppError(
      'BAD_INPUT',
      `--only adjudicated applies to the gold layer (--layer gold), not to ${JSON.stringify(layer)}`,
    );
  }
  return only ?? 'all';
}

export function* selectArticles(db: Db, sel: Selection): Generator<ExportArticle> {
  const resolved = resolveLayer(db, sel.layer);
  const gold = resolved === 'gold';
  const annotatorId = gold ? null : resolved;
  const only = resolveOnly(sel.layer, sel.only);
  // Names by id, in plain arrays: looked up once per span.
  const labels: string[] = [];
  for (const r of db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[])
    labels[r.id] = r.name;
  const annotators = new Map(
    (db.prepare('SELECT id, name FROM annotators').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]),
  );
  // `+annotator_id`: filter, do not search by it. The range on article_id is the selective
  // term; searching article_status_by_annotator instead would rescan the whole layer per page.
  const one = annotatorId === null ? '' : 'AND +annotator_id = @annotator';
  const byContent = sel.order === 'content';
  const key = byContent ? 'content_hash' : 'id';
  // Gold: the adjudicated articles, and with --only all those with decisions too.
  const adjudicated = `EXISTS (SELECT 1 FROM article_review r WHERE r.article_id = a.id AND r.status = 'adjudicated')`;
  const inGold = !gold
    ? ''
    : only === 'all'
      ? `AND (${adjudicated} OR EXISTS (SELECT 1 FROM decisions d WHERE d.article_id = a.id))`
      : `AND ${adjudicated}`;
  // Whether an article is adjudicated is read for the gold layer only (a lookup per article).
  const pageQ = db.prepare(
    `SELECT id, title, source, text, meta, external_id AS externalId, content_hash AS contentHash,
            ${gold ? adjudicated : '0'} AS adjudicated
       FROM articles a WHERE ${key} > @after ${inGold} ORDER BY ${key} LIMIT ${PAGE}`,
  );
  const names = gold ? readNames(db) : null;
  // A page in id order is an id range; in content order, a list of ids.
  const inPage = byContent ? 'article_id IN (SELECT value FROM json_each(@ids))' : 'article_id BETWEEN @lo AND @hi';
  const spansQ = db
    .prepare(
      `SELECT article_id, annotator_id, label_id, start_offset, end_offset
         FROM spans WHERE ${inPage} AND deleted = 0 ${one}`,
    )
    .raw(true);
  const statusQ = db
    .prepare(`SELECT article_id, annotator_id, status FROM article_status WHERE ${inPage} ${one}`)
    .raw(true);
  let after: number | string = byContent ? '' : 0;
  for (;;) {
    const rows = pageQ.all({ after }) as {
      id: number;
      title: string;
      source: string;
      text: string;
      meta: string;
      externalId: string | null;
      contentHash: string;
      adjudicated: 0 | 1;
    }[];
    if (rows.length === 0) return;
    const tail = rows[rows.length - 1]!;
    after = byContent ? tail.contentHash : tail.id;
    const article = (row: (typeof rows)[number], layers: ExportLayer[]): ExportArticle => ({
      id: row.id,
      key: row.externalId === null ? row.id : (parseExact(row.externalId) as ExternalId),
      title: row.title,
      source: row.source,
      text: row.text,
      meta: parseExact(row.meta) as Record<string, unknown>,
      contentHash: row.contentHash,
      layers,
    });
    if (gold) {
      const spans = goldSpans(
        db,
        rows.map((r) => r.id),
        names!,
      );
      for (const row of rows) {
        const layer: ExportLayer = {
          name: 'gold',
          status: row.adjudicated ? 'done' : 'in_progress',
          gold: true,
          spans: (spans.get(row.id) ?? []).map((s) => ({
            start: s.start,
            end: s.end,
            label: s.label,
            sources: s.sources,
            decision: s.decision,
          })),
        };
        yield article(row, [layer]);
      }
      continue;
    }
    const page = byContent ? { ids: JSON.stringify(rows.map((r) => r.id)) } : { lo: rows[0]!.id, hi: tail.id };
    const params = annotatorId === null ? page : { ...page, annotator: annotatorId };
    // article id -> annotator id -> layer
    const layers = new Map<number, Map<number, ExportLayer>>();
    const layerOf = (a: number, who: number): ExportLayer => {
      let m = layers.get(a);
      if (!m) layers.set(a, (m = new Map<number, ExportLayer>()));
      let l = m.get(who);
      if (!l) m.set(who, (l = { name: annotators.get(who) ?? `annotator ${who}`, status: 'todo', spans: [] }));
      return l;
    };
    // Rows arrive in index order (article, annotator), so the last layer is usually the right one.
    let last: ExportLayer | null = null;
    let lastA = -1;
    let lastWho = -1;
    for (const [a, who, l, start, end] of spansQ.all(params) as [number, number, number, number, number][]) {
      if (a !== lastA || who !== lastWho) {
        last = layerOf(a, who);
        lastA = a;
        lastWho = who;
      }
      last!.spans.push({ start, end, label: labels[l] ?? `label ${l}` });
    }
    for (const [a, who, status] of statusQ.all(params) as [number, number, string][]) {
      layerOf(a, who).status = (ARTICLE_STATUSES as readonly string[]).includes(status)
        ? (status as ArticleStatus)
        : 'todo';
    }
    for (const row of rows) {
      let chosen: ExportLayer[];
      const found = layers.get(row.id);
      if (annotatorId !== null) {
        chosen = [found?.get(annotatorId) ?? { name: sel.layer, status: 'todo', spans: [] }];
      } else {
        chosen = found ? [...found.values()].sort((x, y) => (x.name! < y.name! ? -1 : x.name! > y.name! ? 1 : 0)) : [];
        if (chosen.length === 0) chosen = [{ name: null, status: 'todo', spans: [] }];
      }
      if (only === 'done') chosen = chosen.filter((l) => l.status === 'done');
      if (chosen.length === 0) continue;
      for (const l of chosen) l.spans.sort(byStartEndLabel);
      yield article(row, chosen);
    }
  }
}
