// `spanwise suggest <project> --as NAME [--article ID] [--json] [--accept]`: the suggestions the
// app shows that person (from their own labels and from syndicated copies), computed by the
// same backend code; --accept writes them as their spans in one batch.
import { acceptSuggestions, listSuggestions } from '../../main/backend/across/suggestions';
import { sql } from '../../main/backend/db/handles';
import type { Db } from '../../main/backend/db/open';
import { resolveAnnotator } from '../../main/backend/packs/project-data';
import type { Suggestion } from '../../shared/across';
import { OffsetMap } from '../../shared/offsets';
import { AppError } from '../../shared/result';
import { parse, UsageError } from '../args';
import type { Io } from '../index';
import { assertNotLocked, lockHolder } from '../../main/backend/lock';
import { indexSource } from '../../main/backend/across/index-access';
import { openProjectArg } from './common';

export const SUGGEST_HELP = `Usage: spanwise suggest <project.db> --as NAME [--article ID] [--json] [--accept]

Lists the suggestions the app shows this annotator: every other word-bounded occurrence of a
text they labelled (same label, case-sensitive), and their spans in syndicated copies
projected word by word onto this article's matching sentences. Places their span of the same
label already covers, and suggestions they dismissed, are left out. Offsets are code points.
Suggestions are never spans until accepted. How they are found: docs/across.md

Options:
  --as NAME       the annotator (a name, or an id where names repeat)
  --article ID    only this article (default: the whole set)
  --accept        write the listed suggestions as the annotator's spans (one batch)
  --json          machine-readable output
  -h, --help      show this help
`;

const TEXT = sql<{ text: string }>('SELECT text FROM articles WHERE id = ?');

function row(db: Db, s: Suggestion, maps: Map<number, OffsetMap>) {
  let map = maps.get(s.articleId);
  if (!map) maps.set(s.articleId, (map = new OffsetMap(TEXT.get(db, s.articleId)!.text)));
  return {
    id: s.id,
    article: s.articleId,
    start: map.toCodePoint(s.start),
    end: map.toCodePoint(s.end),
    label: s.label,
    text: s.text,
    sources: s.sources.map((x) => (x.kind === 'own' ? 'own label' : { article: x.articleId, span: x.spanId })),
  };
}

export function suggestCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('suggest', argv, {
    as: { type: 'string' },
    article: { type: 'string' },
    json: { type: 'boolean' },
    accept: { type: 'boolean' },
  });
  if (values.help) {
    io.out(SUGGEST_HELP);
    return 0;
  }
  if (values.as === undefined || values.as.trim() === '') throw new UsageError('missing --as NAME', 'suggest');
  let articleId: number | null = null;
  if (values.article !== undefined) {
    articleId = Number(values.article);
    if (!Number.isInteger(articleId) || articleId < 1) {
      throw new UsageError(`--article takes an article id (got ${JSON.stringify(values.article)})`, 'suggest');
    }
  }
  if (values.accept) assertNotLocked(positionals[0] ?? '', 'accepting suggestions');
  const db = openProjectArg('suggest', positionals);
  try {
    const who = resolveAnnotator(db, values.as);
    if (!who) throw new AppError('NOT_FOUND', `no annotator ${JSON.stringify(values.as.trim())} in this project`);
    // The app keeps the index itself while it holds the project: the CLI then reads its own in memory.
    const index = indexSource(db, { readonly: lockHolder(positionals[0] ?? '') !== null });
    const list = listSuggestions(db, who.id, articleId, index);
    const maps = new Map<number, OffsetMap>();
    const rows = list.suggestions.map((s) => row(db, s, maps));
    const accepted =
      values.accept && rows.length
        ? acceptSuggestions(db, who.id, { ids: list.suggestions.map((s) => s.id) }, index)
        : null;
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            annotator: who.name,
            article: articleId,
            cluster: list.cluster.map((c) => c.articleId),
            suggestions: rows,
            ...(values.accept ? { accepted: accepted?.spans.length ?? 0, batch: accepted?.batch ?? 0 } : {}),
          },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    if (articleId !== null && list.cluster.length) {
      io.out(
        `Article ${articleId} shares sentences with ${list.cluster.map((c) => `article ${c.articleId} (${c.sharedSentences})`).join(', ')}.\n`,
      );
    }
    io.out(
      `${rows.length} ${rows.length === 1 ? 'suggestion' : 'suggestions'} for ${who.name}${articleId === null ? '' : ` in article ${articleId}`} (offsets in code points):\n`,
    );
    for (const r of rows) {
      const from = r.sources.map((x) => (typeof x === 'string' ? x : `article ${x.article}`)).join(', ');
      io.out(`  article ${r.article}  ${r.start}-${r.end}  ${r.label}  ${JSON.stringify(r.text)}  from ${from}\n`);
    }
    if (accepted) io.out(`Accepted ${accepted.spans.length} as ${who.name}'s spans (batch ${accepted.batch}).\n`);
  } finally {
    db.close();
  }
  return 0;
}
