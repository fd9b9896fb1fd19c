// The suggestions the editor shows, patched by an edit's changed spans (and by those hidden or
// shown again) instead of worked out whole: after every step of a random run of edits the patch
// must equal the whole computation, and it must hand back the same objects it was given.
import { describe, expect, it } from 'vitest';
import { changedSpans, compareSpans, insertSorted } from '../../src/renderer/src/lib/spanOrder';
import { insideChanged, patchUncovered, uncovered } from '../../src/renderer/src/lib/uncovered';
import type { Suggestion } from '../../src/shared/across';
import type { Span } from '../../src/shared/model';
import { mulberry32 } from '../fixtures/random';

function suggestion(start: number, end: number, labelId: number): Suggestion {
  const id = `1-${start}-${end}-${labelId}`;
  return { id, articleId: 1, start, end, labelId, label: String(labelId), text: '', sources: [{ kind: 'own' }] };
}

let serial = 0;
function span(start: number, end: number, labelId: number): Span {
  return {
    id: `s${String(serial++).padStart(6, '0')}`,
    articleId: 1,
    labelId,
    start,
    end,
    note: null,
    origin: 'manual',
    createdAt: '',
    updatedAt: '',
  } as unknown as Span;
}

describe('shown suggestions, patched', () => {
  it('equal the whole computation after every edit, hide and show, keeping the untouched objects', () => {
    const rand = mulberry32(5);
    const int = (n: number) => Math.floor(rand() * n);
    const all: Suggestion[] = [];
    for (let at = 0; at < 5_000; at += 1 + int(4)) all.push(suggestion(at, at + 1 + int(6), 1 + int(3)));
    all.sort(compareSpans);
    let spans: Span[] = [];
    let hidden = new Map<string, number>();
    let shown = uncovered(all, hidden, spans);
    for (let step = 0; step < 150; step++) {
      const before = { spans, hidden };
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
      const change = changedSpans(before.spans, spans, 64)!;
      const candidates = insideChanged(all, [...change.removed, ...change.added]);
      for (const id of new Set([...before.hidden.keys(), ...hidden.keys()])) {
        if (before.hidden.has(id) !== hidden.has(id)) candidates.push(all.find((g) => g.id === id)!);
      }
      const patched = patchUncovered(shown, candidates, hidden, spans);
      const whole = uncovered(all, hidden, spans);
      expect(patched).toEqual(whole);
      for (let i = 0; i < whole.length; i++) expect(patched[i]).toBe(whole[i]);
      shown = patched;
    }
  });

  it('a span covers a suggestion of its own label inside it, never one of another label or reaching out of it', () => {
    const all = [suggestion(0, 3, 1), suggestion(4, 8, 1), suggestion(4, 8, 2), suggestion(6, 12, 1)];
    const spans = [span(0, 10, 1)];
    expect(uncovered(all, new Map(), spans).map((g) => g.id)).toEqual(['1-4-8-2', '1-6-12-1']);
    expect(patchUncovered(all.slice(), insideChanged(all, spans), new Map(), spans).map((g) => g.id)).toEqual([
      '1-4-8-2',
      '1-6-12-1',
    ]);
  });
});
