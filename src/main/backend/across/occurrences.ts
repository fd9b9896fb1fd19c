// "Label every occurrence": the other places a labelled text occurs (in its article or the
// whole set; exact text, word-bounded, case-sensitive unless asked otherwise), with context for
// a preview, and writing them all as one batch. Places where the person's span of the same
// label already covers the text are left alone and counted.
import type { Occurrence, Occurrences, OccurrenceScope, SpanBatch } from '../../../shared/across';
import { AppError } from '../../../shared/result';
import { sql, writeTransaction, type ReadDb } from '../db/handles';
import { getLabel } from '../labels';
import { writeBatch } from './batch';
import { occurrencesOf } from './occurrences-find';
import { ftsQuery, termWords } from './search';

export interface OccurrenceQuery {
  articleId: number;
  start: number;
  end: number;
  labelId: number;
  scope: OccurrenceScope;
  caseSensitive: boolean;
}

const ARTICLE = sql<{ id: number; title: string; text: string }>('SELECT id, title, text FROM articles WHERE id = ?');
const ALL = sql<{ id: number; title: string; text: string }>('SELECT id, title, text FROM articles ORDER BY id');
/** The articles whose index holds the words in a row, read in one pass (no lookup per article). */
const WITH_WORDS = sql<{ id: number; title: string; text: string }>(
  `SELECT a.id, a.title, a.text FROM articles a
   WHERE a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) ORDER BY a.id`,
);
const LATER_WITH_WORDS = sql<{ n: number }>(
  'SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? AND rowid != ?',
);
const LATER = sql<{ n: number }>('SELECT count(*) AS n FROM articles WHERE id > ? AND id != ?');
/**
 * The preview lists at most this many places over the whole set and reads no further: counting
 * the rest exactly means reading every text that holds the words (a word in three quarters of
 * 100,000 articles: 74,000 texts, 0.8 s of CPU), which labelling them does.
 */
export const PREVIEW_CAP = 1000;
const COVERING = sql<{ articleId: number; start: number; end: number }>(
  `SELECT article_id AS articleId, start_offset AS start, end_offset AS "end" FROM spans
   WHERE annotator_id = ? AND label_id = ? AND deleted = 0`,
);

const CONTEXT = 40;

/** A few words either side of [start, end), white space flattened, for a preview line. */
export function context(text: string, start: number, end: number): Pick<Occurrence, 'before' | 'text' | 'after'> {
  let from = Math.max(0, start - CONTEXT);
  let to = Math.min(text.length, end + CONTEXT);
  if (from > 0) from = Math.min(start, text.indexOf(' ', from) + 1 || start);
  if (to < text.length) to = Math.max(end, text.lastIndexOf(' ', to));
  const flat = (s: string) => s.replace(/\s+/gu, ' ');
  return {
    before: (from > 0 ? '…' : '') + flat(text.slice(from, start)),
    text: text.slice(start, end),
    after: flat(text.slice(end, to)) + (to < text.length ? '…' : ''),
  };
}

/**
 * The other occurrences of the text at [start, end) of the article, for a preview: this
 * article's first, then the set's in article order. Over the whole set the full-text index
 * names the articles that hold the span's words in a row, and only those are searched for the
 * exact, word-bounded text. Once `cap` places are listed the article in hand is finished and
 * no more are read: `total` is then left out and `unread` says how many articles holding the
 * words were not looked at; otherwise `total` counts every place.
 */
export function findOccurrences(
  db: ReadDb,
  annotatorId: number,
  q: OccurrenceQuery,
  cap: number = PREVIEW_CAP,
): Occurrences {
  const origin = ARTICLE.get(db, q.articleId);
  if (!origin) throw new AppError('NOT_FOUND', `article ${q.articleId} does not exist`);
  getLabel(db, q.labelId);
  if (q.end <= q.start || q.end > origin.text.length) {
    throw new AppError('BAD_INPUT', `${q.start}..${q.end} is not a range of article ${q.articleId}`);
  }
  const needle = origin.text.slice(q.start, q.end);
  if (needle.trim() === '') throw new AppError('BAD_INPUT', 'the span holds only white space');
  const words = termWords(needle);
  const cover = new Map<number, { start: number; end: number }[]>();
  for (const s of COVERING.all(db, annotatorId, q.labelId)) {
    const list = cover.get(s.articleId);
    if (list) list.push(s);
    else cover.set(s.articleId, [s]);
  }
  const occurrences: Occurrence[] = [];
  let covered = 0;
  let total = 0;
  const visit = (a: { id: number; title: string; text: string }) => {
    const spans = cover.get(a.id);
    for (const m of occurrencesOf(a.text, needle, q.caseSensitive)) {
      if (a.id === q.articleId && m.start === q.start && m.end === q.end) continue;
      if (spans?.some((s) => s.start <= m.start && s.end >= m.end)) {
        covered++;
        continue;
      }
      total++;
      if (occurrences.length < cap) {
        occurrences.push({
          articleId: a.id,
          title: a.title,
          start: m.start,
          end: m.end,
          ...context(a.text, m.start, m.end),
        });
      }
    }
  };
  visit(origin);
  let unread = 0;
  if (q.scope === 'set') {
    const fts = words.length ? ftsQuery([{ words, prefix: false }]) : null;
    for (const a of fts ? WITH_WORDS.iterate(db, fts) : ALL.iterate(db)) {
      if (a.id === q.articleId) continue;
      visit(a);
      if (occurrences.length >= cap) {
        unread = (fts ? LATER_WITH_WORDS.get(db, fts, a.id, q.articleId)! : LATER.get(db, a.id, q.articleId)!).n;
        break;
      }
    }
  }
  return {
    text: needle,
    labelId: q.labelId,
    scope: q.scope,
    caseSensitive: q.caseSensitive,
    occurrences,
    covered,
    ...(unread > 0 ? { unread } : { total }),
  };
}

/** Labels every occurrence findOccurrences counts (not only those its preview lists), in one batch (one undo). */
export function labelOccurrences(db: ReadDb, annotatorId: number, q: OccurrenceQuery): SpanBatch & Occurrences {
  return writeTransaction(db, (w) => {
    const found = findOccurrences(w, annotatorId, q, Infinity);
    const batch = writeBatch(
      w,
      annotatorId,
      'occurrences',
      found.occurrences.map((o) => ({
        articleId: o.articleId,
        labelId: q.labelId,
        start: o.start,
        end: o.end,
        origin: 'occurrence',
      })),
    );
    return { ...found, ...batch };
  });
}
