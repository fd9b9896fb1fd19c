// The suggestions the editor shows: after every step of a random run of edits, hides and shows,
// exactly those not hidden and not inside a span of their label, the same objects as the list's.
import { describe, expect, it } from 'vitest';
import { compareSpans, insertSorted } from '../../src/renderer/src/lib/spanOrder';
import { uncovered } from '../../src/renderer/src/lib/uncovered';
import type { Suggestion } from '../../src/shared/across';
import type { Span } from '../../src/shared/model';
import { mulberry32 } from '../fixtures/random';
import { span } from './fixtures/spans';

function suggestion(start: number, end: number, labelId: number): Suggestion {
  const id = `1-${start}-${end}-${labelId}`;
  return { id, articleId: 1, start, end, labelId, label: String(labelId), text: '', sources: [{ kind: 'own' }] };
}

describe('shown suggestions', () => {
  it('are those neither hidden nor inside a span of their label after every edit, hide and show, as the same objects', () => {
    const rand = mulberry32(5);
    const int = (n: number) => Math.floor(rand() * n);
    const all: Suggestion[] = [];
    for (let at = 0; at < 5_000; at += 1 + int(4)) all.push(suggestion(at, at + 1 + int(6), 1 + int(3)));
    all.sort(compareSpans);
    let spans: Span[] = [];
    let hidden = new Map<string, number>();
    for (let step = 0; step < 150; step++) {
      const kind = int(4);
      if (kind === 0 && spans.length) spans = spans.filter((_, i) => i !== int(spans.length));
      else if (kind === 1) {
        const g = all[int(all.length)]!;
        hidden = new Map(hidden).set(g.id, step);
      } else if (kind === 2 && hidden.size) {
        hidden = new Map(hidden);
        hidden.delete([...hidden.keys()][int(hidden.size)]!);
      } else {
        const start = int(5_000);
        spans = insertSorted(spans, span(start, start + 1 + int(12), 1 + int(3)));
      }
      const shown = uncovered(all, hidden, spans);
      const expected = all.filter(
        (g) => !hidden.has(g.id) && !spans.some((s) => s.labelId === g.labelId && s.start <= g.start && s.end >= g.end),
      );
      expect(shown).toEqual(expected);
      for (let i = 0; i < expected.length; i++) expect(shown[i]).toBe(expected[i]);
    }
  });

  it('a span covers a suggestion of its own label inside it, never one of another label or reaching out of it', () => {
    const all = [suggestion(0, 3, 1), suggestion(4, 8, 1), suggestion(4, 8, 2), suggestion(6, 12, 1)];
    const spans = [span(0, 10, 1)];
    expect(uncovered(all, new Map(), spans).map((g) => g.id)).toEqual(['1-4-8-2', '1-6-12-1']);
  });
});
