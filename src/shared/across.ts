// Across the article set: full-text search, suggestions (from a person's own labels and from
// syndicated copies), labelling every occurrence of a text, and the bulk span writes that one
// undo takes back. Offsets are UTF-16 like every span in the app; the CLI prints code points.
import type { Span } from './model';

export interface TextRange {
  start: number;
  end: number;
}

export interface SearchResult {
  articleId: number;
  title: string;
  /** Every hit in the article's text, in order (verbatim offsets). */
  hits: TextRange[];
  hitCount: number;
  /** The query matched the title (hits count the text only). */
  titleMatch: boolean;
  /** A line of context around the first hit, its hits relative to the snippet's text. */
  snippet: { text: string; hits: TextRange[] };
}

export interface SearchResults {
  query: string;
  /** Articles that match, in all (results holds at most the limit asked for). */
  total: number;
  results: SearchResult[];
}

/** Where a suggestion comes from: the person's own label elsewhere, or their span in a copy. */
export type SuggestionSource = { kind: 'own' } | { kind: 'copy'; articleId: number; spanId: string };

/** A suggestion id's shape, as messages name it. */
export const SUGGESTION_ID_SHAPE = 'article-start-end-label';
export const SUGGESTION_ID = /^\d+-\d+-\d+-\d+$/;

/**
 * The most suggestions the window draws for one article (docs/across.md, "A densely labelled
 * article"): far more than a person walks through in a sitting, few enough to read and paint
 * at once.
 */
export const SUGGESTIONS_SHOWN = 1_000;

export interface Suggestion {
  /** `article-start-end-label`: stable, so accepting or dismissing by id works between calls. */
  id: string;
  articleId: number;
  start: number;
  end: number;
  labelId: number;
  label: string;
  text: string;
  sources: SuggestionSource[];
}

export interface ClusterMember {
  articleId: number;
  title: string;
  /** Sentences of the open article that recur in this one. */
  sharedSentences: number;
}

/** The sentence index while it is being built: copies are not suggested until it is ready. */
export interface IndexBuilding {
  state: 'building';
  /** Articles indexed so far, of all there are. */
  done: number;
  total: number;
}

export interface SuggestionList {
  /** The article asked for (null: the whole set). */
  articleId: number | null;
  suggestions: Suggestion[];
  /**
   * How many are offered in all: more than `suggestions` holds when a limit was asked for (the
   * window shows at most SUGGESTIONS_SHOWN of an article's, those nearest where the person is).
   */
  total: number;
  /** The other articles of that article's cluster (empty for the whole set). */
  cluster: ClusterMember[];
  /**
   * Present while the sentence index is being built: the suggestions are then the ones from the
   * person's own labels only, and the cluster is not known yet.
   */
  index?: IndexBuilding | undefined;
}

/** Spans one bulk write made; one undo (undoSpanBatch) takes them all back. */
export interface SpanBatch {
  /** 0 when nothing was written. */
  batch: number;
  spans: Span[];
}

export const OCCURRENCE_SCOPES = ['article', 'set'] as const;
export type OccurrenceScope = (typeof OCCURRENCE_SCOPES)[number];

export interface Occurrence {
  articleId: number;
  title: string;
  start: number;
  end: number;
  /** Up to a few words either side, for the preview. */
  before: string;
  text: string;
  after: string;
}

export interface Occurrences {
  text: string;
  labelId: number;
  scope: OccurrenceScope;
  caseSensitive: boolean;
  /** The places still to label (the preview stops at its cap over the whole set: see `unread`). */
  occurrences: Occurrence[];
  /** How many places there are to label in all, when every article holding the text was read. */
  total?: number | undefined;
  /**
   * Articles holding the text's words that the preview did not read, having listed its cap:
   * there may be more places in them (labelling them all finds and counts every one).
   */
  unread?: number | undefined;
  /** Places the same label already covers (left alone), in the articles read. */
  covered: number;
}

/** Every hit of a search across the set still to label, for a preview of labelling them all. */
export interface SearchHits {
  query: string;
  labelId: number;
  /** The hits to label, in article order (title, place and context each). */
  hits: Occurrence[];
  /** Hits the same label already covers (left alone). */
  covered: number;
}
