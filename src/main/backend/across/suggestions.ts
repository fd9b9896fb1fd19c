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
import { Coverage } from '../../../shared/coverage';
import { lowerBound } from '../../../shared/lowerBound';
import { AppError } from '../../../shared/result';
import { now } from '../clock';
import { sql, writeTransaction, type ReadDb } from '../db/handles';
import { writeBatch } from './batch';
import { parseSuggestionId, suggestionId } from './suggestion-ids';
import { project } from './align';
import { occurrencesOf, onWordEdges } from './occurrences-find';
import { labelledPlaces } from './own-words';
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
const UNDISMISS = sql(
  `DELETE FROM suggestion_dismissals
   WHERE annotator_id = ? AND article_id = ? AND start_offset = ? AND end_offset = ? AND label_id = ?`,
);
const DISMISS = sql(
  `INSERT OR IGNORE INTO suggestion_dismissals (annotator_id, article_id, start_offset, end_offset, label_id, dismissed_at)
   VALUES (?, ?, ?, ?, ?, ?)`,
);

const WORDS = /[\p{L}\p{N}]+/gu;
/** The source of every own-label place (one object: a place holds it until merged with a copy's). */
const OWN: SuggestionSource = { kind: 'own' };
const OWN_ONLY: readonly SuggestionSource[] = [OWN];
const FIRST_WORD = /[\p{L}\p{N}]+/u;

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
}

/** A place offered before it is made a suggestion: most are never drawn (the list is capped). */
interface Place {
  articleId: number;
  start: number;
  end: number;
  labelId: number;
  sources: readonly SuggestionSource[];
}

const byPlace = (a: Place, b: Place) =>
  a.articleId - b.articleId || a.start - b.start || a.end - b.end || a.labelId - b.labelId;

class Collector {
  /** Own-label places: one text per place, so never two of one place (kept lean: no id, no map). */
  private readonly own: Place[] = [];
  /** Copy places by id (few: one cluster's projections), merged with an own place when both. */
  private readonly copies = new Map<string, Place>();
  /** The own places arrive in reading order (one article's): no sort needed. */
  ownInOrder = false;
  constructor(private readonly ctx: Context) {}

  offer(articleId: number, start: number, end: number, labelId: number, source: SuggestionSource): void {
    if (source.kind === 'own') {
      this.own.push({ articleId, start, end, labelId, sources: OWN_ONLY });
      return;
    }
    const id = suggestionId(articleId, start, end, labelId);
    const had = this.copies.get(id);
    if (!had) this.copies.set(id, { articleId, start, end, labelId, sources: [source] });
    else if (!had.sources.some((s) => JSON.stringify(s) === JSON.stringify(source)))
      had.sources = [...had.sources, source];
  }

  /**
   * Every place still offered, in reading order: two sources of one place are one, and places
   * the person dismissed or already labelled with the same label are left out.
   */
  places(): Place[] {
    const all = this.ownInOrder ? this.own : this.own.sort(byPlace);
    for (const copy of this.copies.values()) {
      const at = lowerBound(all, copy, byPlace);
      const same = all[at];
      if (same && byPlace(same, copy) === 0) same.sources = [...same.sources, ...copy.sources];
      else all.splice(at, 0, copy);
    }
    const kept = this.uncovered(all);
    return this.ctx.dismissed.size === 0
      ? kept
      : kept.filter((p) => !this.ctx.dismissed.has(suggestionId(p.articleId, p.start, p.end, p.labelId)));
  }

  /** The places (in reading order) no span of the person's with the same label covers: one sweep an article. */
  private uncovered(places: Place[]): Place[] {
    const out: Place[] = [];
    let article = -1;
    let coverage = new Coverage([]);
    for (const p of places) {
      if (p.articleId !== article) {
        article = p.articleId;
        coverage = new Coverage(this.ctx.byArticle.get(article) ?? []);
      }
      if (!coverage.covers(p)) out.push(p);
    }
    return out;
  }

  suggestion(p: Place): Suggestion {
    return {
      id: suggestionId(p.articleId, p.start, p.end, p.labelId),
      articleId: p.articleId,
      start: p.start,
      end: p.end,
      labelId: p.labelId,
      label: this.ctx.labels.get(p.labelId) ?? String(p.labelId),
      text: this.ctx.article(p.articleId).text.slice(p.start, p.end),
      sources: p.sources.map((x) => ({ ...x })),
    };
  }
}

/**
 * At most `limit` of `places` (one article's, in reading order): those nearest `near`, so that
 * the ones drawn are where the person is working; still in reading order.
 */
export function nearest<P extends { start: number }>(places: readonly P[], limit: number, near: number): P[] {
  if (places.length <= limit) return places.slice();
  let from = lowerBound(places, near, (p, at) => p.start - at);
  let to = from;
  while (to - from < limit) {
    if (from === 0) to++;
    else if (to === places.length) from--;
    else if (near - places[from - 1]!.start <= places[to]!.start - near) from--;
    else to++;
  }
  return places.slice(from, to);
}

/** The articles that may hold `text`: those whose index has its words in a row. */
function candidates(db: ReadDb, text: string): number[] {
  const words = termWords(text);
  return words.length ? articlesWithWords(db, words) : ARTICLE_IDS.all(db).map((r) => r.id);
}

/** Own-label suggestions over the whole set: each text's candidate articles from the full-text index. */
function fromOwnLabelsInSet(ctx: Context, out: Collector): void {
  for (const { labelId, text } of ownTexts(ctx.db, ctx.byArticle)) {
    const first = FIRST_WORD.exec(text)?.[0];
    for (const articleId of candidates(ctx.db, text)) {
      // Most of a person's labels are not in a given article: a set lookup rules them out.
      if (first !== undefined && !ctx.words(articleId).has(first)) continue;
      for (const m of occurrencesOf(ctx.article(articleId).text, text, true)) {
        out.offer(articleId, m.start, m.end, labelId, OWN);
      }
    }
  }
}

/**
 * Own-label suggestions in one article, found word by word in reading order (own-words.ts):
 * the cost is the article's words, not its length times the texts the person labelled.
 */
function fromOwnLabelsIn(ctx: Context, out: Collector, articleId: number): void {
  out.ownInOrder = true;
  labelledPlaces(ctx.article(articleId).text, ownTexts(ctx.db, ctx.byArticle), (start, end, labelId) =>
    out.offer(articleId, start, end, labelId, OWN),
  );
}

/** Own-label suggestions at the places `ids` name only (checking chosen suggestions). */
function fromOwnLabelsAt(ctx: Context, out: Collector, articleId: number, ids: readonly string[]): void {
  const text = ctx.article(articleId).text;
  const owned = new Set([...ownTexts(ctx.db, ctx.byArticle)].map((t) => `${t.labelId}\u0000${t.text}`));
  for (const id of ids) {
    const { start, end, labelId } = parseSuggestionId(id);
    if (end > text.length || start >= end) continue;
    if (owned.has(`${labelId}\u0000${text.slice(start, end)}`) && onWordEdges(text, start, end)) {
      out.offer(articleId, start, end, labelId, OWN);
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
    // The matching sentences here of each sentence there.
    const partners = new Map<number, number[]>();
    for (const [from, to] of matches) {
      const list = partners.get(from);
      if (list) list.push(to);
      else partners.set(from, [to]);
    }
    for (const span of spans) {
      const s = sentenceOf(there, span.start, span.end);
      if (s < 0) continue;
      for (const to of partners.get(s) ?? []) {
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

export interface ListOptions {
  /** At most this many for one article (all when absent), those nearest `near`. */
  limit?: number | undefined;
  /** Where the person is in the article (a text offset): the shown ones are chosen around it. */
  near?: number | undefined;
  /** Only these ids (all of the one article), for checking a selection without listing every place. */
  only?: readonly string[] | undefined;
}

/** The suggestions for one article (with its cluster), or for the whole set. */
export function listSuggestions(
  db: ReadDb,
  annotatorId: number,
  articleId: number | null,
  source: IndexSource,
  options: ListOptions = {},
): SuggestionList {
  const ctx = new Context(db, annotatorId);
  const out = new Collector(ctx);
  const done = (cluster: ClusterMember[], index?: IndexBuilding): SuggestionList => {
    let places = out.places();
    if (options.only) {
      const wanted = new Set(options.only);
      places = places.filter((p) => wanted.has(suggestionId(p.articleId, p.start, p.end, p.labelId)));
    }
    const total = places.length;
    if (articleId !== null && options.limit !== undefined) places = nearest(places, options.limit, options.near ?? 0);
    const list: SuggestionList = { articleId, suggestions: places.map((p) => out.suggestion(p)), cluster, total };
    if (index) list.index = index;
    return list;
  };
  if (articleId === null) fromOwnLabelsInSet(ctx, out);
  else {
    ctx.article(articleId);
    if (options.only) fromOwnLabelsAt(ctx, out, articleId, options.only);
    else fromOwnLabelsIn(ctx, out, articleId);
  }
  const index = source();
  if ('state' in index) return done([], index);
  if (articleId !== null) return done(fromCopies(ctx, out, index, articleId));
  for (const cluster of index.clusters()) {
    if (!cluster.some((a) => ctx.byArticle.has(a))) continue;
    for (const target of cluster) fromCopies(ctx, out, index, target);
  }
  return done([]);
}

export type SuggestionSelection = { ids: string[] } | { articleId: number };

/** The suggestions a selection names; an id no longer offered is an error naming it. */
function selected(db: ReadDb, annotatorId: number, selection: SuggestionSelection, source: IndexSource): Suggestion[] {
  if ('articleId' in selection) return listSuggestions(db, annotatorId, selection.articleId, source).suggestions;
  const byArticle = new Map<number, string[]>();
  for (const id of selection.ids) {
    const { articleId } = parseSuggestionId(id);
    byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), id]);
  }
  const out: Suggestion[] = [];
  for (const [articleId, ids] of byArticle) {
    const list = listSuggestions(db, annotatorId, articleId, source, { only: ids });
    const offered = new Map(list.suggestions.map((s) => [s.id, s]));
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

/** Remembers the selected suggestions as dismissed: they are not offered again. Returns their ids. */
export function dismissSuggestions(
  db: ReadDb,
  annotatorId: number,
  selection: SuggestionSelection,
  source: IndexSource,
): string[] {
  return writeTransaction(db, (w) => {
    const chosen = selected(w, annotatorId, selection, source);
    const at = now();
    for (const s of chosen) DISMISS.run(w, annotatorId, s.articleId, s.start, s.end, s.labelId, at);
    return chosen.map((s) => s.id);
  });
}

/**
 * Forgets the person's dismissals of these suggestions (an undone dismissal): they are offered
 * again wherever they still would be. An id never dismissed is left alone; returns how many
 * were forgotten.
 */
export function undismissSuggestions(db: ReadDb, annotatorId: number, ids: readonly string[]): number {
  const places = ids.map(parseSuggestionId);
  return writeTransaction(db, (w) => {
    let forgotten = 0;
    for (const { articleId, start, end, labelId } of places) {
      forgotten += UNDISMISS.run(w, annotatorId, articleId, start, end, labelId).changes;
    }
    return forgotten;
  });
}
