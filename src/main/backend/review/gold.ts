// Each annotator against the adjudicated (gold) spans: exact and relaxed span F1 per label
// and a label confusion matrix, over the adjudicated articles the annotator marked done. An
// article is adjudicated when it carries a gold span list (which may be empty).
import { Confusion, extentTriplets } from './confusion';
import { addCount, emptyCount, overlapMatches, type F1Count } from './f1';
import type { ReviewArticle, ReviewSpan } from './model';

export interface GoldComparisonTally {
  annotator: string;
  articles: number;
  exact: F1Count[];
  overlap: F1Count[];
  confusion: Confusion;
}

function byLabel(spans: readonly ReviewSpan[], label: ReadonlyMap<string, number>): ReviewSpan[][] {
  const out: ReviewSpan[][] = Array.from({ length: label.size }, () => []);
  for (const s of spans) {
    const l = label.get(s.label);
    if (l !== undefined) out[l]!.push(s);
  }
  return out;
}

export class GoldTally {
  /** Adjudicated articles seen. */
  articles = 0;
  readonly byAnnotator: GoldComparisonTally[];
  private readonly who: Map<string, number>;
  private readonly label: Map<string, number>;

  constructor(
    annotators: readonly string[],
    readonly labels: readonly string[],
  ) {
    this.who = new Map(annotators.map((a, i) => [a, i]));
    this.label = new Map(labels.map((l, i) => [l, i]));
    this.byAnnotator = annotators.map((annotator) => ({
      annotator,
      articles: 0,
      exact: labels.map(emptyCount),
      overlap: labels.map(emptyCount),
      confusion: new Confusion(labels),
    }));
  }

  add(article: ReviewArticle): void {
    const gold = article.gold;
    if (gold == null) return;
    this.articles++;
    const g = byLabel(gold, this.label);
    const gt = extentTriplets(gold, this.label);
    const matches = new Float64Array(this.labels.length);
    for (const layer of article.layers) {
      const who = this.who.get(layer.annotator);
      if (who === undefined) continue;
      const t = this.byAnnotator[who]!;
      t.articles++;
      const a = byLabel(layer.spans, this.label);
      matches.fill(0);
      t.confusion.add(extentTriplets(layer.spans, this.label), gt, matches);
      for (let l = 0; l < this.labels.length; l++) {
        const counts = { a_spans: a[l]!.length, b_spans: g[l]!.length };
        addCount(t.exact[l]!, { matches: matches[l]!, ...counts });
        addCount(t.overlap[l]!, { matches: overlapMatches(a[l]!, g[l]!), ...counts });
      }
    }
  }
}
