// The review's plain data: each annotator's layer of an article, in code points (Python's
// str indexing), so every number equals what a Python script computes over the exported JSONL.

export interface ReviewSpan {
  /** The span's id in the project (uuid); clusters are named from these. */
  id: string;
  label: string;
  /** Code-point offsets, end exclusive. */
  start: number;
  end: number;
}

/** One annotator's spans on one article. */
export interface ReviewLayer {
  annotator: string;
  spans: readonly ReviewSpan[];
}

export interface ReviewArticle {
  id: number;
  title: string;
  text: string;
  /** Only the layers of annotators who marked the article done, sorted by annotator name. */
  layers: readonly ReviewLayer[];
  /** The adjudicated spans, when the article has been adjudicated. */
  gold?: readonly ReviewSpan[] | null;
}

export interface ReviewInput {
  /** Annotators who marked at least one article done, sorted by name. */
  annotators: readonly string[];
  /** The labels to report on, in the project's order. */
  labels: readonly string[];
  articles: Iterable<ReviewArticle>;
}

/** Spans overlap when they share at least one code point. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
