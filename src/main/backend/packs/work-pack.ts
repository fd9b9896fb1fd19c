// `spanwise pack`: one annotator's layer as a work pack — their identity, every span with its
// id, timestamps and tombstone, their statuses, the labels those spans use and the articles
// they refer to (with their text, so that a reviewer who lacks one gets it).
import type { WorkPackSummary } from '../../../shared/packs';
import { AppError } from '../../../shared/result';
import type { Connection } from '../db/open';
import { now } from '../clock';
import { assertNotProjectFile } from '../exporters/target';
import { PACK_FORMAT, PACK_VERSION, PackWriter, type SpanRecord, type StatusRecord } from './format';
import {
  ARTICLE_COLUMNS,
  articleRecord,
  guidelinesHash,
  labelRecord,
  resolveAnnotator,
  type ArticleRow,
} from './project-data';

export type { WorkPackSummary } from '../../../shared/packs';

/** Writes `who`'s layer (a name, or a uid when names repeat) to `out`. */
export function writeWorkPack(db: Connection, who: string, out: string): WorkPackSummary {
  const annotator = resolveAnnotator(db, who);
  if (!annotator) throw new AppError('NOT_FOUND', `no annotator ${JSON.stringify(who)} in this project`);
  assertNotProjectFile(db.name, [out]);
  // One read transaction: a consistent picture even while the app keeps writing.
  return db.transaction(() => {
    const articles = db
      .prepare(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a
          WHERE a.id IN (SELECT article_id FROM spans WHERE annotator_id = @a
                         UNION SELECT article_id FROM article_status WHERE annotator_id = @a)
          ORDER BY a.id`,
      )
      .all({ a: annotator.id }) as ArticleRow[];
    const labels = db
      .prepare(
        `SELECT name, color, hotkey, description FROM labels
          WHERE id IN (SELECT DISTINCT label_id FROM spans WHERE annotator_id = ?) ORDER BY position, id`,
      )
      .all(annotator.id) as { name: string; color: string; hotkey: string | null; description: string }[];
    const writer = new PackWriter(out, {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      kind: 'work',
      offsets: 'utf16',
      createdAt: now(),
      annotator: { uid: annotator.uid, name: annotator.name },
      guidelinesHash: guidelinesHash(db),
    });
    try {
      for (const l of labels) writer.write(labelRecord(l));
      for (const a of articles) writer.write(articleRecord(a));
      let statuses = 0;
      for (const s of db
        .prepare(
          `SELECT a.content_hash AS article, st.status, st.updated_at AS updatedAt
             FROM article_status st JOIN articles a ON a.id = st.article_id
            WHERE st.annotator_id = ? ORDER BY a.id`,
        )
        .iterate(annotator.id) as IterableIterator<Omit<StatusRecord, 'type'>>) {
        writer.write({ type: 'status', ...s });
        statuses++;
      }
      let spans = 0;
      let tombstones = 0;
      for (const s of db
        .prepare(
          `SELECT s.id, a.content_hash AS article, l.name AS label, s.start_offset AS start, s.end_offset AS "end",
                  s.origin, s.created_at AS createdAt, s.updated_at AS updatedAt, s.deleted
             FROM spans s JOIN articles a ON a.id = s.article_id JOIN labels l ON l.id = s.label_id
            WHERE s.annotator_id = ? ORDER BY s.article_id, s.start_offset, s.end_offset, s.id`,
        )
        .iterate(annotator.id) as IterableIterator<Omit<SpanRecord, 'type' | 'deleted'> & { deleted: 0 | 1 }>) {
        writer.write({ type: 'span', ...s, deleted: s.deleted === 1 });
        spans++;
        if (s.deleted) tombstones++;
      }
      const checksum = writer.finish();
      return {
        file: out,
        annotator: { uid: annotator.uid, name: annotator.name },
        spans: spans - tombstones,
        tombstones,
        articles: articles.length,
        statuses,
        checksum,
      };
    } catch (err) {
      writer.abort();
      throw err;
    }
  })();
}

export function formatWorkPackSummary(s: WorkPackSummary): string {
  return (
    `Wrote ${s.file}: ${s.annotator.name} (${s.annotator.uid}), ${s.spans} span(s)` +
    `${s.tombstones ? ` and ${s.tombstones} deletion(s)` : ''}, ${s.statuses} status(es), ${s.articles} article(s).`
  );
}
