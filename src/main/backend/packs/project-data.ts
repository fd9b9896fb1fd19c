// What packs read from a project: people by name or uid, labels, guidelines, articles as
// records. Shared by the work pack, assignment and merge code.
import type { Annotator, Label } from '../../../shared/model';
import { AppError } from '../../../shared/result';
import { parseExact, type ExternalId } from '../exact-json';
import { displayName, listAnnotators } from '../annotators';
import { sql, type WriteDb } from '../db/handles';
import type { Db } from '../db/open';
import { now } from '../clock';
import { getSetting } from '../settings';
import { sha256, type ArticleRecord, type LabelRecord, type Pack } from './format';

/** The annotator `who` names: a uid (or its first characters), else an exact name. */
export function resolveAnnotator(db: Db, who: string): Annotator | null {
  const all = listAnnotators(db);
  const key = who.trim().toLowerCase();
  const byUid = all.filter((a) => a.uid === key || (key.length >= 6 && a.uid.replace(/-/g, '').startsWith(key)));
  if (byUid.length === 1) return byUid[0]!;
  const byName = all.filter((a) => a.name === who.trim());
  if (byName.length > 1) {
    throw new AppError(
      'BAD_INPUT',
      `${byName.length} annotators are named ${JSON.stringify(who)}: ${byName
        .map((a) => displayName(a, all))
        .join(', ')}; name one by its id`,
    );
  }
  return byName[0] ?? null;
}

export function guidelinesText(db: Db): string {
  return getSetting(db, 'guidelines') ?? '';
}

export function labelRecord(l: Pick<Label, 'name' | 'color' | 'hotkey' | 'description'>): LabelRecord {
  return { type: 'label', name: l.name, color: l.color, hotkey: l.hotkey, description: l.description };
}

interface ArticleRow {
  id: number;
  title: string;
  source: string;
  text: string;
  meta: string;
  content_hash: string;
  external_id: string | null;
}

export function articleRecord(row: ArticleRow): ArticleRecord {
  return {
    type: 'article',
    hash: row.content_hash,
    title: row.title,
    source: row.source,
    text: row.text,
    meta: parseExact(row.meta) as Record<string, unknown>,
    externalId: row.external_id === null ? null : (parseExact(row.external_id) as ExternalId),
  };
}

export const ARTICLE_COLUMNS = 'a.id, a.title, a.source, a.text, a.meta, a.content_hash, a.external_id';
export type { ArticleRow };

export function guidelinesHash(db: Db): string {
  return sha256(guidelinesText(db));
}

const ARTICLE_BY_HASH = sql<{ id: number; text: string }>('SELECT id, text FROM articles WHERE content_hash = ?');
const INSERT_ARTICLE = sql(
  `INSERT INTO articles (title, source, text, meta, content_hash, created_at, external_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
);

/**
 * A pack's articles in this project, by content hash: the ones it has, and the others added
 * with their text, title, source, metadata and id. The same hash with other text is refused.
 */
export function placeArticles(w: WriteDb, pack: Pack): { ids: Map<string, number>; added: number; existing: number } {
  const ids = new Map<string, number>();
  let added = 0;
  const ts = now();
  for (const [hash, a] of pack.articles) {
    const row = ARTICLE_BY_HASH.get(w, hash);
    if (row) {
      if (row.text !== a.text) {
        throw new AppError(
          'BAD_INPUT',
          `${pack.file}:${a.line}: article ${hash.slice(0, 12)} has the same content hash as one in this project but different text`,
        );
      }
      ids.set(hash, row.id);
      continue;
    }
    const externalId = a.externalId === null ? null : JSON.stringify(a.externalId);
    const info = INSERT_ARTICLE.run(w, a.title, a.source, a.text, JSON.stringify(a.meta), hash, ts, externalId);
    ids.set(hash, Number(info.lastInsertRowid));
    added++;
  }
  return { ids, added, existing: ids.size - added };
}
