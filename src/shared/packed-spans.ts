// An article's spans as they cross the bridge when it is opened: a few flat arrays instead of
// an object per span. On the Chromium host every byte of an answer is carried as JSON text
// several times over (the binding, the DevTools protocol, the page), so an article of 20,000
// spans was 4 MB of repeated keys, timestamps and dashed ids; packed it is about a quarter of
// that. The renderer unpacks it at its edge into the Span objects it has always held.
import type { Span } from './model';

export interface PackedSpans {
  articleId: number;
  /**
   * The ids in `numbers`' order: 32 lower-case hex digits each (a uuid without its dashes), one
   * after another; or, when some id is not such a uuid, the ids as they are.
   */
  ids: string | string[];
  /**
   * Four numbers per span, in start order: its start less the previous span's start, its
   * length, its label id, and the index of its kind in `kinds`.
   */
  numbers: number[];
  /**
   * Four numbers per kind, each distinct (annotator, origin, created, updated) once: the
   * annotator id and the indexes in `strings` of the origin and the two timestamps.
   */
  kinds: number[];
  /** Origins and timestamps, each once. */
  strings: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Packs one article's spans (any order; they come back in start order). */
export function packSpans(articleId: number, spans: readonly Span[]): PackedSpans {
  let sorted = spans;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start < spans[i - 1]!.start) {
      sorted = [...spans].sort((a, b) => a.start - b.start);
      break;
    }
  }
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      stringIndex.set(s, i);
    }
    return i;
  };
  const kinds: number[] = [];
  const kindIndex = new Map<string, number>();
  const numbers: number[] = [];
  const hexIds: string[] = [];
  let allUuids = true;
  let previous = 0;
  let last: Span | null = null;
  let lastKind = -1;
  for (const span of sorted) {
    if (span.articleId !== articleId) {
      throw new Error(`span ${span.id} belongs to article ${span.articleId}, not ${articleId}`);
    }
    // Spans written together share their kind: the previous span's is checked first.
    let k = lastKind;
    if (
      !last ||
      last.annotatorId !== span.annotatorId ||
      last.origin !== span.origin ||
      last.createdAt !== span.createdAt ||
      last.updatedAt !== span.updatedAt
    ) {
      const kind = [span.annotatorId, str(span.origin), str(span.createdAt), str(span.updatedAt)];
      const key = kind.join(',');
      const known = kindIndex.get(key);
      if (known === undefined) {
        k = kinds.push(...kind) / 4 - 1;
        kindIndex.set(key, k);
      } else k = known;
    }
    last = span;
    lastKind = k;
    numbers.push(span.start - previous, span.end - span.start, span.labelId, k);
    previous = span.start;
    const id = span.id;
    if (allUuids && UUID.test(id)) {
      hexIds.push(id.slice(0, 8) + id.slice(9, 13) + id.slice(14, 18) + id.slice(19, 23) + id.slice(24));
    } else allUuids = false;
  }
  return { articleId, ids: allUuids ? hexIds.join('') : sorted.map((s) => s.id), numbers, kinds, strings };
}

/** The spans `packSpans` was given, in start order. */
export function unpackSpans(packed: PackedSpans): Span[] {
  const { articleId, ids, numbers, kinds, strings } = packed;
  const count = numbers.length / 4;
  const hex = typeof ids === 'string' ? ids : null;
  const list = typeof ids === 'string' ? null : ids;
  if (!Number.isInteger(count) || (hex !== null ? hex.length !== count * 32 : list!.length !== count)) {
    throw new Error('packed spans: the ids and the numbers disagree on how many spans there are');
  }
  const out = new Array<Span>(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const n = i * 4;
    start += numbers[n]!;
    const k = numbers[n + 3]! * 4;
    let id: string;
    if (hex !== null) {
      const o = i * 32;
      id = `${hex.slice(o, o + 8)}-${hex.slice(o + 8, o + 12)}-${hex.slice(o + 12, o + 16)}-${hex.slice(o + 16, o + 20)}-${hex.slice(o + 20, o + 32)}`;
    } else id = list![i]!;
    out[i] = {
      id,
      articleId,
      annotatorId: kinds[k]!,
      labelId: numbers[n + 2]!,
      start,
      end: start + numbers[n + 1]!,
      origin: strings[kinds[k + 1]!]!,
      createdAt: strings[kinds[k + 2]!]!,
      updatedAt: strings[kinds[k + 3]!]!,
    };
  }
  return out;
}
