// Whether a place is already labelled: covered by a span of its label that starts at or before
// it and reaches its end. Suggestions are offered (backend) and shown (window) only where not.

/** A range with a label: a span, a suggestion or a place that may become one. */
export interface Labelled {
  start: number;
  end: number;
  labelId: number;
}

/**
 * One sweep over one article's spans (in reading order) for places asked in reading order: the
 * furthest end of each label's spans starting at or before a place says whether one covers it,
 * so asking about every place costs the spans plus the places, however many of each.
 */
export class Coverage {
  private next = 0;
  private readonly reach = new Map<number, number>();

  constructor(private readonly spans: readonly Labelled[]) {}

  /** Whether a span of `place`'s label covers it; each place asked starts at or after the one before. */
  covers(place: Labelled): boolean {
    const spans = this.spans;
    for (; this.next < spans.length && spans[this.next]!.start <= place.start; this.next++) {
      const s = spans[this.next]!;
      this.reach.set(s.labelId, Math.max(this.reach.get(s.labelId) ?? -1, s.end));
    }
    return (this.reach.get(place.labelId) ?? -1) >= place.end;
  }
}
