// Which suggestions are still shown: those not hidden here and not covered by a span of the
// same label (a span just drawn hides its suggestion before the list is read again).
import type { Suggestion } from '../../../shared/across';
import { Coverage, type Labelled } from '../../../shared/coverage';

/** The shown suggestions of `all` (in text order): not hidden, not covered by `spans` (in text order). */
export function uncovered(
  all: readonly Suggestion[],
  hidden: ReadonlyMap<string, number>,
  spans: readonly Labelled[],
): Suggestion[] {
  const coverage = new Coverage(spans);
  return all.filter((g) => !hidden.has(g.id) && !coverage.covers(g));
}
