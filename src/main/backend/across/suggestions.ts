// Suggestions: spans the current person would likely draw, never written until accepted.
// Two sources, one list:
// - own labels: every other word-bounded, case-sensitive occurrence, anywhere in the set, of a
//   text the person labelled, with the same label;
// - syndicated copies: the person's spans in the other articles of this article's cluster,
//   projected word by word onto the matching sentences here (align.ts).
// A place the same label already covers, or one the person dismissed, is not offered.
import type {
  ClusterMember,
  IndexBuilding,
  Suggestion,
  SuggestionList,
  SuggestionSource,
  SpanBatch,
} from '../../../shared/across';
import { SUGGESTION_ID } from '../../../shared/across';
import { AppError } from '../../../shared/result';
import { now } from '../clock';
import { sql, writeTransaction, type ReadDb } from '../db/handles';
import { writeBatch } from './batch';
import { project } from './align';
import { occurrencesOf } from './occurrences-find';
import { ownTexts } from './own-texts';
import { articlesWithWords, termWords } from './search';
import type { Token } from './normalize';
import { sentenceTokens, type ClusterView } from './sentence-index';
import { sentenceOf, sentences, type Range } from './sentences';

interface OwnSpan {
  id: string;
  articleId: number;
  labelId: number;
  start: number;
  end: number;
}

const OWN_SPANS = sql<OwnSpan>(
  `SELECT id, article_id AS articleId, label_id AS labelId, start_offset AS start, end_offset AS "end"
   FROM spans WHERE annotator_id = ? AND deleted = 0 ORDER BY article_id, start_offset, end_offset`,
);
const ARTICLE = sql<{ id: number; title: string; text: string }>('SELECT id, title, text FROM articles WHERE id = ?');
const ARTICLE_IDS = sql<{ id: number }>('SELECT id FROM articles ORDER BY id');
const LABELS = sql<{ id: number; name: string }>('SELECT id, name FROM labels');
const DISMISSED = sql<{ articleId: number; start: number; end: number; labelId: number }>(
  `SELECT article_id AS articleId, start_offset AS start, end_offset AS "end", label_id AS labelId
   FROM suggestion_dismissals WHERE annotator_id = ?`,
);
const DISMISS = sql(
  `INSERT OR IGNORE INTO suggestion_dismissals (annotator_id, article_id, start_offset, end_offset, label_id, dismissed_at)
   VALUES (?, ?, ?, ?, ?, ?)`,
);

const WORDS = /[\p{L}\p{N}]+/gu;
const FIRST_WORD = /[\p{L}\p{N}]+/u;

function suggestionId(articleId: number, start: number, end: number, labelId: number): string {
  return `${articleId}-${start}-${end}-${labelId}`;
}

/** What every suggestion computation needs once: the person's spans by article, labels, texts. */
class Context {
  readonly byArticle = new Map<number, OwnSpan[]>();
  readonly labels: Map<number, string>;
  readonly dismissed: Set<string>;
  readonly tokens = new Map<string, Token[]>();
  private readonly wordSets = new Map<number, Set<string>>();
  private readonly texts = new Map<number, { title: string; text: string }>();
  private readonly sentenceLists = new Map<number, Range[]>();

  constructor(
    readonly db: ReadDb,
    readonly annotatorId: number,
  ) {
    for (const s of OWN_SPANS.iterate(db, annotatorId)) {
      const list = this.byArticle.get(s.articleId);
      if (list) list.push(s);
      else this.byArticle.set(s.articleId, [s]);
    }
    this.labels = new Map(LABELS.all(db).map((l) => [l.id, l.name]));
    this.dismissed = new Set(
      DISMISSED.all(db, annotatorId).map((d) => suggestionId(d.articleId, d.start, d.end, d.labelId)),
    );
  }

  article(id: number): { title: string; text: string } {
    let a = this.texts.get(id);
    if (!a) {
      const row = ARTICLE.get(this.db, id);
      if (!row) throw new AppError('NOT_FOUND', `article ${id} does not exist`);
      this.texts.set(id, (a = { title: row.title, text: row.text }));
    }
    return a;
  }

  /** An article's sentences, found once per listing. */
  sentences(id: number): Range[] {
    let list = this.sentenceLists.get(id);
    if (!list) this.sentenceLists.set(id, (list = sentences(this.article(id).text)));
    return list;
  }

  /** The words of an article, for ruling out texts it cannot hold. */
  words(id: number): Set<string> {
    let w = this.wordSets.get(id);
    if (!w) this.wordSets.set(id, (w = new Set(this.article(id).text.match(WORDS))));
    return w;
  }

  /** Whether the person has a span of this label over the whole of [start, end) here. */
  covered(articleId: number, labelId: number, start: number, end: number): boolean {
    return (this.byArticle.get(articleId) ?? []).some((s) => s.labelId === labelId && s.start <= start && s.end >= end);
  }
}

class Collector {
  readonly found = new Map<string, Suggestion>();
  constructor(private readonly ctx: Context) {}

  offer(articleId: number, start: number, end: number, labelId: number, source: SuggestionSource): void {
    const id = suggestionId(articleId, start, end, labelId);
    if (this.ctx.dismissed.has(id) || this.ctx.covered(articleId, labelId, start, end)) return;
    const had = this.found.get(id);
    if (had) {
      if (!had.sources.some((s) => JSON.stringify(s) === JSON.stringify(source))) had.sources.push(source);
      return;
    }
    this.found.set(id, {
      id,
      articleId,
      start,
      end,
      labelId,
      label: this.ctx.labels.get(labelId) ?? String(labelId),
      text: this.ctx.article(articleId).text.slice(start, end),
      sources: [source],
    });
  }

  list(): Suggestion[] {
    return [...this.found.values()].sort(
      (a, b) => a.articleId - b.articleId || a.start - b.start || a.end - b.end || a.labelId - b.labelId,
    );
  }
}

/** The articles that may hold `text`: those whose index has its words in a row. */
function candidates(db: ReadDb, text: string): number[] {
  const words = termWords(text);
  return words.length ? articlesWithWords(db, words) : ARTICLE_IDS.all(db).map((r) => r.id);
}

/** Own-label suggestions in `articles` (all articles that may hold the text when null). */
function fromOwnLabels(ctx: Context, out: Collector, articles: number[] | null): void {
  for (const { labelId, text } of ownTexts(ctx.db, ctx.byArticle)) {
    const targets = articles ?? candidates(ctx.db, text);
    const first = FIRST_WORD.exec(text)?.[0];
    for (const articleId of targets) {
      // Most of a person's labels are not in a given article: a set lookup rules them out.
      if (first !== undefined && !ctx.words(articleId).has(first)) continue;
      for (const m of occurrencesOf(ctx.article(articleId).text, text, true)) {
        out.offer(articleId, m.start, m.end, labelId, { kind: 'own' });
      }
    }
  }
}

/** A sentence's tokens, made once per listing (many spans share a sentence). */
function tokensOf(ctx: Context, id: number, s: number): Token[] {
  const key = `${id}:${s}`;
  let t = ctx.tokens.get(key);
  if (!t) ctx.tokens.set(key, (t = sentenceTokens(ctx.article(id).text, ctx.sentences(id)[s]!)));
  return t;
}

/** Copy suggestions on `target`: the person's spans in its cluster, projected onto it. */
function fromCopies(ctx: Context, out: Collector, index: ClusterView, target: number): ClusterMember[] {
  const members: ClusterMember[] = [];
  for (const other of index.cluster(target)) {
    if (other === target) continue;
    const pair = index.pair(target, other);
    members.push({
      articleId: other,
      title: ctx.article(other).title,
      sharedSentences: pair ? (target < other ? pair.aShared : pair.bShared) : 0,
    });
    const spans = ctx.byArticle.get(other);
    if (!spans) continue;
    const matches = index.matchesWith(other, target);
    if (matches.length === 0) continue;
    const there = ctx.sentences(other);
    for (const span of spans) {
      const s = sentenceOf(there, span.start, span.end);
      if (s < 0) continue;
      for (const [from, to] of matches) {
        if (from !== s) continue;
        const p = project(tokensOf(ctx, other, s), tokensOf(ctx, target, to), span.start, span.end);
        if ('refused' in p) continue;
        out.offer(target, p.start, p.end, span.labelId, { kind: 'copy', articleId: other, spanId: span.id });
      }
    }
  }
  return members;
}

/** Where copies come from: the sentence index, or the news that it is still being built. */
export type IndexSource = () => (ClusterView & { clusters(): number[][] }) | IndexBuilding;

/** The suggestions for one article (with its cluster), or for the whole set. */
export function listSuggestions(
  db: ReadDb,
  annotatorId: number,
  articleId: number | null,
  source: IndexSource,
): SuggestionList {
  const ctx = new Context(db, annotatorId);
  const out = new Collector(ctx);
  if (articleId !== null) ctx.article(articleId);
  fromOwnLabels(ctx, out, articleId === null ? null : [articleId]);
  const index = source();
  if ('state' in index) return { articleId, suggestions: out.list(), cluster: [], index };
  if (articleId !== null) {
    const cluster = fromCopies(ctx, out, index, articleId);
    return { articleId, suggestions: out.list(), cluster };
  }
  for (const cluster of index.clusters()) {
    if (!cluster.some((a) => ctx.byArticle.has(a))) continue;
    for (const target of cluster) fromCopies(ctx, out, index, target);
  }
  return { articleId: null, suggestions: out.list(), cluster: [] };
}

export type SuggestionSelection = { ids: string[] } | { articleId: number };

/** The suggestions a selection names; an id no longer offered is an error naming it. */
function selected(db: ReadDb, annotatorId: number, selection: SuggestionSelection, source: IndexSource): Suggestion[] {
  if ('articleId' in selection) return listSuggestions(db, annotatorId, selection.articleId, source).suggestions;
  const byArticle = new Map<number, string[]>();
  for (const id of selection.ids) {
    if (!SUGGESTION_ID.test(id))
      throw new AppError('BAD_INPUT', `"${id}" is not a suggestion id (article-start-end-label)`);
    const articleId = Number(id.split('-')[0]);
    byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), id]);
  }
  const out: Suggestion[] = [];
  for (const [articleId, ids] of byArticle) {
    const offered = new Map(listSuggestions(db, annotatorId, articleId, source).suggestions.map((s) => [s.id, s]));
    for (const id of ids) {
      const s = offered.get(id);
      if (!s) throw new AppError('NOT_FOUND', `suggestion ${id} is not offered (already labelled, dismissed, or gone)`);
      out.push(s);
    }
  }
  return out;
}

/** Writes the selected suggestions as the person's spans, in one batch (one undo). */
export function acceptSuggestions(
  db: ReadDb,
  annotatorId: number,
  selection: SuggestionSelection,
  source: IndexSource,
): SpanBatch {
  return writeTransaction(db, (w) => {
    const chosen = selected(w, annotatorId, selection, source);
    return writeBatch(
      w,
      annotatorId,
      'suggestions',
      chosen.map((s) => ({
        articleId: s.articleId,
        labelId: s.labelId,
        start: s.start,
        end: s.end,
        origin: s.sources.some((x) => x.kind === 'copy') ? 'suggestion:copy' : 'suggestion:own',
      })),
    );
  });
}

/** Remembers the selected suggestions as dismissed: they are not offered again. */
export function dismissSuggestions(
  db: ReadDb,
  annotatorId: number,
  selection: SuggestionSelection,
  source: IndexSource,
): number {
  return writeTransaction(db, (w) => {
    const chosen = selected(w, annotatorId, selection, source);
    const at = now();
    for (const s of chosen) DISMISS.run(w, annotatorId, s.articleId, s.start, s.end, s.labelId, at);
    return chosen.length;
  });
}
