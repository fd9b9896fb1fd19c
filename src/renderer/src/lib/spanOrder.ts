// Spans in text order (start, then end, then id), kept sorted by insertion rather than re-sorted
// on every edit; and the ids the renderer gives new spans.
import { lowerBound } from '../../../shared/lowerBound';
import type { Span } from '../../../shared/model';

/** Text order; suggestions and spans alike (only the range and the id are read). */
export function compareSpans(a: Pick<Span, 'start' | 'end' | 'id'>, b: Pick<Span, 'start' | 'end' | 'id'>): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1);
}

export function sortSpans(spans: Span[]): Span[] {
  return spans.sort(compareSpans);
}

/** A copy of sorted `spans` with `span` inserted in order: O(n), no re-sort on every edit. */
export function insertSorted(spans: readonly Span[], span: Span): Span[] {
  const at = lowerBound(spans, span, compareSpans);
  return [...spans.slice(0, at), span, ...spans.slice(at)];
}

/** A v4 UUID. crypto.randomUUID needs a secure context; getRandomValues works everywhere. */
export function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An edit changes a few spans; past this many, what follows the spans is worked out whole. */
export const MAX_CHANGED = 64;

/**
 * The spans in `prev` and not in `next` and the other way round, by identity: both are in
 * text order and an edit keeps every span it does not touch as the same object. A walk of
 * pointer comparisons, far cheaper than bucketing every span again; null past `limit`.
 */
export function changedSpans<S extends Pick<Span, 'start' | 'end' | 'id'>>(
  prev: readonly S[],
  next: readonly S[],
  limit: number,
): { removed: S[]; added: S[] } | null {
  const removed: S[] = [];
  const added: S[] = [];
  let i = 0;
  let j = 0;
  while (i < prev.length || j < next.length) {
    const a = prev[i];
    const b = next[j];
    if (a === b) {
      i++;
      j++;
      continue;
    }
    const order = a === undefined ? 1 : b === undefined ? -1 : compareSpans(a, b);
    if (order <= 0) removed.push(prev[i++]!);
    if (order >= 0) added.push(next[j++]!);
    if (removed.length + added.length > limit) return null;
  }
  return { removed, added };
}
