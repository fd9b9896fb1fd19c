// The texts a person labelled, for the suggestions from their own labels. Reading them means
// reading every article they labelled (hundreds of texts), and the list is asked for each time
// an article opens, so each span's text is kept per connection by its place: an article's text
// never changes in a project, so a place always holds the same text.
import { sql, type ReadDb } from '../db/handles';

const TEXT = sql<{ text: string }>('SELECT text FROM articles WHERE id = ?');
/** Beyond this many places the cache starts again (a person labels far fewer). */
const MAX_PLACES = 200_000;

const caches = new WeakMap<object, Map<string, string>>();

interface Placed {
  labelId: number;
  start: number;
  end: number;
}

/** The distinct (label, text) pairs of these spans (by article). */
export function ownTexts(db: ReadDb, byArticle: ReadonlyMap<number, readonly Placed[]>) {
  let cache = caches.get(db);
  if (!cache || cache.size > MAX_PLACES) caches.set(db, (cache = new Map<string, string>()));
  const out = new Map<string, { labelId: number; text: string }>();
  for (const [articleId, spans] of byArticle) {
    let text: string | undefined;
    for (const s of spans) {
      const place = `${articleId}:${s.start}:${s.end}`;
      let t = cache.get(place);
      if (t === undefined) {
        text ??= TEXT.get(db, articleId)?.text ?? '';
        cache.set(place, (t = text.slice(s.start, s.end)));
      }
      out.set(`${s.labelId}\u0000${t}`, { labelId: s.labelId, text: t });
    }
  }
  return out.values();
}
