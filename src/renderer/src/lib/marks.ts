// Pure geometry of span marks on the text: which spans touch which paragraph, which lane each
// span's underline takes, and the segments a paragraph is cut into. No DOM: unit-tested.
import { upperBound } from '../../../shared/lowerBound';
import type { Range } from '../../../shared/text';

export interface MarkSpan {
  id: string;
  start: number;
  end: number;
  labelId: number;
}

/** The paragraphs a span overlaps: indexes `from` (inclusive) to `to` (exclusive). */
export function paragraphsOf(paras: readonly Range[], span: Range): { from: number; to: number } {
  // First paragraph whose end is after the span's start.
  const from = upperBound(paras, span.start, (p, offset) => p.end - offset);
  let to = from;
  while (to < paras.length && paras[to]!.start < span.end) to++;
  return { from, to };
}

/** The paragraph holding `offset`: the last one starting at or before it (the first when none does). */
export function paragraphIndexAt(paras: readonly Range[], offset: number): number {
  return Math.max(0, upperBound(paras, offset, (p, at) => p.start - at) - 1);
}

/** Spans (sorted by start) grouped by the paragraphs they overlap; a span may touch several. */
export function bucketByParagraph<S extends MarkSpan>(paras: readonly Range[], spans: readonly S[]): S[][] {
  const buckets: S[][] = paras.map(() => []);
  for (const span of spans) {
    const { from, to } = paragraphsOf(paras, span);
    for (let i = from; i < to; i++) buckets[i]!.push(span);
  }
  return buckets;
}

/**
 * Lanes for underlines: shorter spans sit closest to the text, longer ones below them, so a
 * CLAIM's long underline runs under its ACTORs'. Non-overlapping spans share lane 0.
 * Lengths are measured within the given clip range (the paragraph).
 */
export function assignLanes(spans: readonly MarkSpan[], clip: Range): Map<string, number> {
  const clipped = spans
    .map((s) => ({ id: s.id, start: Math.max(s.start, clip.start), end: Math.min(s.end, clip.end) }))
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : 1));
  const lanes: Array<Array<{ start: number; end: number }>> = [];
  const result = new Map<string, number>();
  for (const s of clipped) {
    let lane = 0;
    while (lanes[lane]?.some((o) => o.start < s.end && s.start < o.end)) lane++;
    (lanes[lane] ??= []).push(s);
    result.set(s.id, lane);
  }
  return result;
}

/** Vertical space per underline lane, in px, while the lanes fit the room lines reserve. */
export const LANE_PX = 5;
/** Lanes every line has room for (kept in sync with --lane-room in editor.css). */
export const RESERVED_LANES = 3;

/**
 * The distance between lanes: every line reserves room for RESERVED_LANES, whether or not it
 * has spans, so adding or removing a span never changes a line's height (the text never moves
 * under the reader). Deeper nesting packs its lanes closer within the same room.
 */
export function lanePitch(laneCount: number): number {
  return laneCount <= RESERVED_LANES ? LANE_PX : (RESERVED_LANES * LANE_PX) / laneCount;
}

export interface Segment {
  start: number;
  end: number;
  /** Ids of the spans covering this whole segment. */
  covering: string[];
}

/**
 * Cuts a paragraph at every span boundary (and any extra cut, e.g. the selection and caret)
 * into segments, each listing the spans that cover it. A sweep: O((n + cuts) log n).
 */
export function segmentParagraph(
  para: Range,
  spans: readonly MarkSpan[],
  extraCuts: readonly number[] = [],
): Segment[] {
  const cuts = new Set<number>([para.start, para.end]);
  for (const s of spans) {
    if (s.start > para.start && s.start < para.end) cuts.add(s.start);
    if (s.end > para.start && s.end < para.end) cuts.add(s.end);
  }
  for (const c of extraCuts) if (c > para.start && c < para.end) cuts.add(c);
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  const active = new Map<string, MarkSpan>();
  const out: Segment[] = [];
  let next = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    while (next < byStart.length && byStart[next]!.start <= start) {
      active.set(byStart[next]!.id, byStart[next]!);
      next++;
    }
    const covering: string[] = [];
    for (const [id, s] of active) {
      if (s.end <= start) active.delete(id);
      else if (s.end >= end) covering.push(id);
    }
    out.push({ start, end, covering });
  }
  return out;
}

/** The innermost (shortest) span covering an offset, skipping `after` to cycle outwards. */
export function spansAt<S extends MarkSpan>(spans: readonly S[], offset: number): S[] {
  return spans
    .filter((s) => s.start <= offset && offset < s.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
}
