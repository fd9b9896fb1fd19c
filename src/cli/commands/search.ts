// `spanwise search <project> QUERY [--limit N] [--json]`: the app's full-text search, with
// every hit's offsets in code points.
import { search } from '../../main/backend/across/search';
import type { SearchResult } from '../../shared/across';
import { OffsetMap } from '../../shared/offsets';
import { sql } from '../../main/backend/db/handles';
import { parse, UsageError } from '../args';
import type { Io } from '../index';
import { openExistingProject, projectArg } from './common';

export const SEARCH_HELP = `Usage: spanwise search <project.db> QUERY [--limit N] [--json]

Full-text search over every article's title and text, case- and diacritic-insensitive
("erdogan" finds "Erdoğan"). Every term must appear:
  word          the word
  "a phrase"    the words in this order, next to each other
  prefix*       words that start so (sanction* finds sanctions, sanctioned)
A hyphenated term is the phrase of its words (anti-tank finds "anti tank"). Results come best
first, each with its title, hit count, a snippet and every hit's start and end in code points
of the verbatim text.

Options:
  --limit N     at most N articles (default 20, at most 500)
  --json        machine-readable output
  -h, --help    show this help

Examples:
  spanwise search project.db '"Kim Jong Un" sanction*'
  spanwise search project.db artillery --json
`;

const TEXT = sql<{ text: string }>('SELECT text FROM articles WHERE id = ?');

function limitArg(value: string | undefined): number {
  if (value === undefined) return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw new UsageError(`--limit takes a whole number from 1 to 500 (got ${JSON.stringify(value)})`, 'search');
  }
  return n;
}

export function searchCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('search', argv, { json: { type: 'boolean' }, limit: { type: 'string' } });
  if (values.help) {
    io.out(SEARCH_HELP);
    return 0;
  }
  const file = projectArg('search', positionals);
  const query = positionals[1];
  if (query === undefined) throw new UsageError('missing QUERY (quote it for phrases: \'"a phrase"\')', 'search');
  if (positionals.length > 2) {
    throw new UsageError(`unexpected argument ${positionals[2]} (quote a query of several words)`, 'search');
  }
  const limit = limitArg(values.limit);
  const db = openExistingProject(file);
  try {
    const found = search(db, query, { limit });
    const results = found.results.map((r: SearchResult) => {
      const text = TEXT.get(db, r.articleId)!.text;
      const map = new OffsetMap(text);
      return {
        articleId: r.articleId,
        title: r.title,
        hitCount: r.hitCount,
        titleMatch: r.titleMatch,
        snippet: r.snippet.text,
        hits: r.hits.map((h) => ({
          start: map.toCodePoint(h.start),
          end: map.toCodePoint(h.end),
          text: text.slice(h.start, h.end),
        })),
      };
    });
    if (values.json) {
      io.out(JSON.stringify({ query, total: found.total, results }, null, 2) + '\n');
      return 0;
    }
    const n = found.total;
    io.out(
      `${n.toLocaleString('en-US')} ${n === 1 ? 'article matches' : 'articles match'} ${query}` +
        (n > results.length ? ` (the best ${results.length} shown)` : '') +
        '\n',
    );
    for (const r of results) {
      io.out(`\narticle ${r.articleId}  ${r.title}  (${r.hitCount} ${r.hitCount === 1 ? 'hit' : 'hits'})\n`);
      io.out(`  ${r.snippet}\n`);
      if (r.hits.length) io.out(`  hits (code points): ${r.hits.map((h) => `${h.start}-${h.end}`).join(', ')}\n`);
    }
  } finally {
    db.close();
  }
  return 0;
}
