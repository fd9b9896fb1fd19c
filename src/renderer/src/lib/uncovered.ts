// Which suggestions are still shown: those not hidden here and not covered by a span of the
// same label (a span just drawn hides its suggestion before the list is read again). Worked out
// once when a list arrives, then patched by an edit's changed spans alone, so an edit costs the
// same whether an article has ten suggestions or thousands.
import type { Suggestion } from '../../../shared/across';
import { Coverage, type Labelled } from '../../../shared/coverage';
import { lowerBound, upperBound } from '../../../shared/lowerBound';
import { compareSpans } from './spanOrder';

/** The shown suggestions of `all` (in text order): not hidden, not covered by `spans` (in text order). */
export function uncovered(
  all: readonly Suggestion[],
  hidden: ReadonlyMap<string, number>,
  spans: readonly Labelled[],
): Suggestion[] {
  const coverage = new Coverage(spans);
  return all.filter((g) => !hidden.has(g.id) && !coverage.covers(g));
}

/** Whether a span of the suggestion's label covers it; `longest` bounds how far back one may start. */
function covered(spans: readonly Labelled[], g: Suggestion, longest: number): boolean {
  const after = upperBound(spans, g.start, (s, offset) => s.start - offset);
  for (let i = after - 1; i >= 0 && spans[i]!.start >= g.start - longest; i--) {
    const s = spans[i]!;
    if (s.labelId === g.labelId && s.end >= g.end) return true;
  }
  return false;
}

/** The first index in `sorted` (text order) not before `g`. */
function indexOf(sorted: readonly Suggestion[], g: Pick<Suggestion, 'start' | 'end' | 'id'>): number {
  return lowerBound(sorted, g, compareSpans);
}

/** The suggestions of `all` (text order) an edit's changed spans may cover or uncover: those inside one with its label. */
export function insideChanged(all: readonly Suggestion[], changed: readonly Labelled[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const c of changed) {
    for (let i = indexOf(all, { start: c.start, end: -1, id: '' }); i < all.length && all[i]!.start < c.end; i++) {
      const g = all[i]!;
      if (g.labelId === c.labelId && g.end <= c.end) out.push(g);
    }
  }
  return out;
}

/**
 * `shown` (what `uncovered` gave before a change) after it, where only `candidates` may have
 * changed (those inside an edit's changed spans, or those just hidden or shown again): each is
 * looked at and put in or taken out by binary search; every other suggestion stays, the same
 * object, so the paragraphs' buckets are patched for the candidates' paragraphs alone.
 */
export function patchUncovered(
  shown: Suggestion[],
  candidates: readonly Suggestion[],
  hidden: ReadonlyMap<string, number>,
  spans: readonly Labelled[],
): Suggestion[] {
  if (candidates.length === 0) return shown;
  let longest = 0;
  for (const s of spans) longest = Math.max(longest, s.end - s.start);
  const out = shown.slice();
  for (const g of candidates) {
    const visible = !hidden.has(g.id) && !covered(spans, g, longest);
    const at = indexOf(out, g);
    const present = out[at] === g;
    if (visible && !present) out.splice(at, 0, g);
    else if (!visible && present) out.splice(at, 1);
  }
  return out;
}
