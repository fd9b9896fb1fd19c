// Full-text search over the article set (articles_fts, see migration 006). What a person types
// is parsed here into terms and handed to FTS5 only as quoted strings, so no input is ever FTS5
// syntax: `"a phrase"`, `word`, `prefix*`; every term must appear. A hyphenated or punctuated
// term is the phrase of its words, as the index tokenises it ("anti-tank" finds "anti tank").
// FTS5 says which articles match; where in the text is found here, over the same normalised
// words (case and diacritics folded), mapped back to verbatim offsets.
import type { SearchResult, SearchResults, TextRange } from '../../../shared/across';
import { AppError } from '../../../shared/result';
import { sql, type ReadDb } from '../db/handles';
import { normalize } from './normalize';

export interface SearchTerm {
  words: string[];
  /** The last word is a prefix. */
  prefix: boolean;
}

const WORDS = /[\p{L}\p{N}\p{Co}]+/gu;

export function termWords(raw: string): string[] {
  return normalize(raw, { diacritics: true }).text.match(WORDS) ?? [];
}

/** The terms of a query, or a BAD_INPUT error that says what is wrong and where. */
export function parseQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new AppError('BAD_INPUT', `search: ${message}`);
  };
  while (i < query.length) {
    if (/\s/u.test(query[i]!)) {
      i++;
      continue;
    }
    let raw: string;
    let quoted = false;
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) fail(`the quote at character ${i + 1} is not closed`);
      raw = query.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else {
      const start = i;
      while (i < query.length && !/\s/u.test(query[i]!) && query[i] !== '"') i++;
      raw = query.slice(start, i);
    }
    let prefix = false;
    if (query[i] === '*' && quoted) {
      prefix = true;
      i++;
    } else if (!quoted && raw.endsWith('*')) {
      prefix = true;
      raw = raw.slice(0, -1);
    }
    if (raw.includes('*')) fail(`"${raw}": a * may only end a word (prefix search, like sanction*)`);
    if (i < query.length && !/\s/u.test(query[i]!) && query[i] !== '"')
      fail(`put a space after the phrase that ends at character ${i}`);
    const words = termWords(raw);
    if (words.length === 0) {
      if (quoted && raw.trim() === '') fail('an empty phrase ("") finds nothing');
      fail(`"${raw}${prefix ? '*' : ''}" has no letters or digits to search for`);
    }
    terms.push({ words, prefix });
  }
  if (terms.length === 0) fail('the query is empty');
  return terms;
}

/** The FTS5 query for these terms: each one a quoted string, so nothing in it is syntax. */
export function ftsQuery(terms: readonly SearchTerm[]): string {
  return terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' AND ');
}

const LETTER = '[\\p{L}\\p{N}\\p{Co}]';
const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** A term as a pattern over normalised text: its words in a row, whole words (the last a prefix). */
function termPattern(term: SearchTerm): string {
  const words = term.words.map((w) => w.replace(ESCAPE, '\\$&'));
  return `(?<!${LETTER})${words.join(`(?:(?!${LETTER}).)+`)}${term.prefix ? `${LETTER}*` : ''}(?!${LETTER})`;
}

/** Every place the terms occur in `text`, as verbatim ranges in text order. */
export function findHits(text: string, terms: readonly SearchTerm[]): TextRange[] {
  const n = normalize(text, { diacritics: true });
  const re = new RegExp(terms.map(termPattern).join('|'), 'gu');
  const hits: TextRange[] = [];
  for (const m of n.text.matchAll(re)) hits.push(n.toVerbatim(m.index, m.index + m[0].length));
  return hits;
}

const CONTEXT = 60;

/** A line around the first hit, cut at spaces, with the hits inside it. */
export function snippet(text: string, hits: readonly TextRange[]): SearchResult['snippet'] {
  const first = hits[0] ?? { start: 0, end: 0 };
  let from = Math.max(0, first.start - CONTEXT);
  let to = Math.min(text.length, first.end + CONTEXT);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < first.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space >= first.end) to = space;
  }
  const lead = from > 0 ? '…' : '';
  const body = text.slice(from, to).replace(/\s/gu, ' ');
  return {
    text: lead + body + (to < text.length ? '…' : ''),
    hits: hits
      .filter((h) => h.start >= from && h.end <= to)
      .map((h) => ({ start: h.start - from + lead.length, end: h.end - from + lead.length })),
  };
}

// The page is ranked on the index alone and only its rows are read: joined before the sort,
// every matching article's title and text went through the sorter (a word in 74,000 articles
// took 380 ms of CPU that way, 36 ms this way).
const MATCHES = sql<{ id: number; title: string; text: string }>(
  `WITH best AS (
     SELECT rowid AS id, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?
   )
   SELECT a.id, a.title, a.text FROM best JOIN articles a ON a.id = best.id ORDER BY best.rank, best.id`,
);
const COUNT = sql<{ n: number }>('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?');
const IDS = sql<{ id: number }>('SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid');

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

/** Articles matching `query`, best first (bm25), each with its hits and a snippet. */
export function search(db: ReadDb, query: string, options: SearchOptions = {}): SearchResults {
  const terms = parseQuery(query);
  const fts = ftsQuery(terms);
  const rows = MATCHES.all(db, fts, options.limit ?? 20, options.offset ?? 0);
  const results = rows.map((row): SearchResult => {
    const hits = findHits(row.text, terms);
    return {
      articleId: row.id,
      title: row.title,
      hits,
      hitCount: hits.length,
      titleMatch: findHits(row.title, terms).length > 0,
      snippet: snippet(row.text, hits),
    };
  });
  return { query, total: COUNT.get(db, fts)!.n, results };
}

const ALL_MATCHES = sql<{ id: number; title: string; text: string }>(
  `SELECT a.id, a.title, a.text FROM articles_fts f JOIN articles a ON a.id = f.rowid
   WHERE articles_fts MATCH ? ORDER BY a.id`,
);

/** Every article the parsed query matches, in id order, with its text. */
export function matchingArticles(
  db: ReadDb,
  terms: readonly SearchTerm[],
): { id: number; title: string; text: string }[] {
  return ALL_MATCHES.all(db, ftsQuery(terms));
}

/** Ids of the articles whose text or title holds these words in a row (a candidate filter). */
export function articlesWithWords(db: ReadDb, words: readonly string[]): number[] {
  return IDS.all(db, ftsQuery([{ words: [...words], prefix: false }])).map((r) => r.id);
}
