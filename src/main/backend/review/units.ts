// The units of kappa and alpha: the code points of an article that are not white space, as
// Python's str.isspace() decides (JavaScript's \s is a different set: it takes U+FEFF and
// leaves out U+001C–U+001F and U+0085).

/** Every character for which Python's str.isspace() is true (Python 3, any version since 3.3). */
export const PYTHON_WHITE_SPACE: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

const WIDE = new Set(PYTHON_WHITE_SPACE.filter((c) => c > 0x85));

/** Python's str.isspace() for one code point. */
export function isPythonSpace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  if (cp < 0x85) return false;
  return cp === 0x85 || cp === 0xa0 || WIDE.has(cp);
}

/**
 * units[i] = how many of the first i code points are not white space, so the units inside a
 * code-point range [s, e) are units[e] - units[s]. One pass over the text. Written into
 * `scratch` when it is long enough: a typed array of this size is allocated outside the heap,
 * and one per article would cost more than the pass itself.
 */
export function unitPrefix(text: string, scratch?: Int32Array): Int32Array {
  const units = scratch && scratch.length > text.length ? scratch : new Int32Array(text.length + 1);
  units[0] = 0;
  let cp = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Most characters are printable ASCII: decided without a call.
    if (c > 0x20 && c < 0x7f) n++;
    // A high surrogate followed by a low one is one (astral) code point, never white space.
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    } else if (!isPythonSpace(c)) n++;
    units[++cp] = n;
  }
  return units.subarray(0, cp + 1);
}

/**
 * The union of the ranges as sorted, disjoint [start, end) pairs flattened into one array:
 * a code point is 1 for a label in a layer when any span of that label covers it.
 */
export function coverage(ranges: readonly { start: number; end: number }[]): number[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: number[] = [];
  for (const r of sorted) {
    const n = out.length;
    if (n > 0 && r.start <= out[n - 1]!) {
      if (r.end > out[n - 1]!) out[n - 1] = r.end;
    } else out.push(r.start, r.end);
  }
  return out;
}

/** Units inside a coverage. */
export function unitsIn(units: Int32Array, cov: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < cov.length; i += 2) n += units[cov[i + 1]!]! - units[cov[i]!]!;
  return n;
}

/** Units inside both coverages (a two-pointer walk over the sorted ranges). */
export function unitsInBoth(units: Int32Array, a: readonly number[], b: readonly number[]): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (s < e) n += units[e]! - units[s]!;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return n;
}
