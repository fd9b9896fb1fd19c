// A label confusion matrix over matched extents: spans of two layers with the same start and
// end are paired one-to-one (equal labels first), and a span with no partner at its extent
// is paired with "no span" (null).
import type { ReviewSpan } from './model';

export interface ConfusionCell {
  /** Label in layer a, null for no span at that extent. */
  a: string | null;
  b: string | null;
  count: number;
}

/** Cells by "a\0b" key. */
export type Confusion = Map<string, ConfusionCell>;

function bump(into: Confusion, a: string | null, b: string | null): void {
  const key = `${a ?? ''}\u0000${b ?? ''}`;
  const cell = into.get(key);
  if (cell) cell.count++;
  else into.set(key, { a, b, count: 1 });
}

function byExtent(spans: readonly ReviewSpan[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of spans) {
    const key = `${s.start}:${s.end}`;
    const list = out.get(key);
    if (list) list.push(s.label);
    else out.set(key, [s.label]);
  }
  return out;
}

/** Adds one article's pairs of labels at matched extents. */
export function addConfusion(into: Confusion, a: readonly ReviewSpan[], b: readonly ReviewSpan[]): void {
  const ea = byExtent(a);
  const eb = byExtent(b);
  for (const [key, la] of ea) {
    const lb = [...(eb.get(key) ?? [])].sort();
    const rest: string[] = [];
    for (const label of [...la].sort()) {
      const k = lb.indexOf(label);
      if (k >= 0) {
        bump(into, label, label);
        lb.splice(k, 1);
      } else rest.push(label);
    }
    // Different labels on the same extent are paired in label order, so the matrix is the
    // same whatever order the spans came in.
    for (let i = 0; i < Math.max(rest.length, lb.length); i++) bump(into, rest[i] ?? null, lb[i] ?? null);
  }
  for (const [key, lb] of eb) if (!ea.has(key)) for (const label of lb) bump(into, null, label);
}

/** The cells sorted by a then b, "no span" last. */
export function confusionCells(c: Confusion): ConfusionCell[] {
  const order = (x: string | null, y: string | null) =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
  return [...c.values()].sort((x, y) => order(x.a, y.a) || order(x.b, y.b)).map((cell) => ({ ...cell }));
}
