// `spanwise merge`: brings annotators' work packs into the project. Each pack's spans go into
// the layer of the person with the pack's uid (created under the pack's name if new), never
// another one. Per span id the later `updatedAt` wins, tombstones included, with a fixed
// tie-break on equal times, so merging is idempotent and the order of packs does not matter.
// All packs are read and checked before the project is touched, and written in one
// transaction: a refused pack leaves the project as it was.
import { labelHotkeyProblem } from '../../../shared/keymap';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { MergeSummary } from '../../../shared/packs';
import { AppError } from '../../../shared/result';
import { ensureAnnotatorByUid } from '../annotators';
import { now } from '../clock';
import { sql, writeTransaction, type WriteDb } from '../db/handles';
import type { Db } from '../db/open';
import { createLabel } from '../labels';
import { adjudicatedSet, setAdjudicated } from '../review/decisions';
import { reopenedClusters } from '../review/queue';
import { readPack, type Lined, type Pack, type SpanRecord } from './format';
import { guidelinesHash, placeArticles } from './project-data';

export type { MergeSummary } from '../../../shared/packs';

interface SpanRow {
  article_id: number;
  label: string;
  start_offset: number;
  end_offset: number;
  origin: string;
  updated_at: string;
  deleted: 0 | 1;
}

// At the same time stamp the more settled status wins; a skip or a flag is settled, not done.
const RANK: Record<string, number> = { todo: 0, in_progress: 1, skipped: 2, flagged: 2, done: 3 };

/** Orders two versions of a span with the same id: later update first, then a fixed order. */
function newer(a: { updatedAt: string; key: string }, b: { updatedAt: string; key: string }): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.key > b.key;
}

function spanKey(deleted: boolean, label: string, start: number, end: number, origin: string): string {
  return `${deleted ? 1 : 0}|${label.toLowerCase()}|${start}|${end}|${origin}`;
}

function refuse(pack: Pack, message: string, line?: number): never {
  throw new AppError('BAD_INPUT', `${pack.file}${line === undefined ? '' : `:${line}`}: ${message}`);
}

class Merger {
  private readonly q;
  private readonly labels = new Map<string, number>();

  constructor(private readonly db: WriteDb) {
    this.q = {
      label: db.prepare<[string], { id: number }>('SELECT id FROM labels WHERE name = ? COLLATE NOCASE'),
      hotkeyUsed: db.prepare<[string], { id: number }>('SELECT id FROM labels WHERE hotkey = ? COLLATE NOCASE'),
      layer: db.prepare<[number], SpanRow & { id: string }>(
        `SELECT s.id, s.article_id, l.name AS label, s.start_offset, s.end_offset, s.origin,
                s.updated_at, s.deleted
           FROM spans s JOIN labels l ON l.id = s.label_id WHERE s.annotator_id = ?`,
      ),
      insertSpan: db.prepare(
        `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateSpan: db.prepare(
        `UPDATE spans SET label_id = ?, start_offset = ?, end_offset = ?, origin = ?, updated_at = ?, deleted = ?
          WHERE id = ?`,
      ),
      status: db.prepare<[number, number], { status: string; updated_at: string }>(
        'SELECT status, updated_at FROM article_status WHERE article_id = ? AND annotator_id = ?',
      ),
      putStatus: db.prepare(
        `INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (article_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
      ),
      remember: db.prepare(
        `INSERT INTO merged_packs (checksum, file, annotator_uid, merged_at, summary) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (checksum) DO NOTHING`,
      ),
    };
  }

  /** The project's label of this name (any case), created from the pack's record if missing. */
  private labelId(pack: Pack, name: string, created: string[]): number {
    const key = name.toLowerCase();
    const cached = this.labels.get(key);
    if (cached !== undefined) return cached;
    let id = this.q.label.get(name)?.id;
    if (id === undefined) {
      const rec = pack.labels.find((l) => l.name.toLowerCase() === key);
      // The pack's hotkey when it is free here (and not an editor key); otherwise the first free one.
      const hotkey =
        rec?.hotkey && !this.q.hotkeyUsed.get(rec.hotkey) && !labelHotkeyProblem(rec.hotkey) ? rec.hotkey : undefined;
      id = createLabel(this.db, {
        name: rec?.name ?? name,
        color: rec?.color,
        hotkey,
        description: rec?.description,
      }).id;
      created.push(rec?.name ?? name);
    }
    this.labels.set(key, id);
    return id;
  }

  merge(pack: Pack, onSpan?: () => void): MergeSummary {
    const { uid, name } = pack.header.annotator;
    const { annotator, created } = ensureAnnotatorByUid(this.db, uid, name, true);
    const summary: MergeSummary = {
      file: pack.file,
      checksum: pack.checksum,
      annotator: { uid, name: annotator.name, created },
      spans: { added: 0, updated: 0, deleted: 0, unchanged: 0 },
      statusesChanged: 0,
      articlesAdded: 0,
      labelsCreated: [],
      guidelinesDiffer: pack.header.guidelinesHash !== guidelinesHash(this.db),
      reopened: [],
    };
    const placed = placeArticles(this.db, pack);
    const articleIds = placed.ids;
    summary.articlesAdded = placed.added;
    for (const l of pack.labels) this.labelId(pack, l.name, summary.labelsCreated);
    // The layer's spans in one scan (far cheaper than a lookup per span); a layer made by this
    // merge has none.
    const layer = new Map<string, SpanRow>();
    if (!created) for (const row of this.q.layer.iterate(annotator.id)) layer.set(row.id, row);
    for (const s of pack.spans) {
      this.mergeSpan(pack, s, annotator.id, articleIds.get(s.article)!, summary, layer);
      onSpan?.();
    }
    for (const st of pack.statuses) {
      const articleId = articleIds.get(st.article)!;
      const row = this.q.status.get(articleId, annotator.id);
      const wins =
        !row ||
        st.updatedAt > row.updated_at ||
        (st.updatedAt === row.updated_at && RANK[st.status]! > RANK[row.status]!);
      if (wins && (!row || row.status !== st.status || row.updated_at !== st.updatedAt)) {
        this.q.putStatus.run(articleId, annotator.id, st.status, st.updatedAt);
        summary.statusesChanged++;
      }
    }
    this.q.remember.run(pack.checksum, path.basename(pack.file), uid, now(), JSON.stringify(summary));
    return summary;
  }

  private mergeSpan(
    pack: Pack,
    s: Lined<SpanRecord>,
    annotatorId: number,
    articleId: number,
    summary: MergeSummary,
    layer: ReadonlyMap<string, SpanRow>,
  ): void {
    const labelId = this.labelId(pack, s.label, summary.labelsCreated);
    const row = layer.get(s.id);
    if (!row) {
      // Not in this layer: new here, unless another layer holds the id (the primary key says so).
      try {
        this.q.insertSpan.run(
          s.id,
          articleId,
          annotatorId,
          labelId,
          s.start,
          s.end,
          s.origin,
          s.createdAt,
          s.updatedAt,
          s.deleted ? 1 : 0,
        );
      } catch (err) {
        if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          refuse(pack, `span ${s.id} belongs to another annotator's layer in this project`, s.line);
        }
        throw err;
      }
      if (s.deleted) summary.spans.deleted++;
      else summary.spans.added++;
      return;
    }
    if (row.article_id !== articleId) refuse(pack, `span ${s.id} is on another article in this project`, s.line);
    const theirs = { updatedAt: s.updatedAt, key: spanKey(s.deleted, s.label, s.start, s.end, s.origin) };
    const ours = {
      updatedAt: row.updated_at,
      key: spanKey(row.deleted === 1, row.label, row.start_offset, row.end_offset, row.origin),
    };
    if (theirs.key === ours.key && theirs.updatedAt === ours.updatedAt) {
      summary.spans.unchanged++;
      return;
    }
    if (!newer(theirs, ours)) {
      summary.spans.unchanged++;
      return;
    }
    this.q.updateSpan.run(labelId, s.start, s.end, s.origin, s.updatedAt, s.deleted ? 1 : 0, s.id);
    if (s.deleted && row.deleted === 0) summary.spans.deleted++;
    else summary.spans.updated++;
  }
}

const REMEMBERED_SUMMARY = sql('UPDATE merged_packs SET summary = ? WHERE checksum = ?');

/**
 * Merges already-read packs in one transaction; any refusal rolls everything back. `onSpan`
 * runs after each span (a job's progress and Cancel: what it throws rolls the merge back).
 */
export function mergeReadPacks(db: Db, packs: readonly Pack[], onSpan?: () => void): MergeSummary[] {
  return writeTransaction(db, (w) => {
    const merger = new Merger(w);
    const touched = new Set<number>();
    const summaries = packs.map((p) => {
      // Only articles with decisions can have clusters reopened; a merge never removes one.
      const decided = (
        w
          .prepare(
            `SELECT DISTINCT a.id FROM articles a JOIN decisions d ON d.article_id = a.id
              WHERE a.content_hash IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
          )
          .raw(true)
          .all(JSON.stringify([...p.articles.keys()])) as [number][]
      ).map((r) => r[0]);
      const key = (r: { articleId: number; clusterId: string }) => `${r.articleId}:${r.clusterId}`;
      const before = new Set(decided.length ? reopenedClusters(w, decided).map(key) : []);
      const summary = merger.merge(p, onSpan);
      if (decided.length) {
        for (const id of decided) touched.add(id);
        summary.reopened = reopenedClusters(w, decided)
          .filter((r) => !before.has(key(r)))
          .map(({ articleId, title, clusterId }) => ({ articleId, title, clusterId }));
      }
      return { summary, checksum: p.checksum, decided: decided.length > 0 };
    });
    // Several packs in one merge: a cluster one pack reopened, the next may reshape again. Only
    // what is reopened at the end is reported.
    const reopenedNow = touched.size
      ? reopenedClusters(
          w,
          [...touched].sort((a, b) => a - b),
        )
      : [];
    const now = new Set(reopenedNow.map((r) => `${r.articleId}:${r.clusterId}`));
    // An adjudicated article with a reopened cluster is the reviewer's again: its gold changed
    // under it, so it leaves the adjudicated set (and the gold export) until marked again.
    const adjudicated = adjudicatedSet(w);
    const reopenedArticles = new Set(reopenedNow.map((r) => r.articleId));
    const unadjudicated = [...reopenedArticles].filter((id) => adjudicated.has(id)).sort((a, b) => a - b);
    for (const id of unadjudicated) setAdjudicated(w, id, false);
    return summaries.map(({ summary, checksum, decided }) => {
      if (!decided) return summary;
      summary.reopened = summary.reopened.filter((r) => now.has(`${r.articleId}:${r.clusterId}`));
      const mine = new Set(summary.reopened.map((r) => r.articleId));
      summary.unadjudicated = unadjudicated.filter((id) => mine.has(id));
      // The remembered summary (the inbox reports it) says what was reopened too.
      REMEMBERED_SUMMARY.run(w, JSON.stringify(summary), checksum);
      return summary;
    });
  });
}

/** Reads and checks every pack first, then merges them all in one transaction. */
export function mergePacks(db: Db, files: readonly string[]): MergeSummary[] {
  if (files.length === 0) throw new AppError('BAD_INPUT', 'no packs to merge');
  const packs = files.map((f) => readPack(f, 'work'));
  return mergeReadPacks(db, packs);
}

export function formatMergeSummary(s: MergeSummary): string {
  const { added, updated, deleted, unchanged } = s.spans;
  const lines = [
    `${s.file}: ${s.annotator.name} (${s.annotator.uid})${s.annotator.created ? ', new layer' : ''}`,
    `  spans: ${added} added, ${updated} updated, ${deleted} deleted, ${unchanged} unchanged`,
    `  articles added: ${s.articlesAdded}; statuses changed: ${s.statusesChanged}`,
    `  labels created: ${s.labelsCreated.length ? s.labelsCreated.join(', ') : 'none'}`,
  ];
  if (s.guidelinesDiffer) lines.push('  note: the pack was made with other guidelines than this project has');
  if (s.reopened.length) {
    const n = s.reopened.length;
    lines.push(`  reopened for review: ${n} decided cluster${n === 1 ? '' : 's'} whose versions changed`);
    for (const r of s.reopened) lines.push(`    article ${r.articleId} (${r.title}): cluster ${r.clusterId}`);
  }
  if (s.unadjudicated?.length) {
    const ids = s.unadjudicated;
    lines.push(
      `  no longer adjudicated (a decided cluster reopened): article${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`,
    );
  }
  return lines.join('\n');
}
