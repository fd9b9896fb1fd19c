// Inter-annotator agreement over the articles annotators marked done: span F1 (exact and
// relaxed) and Cohen's kappa per pair, Krippendorff's alpha over everyone, per label. Kappa
// and alpha take every non-white-space code point as a unit whose value is 1 inside a span
// of the label in that layer, else 0. Articles are added one at a time, so a project of any
// size is read once with flat memory.
import type { AlphaCount, KappaCount } from '../../../shared/review';
export type { AlphaCount, KappaCount } from '../../../shared/review';
import { AppError } from '../../../shared/result';
import { Confusion, extentTriplets } from './confusion';
import { emptyCount, overlapMatches, type F1Count } from './f1';
import type { ReviewArticle, ReviewSpan } from './model';
import { coverage, unitPrefix, unitsIn, unitsInBoth } from './units';

/** Cohen's kappa for two binary layers; null where expected agreement is 1 (or no units). */
export function kappa(c: KappaCount): number | null {
  const n = c.units;
  const a = c.both + c.a_only;
  const b = c.both + c.b_only;
  // Expected agreement is 1 exactly when both layers give every unit the same one value.
  if (n === 0 || (a === 0 && b === 0) || (a === n && b === n)) return null;
  const po = (c.both + c.neither) / n;
  const pa = a / n;
  const pb = b / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return (po - pe) / (1 - pe);
}

/** Krippendorff's alpha (nominal, binary values); null where expected disagreement is 0. */
export function alpha(c: AlphaCount): number | null {
  const zeros = c.values - c.ones;
  if (c.values < 2 || c.ones === 0 || zeros === 0) return null;
  // 1 − Do/De with Do = disagreement / n and De = 2·n₀·n₁ / (n·(n − 1)).
  return 1 - ((c.values - 1) * c.disagreement) / (2 * c.ones * zeros);
}

export interface LabelTally {
  exact: F1Count;
  overlap: F1Count;
  kappa: KappaCount;
}

export interface PairTally {
  a: string;
  b: string;
  articles: number;
  byLabel: LabelTally[];
  confusion: Confusion;
}

export interface AlphaTally {
  byLabel: AlphaCount[];
}

/** One layer of one article, per label: its spans and the code points they cover. */
interface LayerView {
  who: number;
  spans: ReviewSpan[][];
  triplets: number[];
  covered: number[];
  cov: number[][];
}

export class AgreementTally {
  readonly pairs: PairTally[] = [];
  readonly alpha: AlphaTally;
  private readonly who: Map<string, number>;
  private readonly label: Map<string, number>;
  private scratch = new Int32Array(0);

  constructor(
    readonly annotators: readonly string[],
    readonly labels: readonly string[],
  ) {
    this.who = new Map(annotators.map((a, i) => [a, i]));
    this.label = new Map(labels.map((l, i) => [l, i]));
    for (let i = 0; i < annotators.length; i++) {
      for (let j = i + 1; j < annotators.length; j++) {
        this.pairs.push({
          a: annotators[i]!,
          b: annotators[j]!,
          articles: 0,
          byLabel: labels.map(() => ({
            exact: emptyCount(),
            overlap: emptyCount(),
            kappa: { units: 0, both: 0, a_only: 0, b_only: 0, neither: 0 },
          })),
          confusion: new Confusion(labels),
        });
      }
    }
    this.alpha = {
      byLabel: labels.map(() => ({ articles: 0, units: 0, values: 0, ones: 0, disagreement: 0 })),
    };
  }

  /** Pair index of annotators i < j in this.pairs. */
  private pairIndex(i: number, j: number): number {
    const n = this.annotators.length;
    return i * n - (i * (i + 1)) / 2 + (j - i - 1);
  }

  add(article: ReviewArticle): void {
    if (this.scratch.length <= article.text.length) this.scratch = new Int32Array(2 * article.text.length + 1);
    const units = unitPrefix(article.text, this.scratch);
    const length = units.length - 1;
    const total = units[length]!;
    const L = this.labels.length;
    const views: LayerView[] = [];
    for (const layer of article.layers) {
      const who = this.who.get(layer.annotator);
      if (who === undefined) continue;
      if (views.some((v) => v.who === who)) {
        throw new AppError('BAD_INPUT', `article ${article.id}: two layers of ${layer.annotator}`);
      }
      const spans: ReviewSpan[][] = Array.from({ length: L }, () => []);
      for (const s of layer.spans) {
        if (!(s.start >= 0 && s.end > s.start && s.end <= length)) {
          throw new AppError(
            'BAD_INPUT',
            `article ${article.id}: span ${s.id} (${s.start}..${s.end}) lies outside its text (${length} code points)`,
          );
        }
        const l = this.label.get(s.label);
        if (l !== undefined) spans[l]!.push(s);
      }
      const cov = spans.map((list) => coverage(list));
      views.push({
        who,
        spans,
        triplets: extentTriplets(layer.spans, this.label),
        cov,
        covered: cov.map((c) => unitsIn(units, c)),
      });
    }
    views.sort((x, y) => x.who - y.who);
    const m = views.length;
    if (m < 2) return;
    const intersections = new Float64Array(L);
    const matches = new Float64Array(L);
    for (let x = 0; x < m; x++) {
      for (let y = x + 1; y < m; y++) {
        const A = views[x]!;
        const B = views[y]!;
        const pair = this.pairs[this.pairIndex(A.who, B.who)]!;
        pair.articles++;
        matches.fill(0);
        pair.confusion.add(A.triplets, B.triplets, matches);
        for (let l = 0; l < L; l++) {
          const t = pair.byLabel[l]!;
          const sa = A.spans[l]!;
          const sb = B.spans[l]!;
          t.exact.matches += matches[l]!;
          t.overlap.matches += overlapMatches(sa, sb);
          t.exact.a_spans += sa.length;
          t.overlap.a_spans += sa.length;
          t.exact.b_spans += sb.length;
          t.overlap.b_spans += sb.length;
          const both = unitsInBoth(units, A.cov[l]!, B.cov[l]!);
          const na = A.covered[l]!;
          const nb = B.covered[l]!;
          t.kappa.units += total;
          t.kappa.both += both;
          t.kappa.a_only += na - both;
          t.kappa.b_only += nb - both;
          t.kappa.neither += total - na - nb + both;
          intersections[l]! += both;
        }
      }
    }
    // Σ over units of n₁·(m − n₁) = (m − 1)·S₁ − 2·I, where S₁ counts the ones and I the
    // pairs of layers that both give a unit 1 (Σ n₁² = S₁ + 2·I).
    for (let l = 0; l < L; l++) {
      const a = this.alpha.byLabel[l]!;
      let ones = 0;
      for (const v of views) ones += v.covered[l]!;
      a.articles++;
      a.units += total;
      a.values += m * total;
      a.ones += ones;
      a.disagreement += (2 * ((m - 1) * ones - 2 * intersections[l]!)) / (m - 1);
    }
  }
}
