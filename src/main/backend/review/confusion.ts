// Two layers compared extent by extent: spans with the same start and end are paired one-to-
// one (equal labels first, then the rest in label order), which gives both the exact matches
// per label and a label confusion matrix in which a span with no partner at its extent is
// paired with "no span". Layers are walked as sorted [start, end, label] triplets, so a
// comparison is one merge, with no keys built per span.
import type { ConfusionCell } from '../../../shared/review';
export type { ConfusionCell } from '../../../shared/review';
import type { ReviewSpan } from './model';

/** A layer's spans as [start, end, label index] triplets sorted in that order; labels not in `label` are left out. */
export function extentTriplets(spans: readonly ReviewSpan[], label: ReadonlyMap<string, number>): number[] {
  const rows: [number, number, number][] = [];
  for (const s of spans) {
    const l = label.get(s.label);
    if (l !== undefined) rows.push([s.start, s.end, l]);
  }
  rows.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  return rows.flat();
}

/** Counts per pair of labels, index L standing for "no span": (L + 1)² cells. */
export class Confusion {
  readonly counts: Float64Array;

  constructor(readonly labels: readonly string[]) {
    this.counts = new Float64Array((labels.length + 1) ** 2);
  }

  private bump(a: number, b: number): void {
    this.counts[a * (this.labels.length + 1) + b]!++;
  }

  /**
   * Adds one article's two layers (triplets from extentTriplets), and counts the exact
   * matches (same start, end and label) into `matches[label]` when given.
   */
  add(a: readonly number[], b: readonly number[], matches?: Float64Array): void {
    const none = this.labels.length;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      // The next extent in either layer, and the run of spans each layer has there.
      let start: number;
      let end: number;
      if (j >= b.length || (i < a.length && (a[i]! < b[j]! || (a[i] === b[j] && a[i + 1]! <= b[j + 1]!)))) {
        start = a[i]!;
        end = a[i + 1]!;
      } else {
        start = b[j]!;
        end = b[j + 1]!;
      }
      let ie = i;
      while (ie < a.length && a[ie] === start && a[ie + 1] === end) ie += 3;
      let je = j;
      while (je < b.length && b[je] === start && b[je + 1] === end) je += 3;
      // Equal labels pair first (both runs are sorted by label); the rest pair in label order.
      const restA: number[] = [];
      const restB: number[] = [];
      let x = i;
      let y = j;
      while (x < ie && y < je) {
        const la = a[x + 2]!;
        const lb = b[y + 2]!;
        if (la === lb) {
          this.bump(la, lb);
          if (matches) matches[la]!++;
          x += 3;
          y += 3;
        } else if (la < lb) {
          restA.push(la);
          x += 3;
        } else {
          restB.push(lb);
          y += 3;
        }
      }
      for (; x < ie; x += 3) restA.push(a[x + 2]!);
      for (; y < je; y += 3) restB.push(b[y + 2]!);
      for (let k = 0; k < Math.max(restA.length, restB.length); k++) this.bump(restA[k] ?? none, restB[k] ?? none);
      i = ie;
      j = je;
    }
  }

  /** The non-zero cells, by a then b, "no span" last. */
  cells(): ConfusionCell[] {
    const n = this.labels.length + 1;
    const name = (k: number) => (k === this.labels.length ? null : this.labels[k]!);
    const order = [...this.labels.keys()].sort((x, y) => (this.labels[x]! < this.labels[y]! ? -1 : 1));
    order.push(this.labels.length);
    const out: ConfusionCell[] = [];
    for (const a of order) {
      for (const b of order) {
        const count = this.counts[a * n + b]!;
        if (count > 0) out.push({ a: name(a), b: name(b), count });
      }
    }
    return out;
  }
}
