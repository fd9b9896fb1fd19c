// Text as it compares across articles: quotes, dashes, spaces, line breaks and case folded
// away, with a map from every unit of the normalised text back to the verbatim text, so that a
// match found in the normalised text is a range of the verbatim one. Offsets are UTF-16 (the
// app's unit); the CLI converts to code points at its edge with OffsetMap.

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2035, 0x0060, 0x00b4]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x2036, 0x00ab, 0x00bb]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d, 0x2d]);
/** Zero-width characters and the soft hyphen: invisible, so they never make two texts differ. */
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);

function isSpace(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

const MARK = /\p{M}/gu;

export interface NormalizeOptions {
  /** Fold case (default true). */
  caseFold?: boolean;
  /** Drop diacritics (é → e), as the full-text index does (default false). */
  diacritics?: boolean;
}

/** A normalised text and where each of its UTF-16 units came from in the verbatim text. */
export class Normalized {
  constructor(
    readonly verbatim: string,
    readonly text: string,
    /** Verbatim start of normalised unit i. */
    private readonly from: Int32Array,
    /** Verbatim end of normalised unit i. */
    private readonly to: Int32Array,
  ) {}

  /** The verbatim range a normalised range [start, end) came from (UTF-16 offsets). */
  toVerbatim(start: number, end: number): { start: number; end: number } {
    if (start < 0 || end > this.text.length || end <= start) {
      throw new RangeError(`normalised range ${start}..${end} is outside 0..${this.text.length}`);
    }
    return { start: this.from[start]!, end: this.to[end - 1]! };
  }
}

/**
 * Normalises `text`: curly and straight quotes become ' and ", every dash and a run of dashes
 * one -, any run of white space (NBSP, tabs, CRLF, line breaks) one space, invisible characters
 * go, the ellipsis becomes three dots; case is folded and, when asked, diacritics dropped.
 */
export function normalize(text: string, options: NormalizeOptions = {}): Normalized {
  const caseFold = options.caseFold ?? true;
  const diacritics = options.diacritics ?? false;
  const folded = foldCache(caseFold, diacritics);
  let out = new Uint16Array(text.length + 8);
  let from = new Int32Array(text.length + 8);
  let to = new Int32Array(text.length + 8);
  let length = 0;
  const room = (n: number) => {
    if (length + n <= out.length) return;
    const size = out.length * 2 + n;
    const o = new Uint16Array(size);
    o.set(out);
    out = o;
    const f = new Int32Array(size);
    f.set(from);
    from = f;
    const t = new Int32Array(size);
    t.set(to);
    to = t;
  };
  const emit = (s: string, start: number, end: number) => {
    room(s.length);
    for (let k = 0; k < s.length; k++) {
      out[length] = s.charCodeAt(k);
      from[length] = start;
      to[length++] = end;
    }
  };
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    // Plain ASCII letters, digits and punctuation: the common case, without a lookup.
    if (unit < 0x80 && unit !== 0x2d && unit !== 0x60 && unit > 0x20) {
      room(1);
      out[length] = caseFold && unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;
      from[length] = i;
      to[length++] = ++i;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const end = i + (cp > 0xffff ? 2 : 1);
    const last = length > 0 ? out[length - 1] : -1;
    if (isSpace(cp)) {
      // A run of white space is one space covering the whole run.
      if (last === 0x20 && to[length - 1] === i) to[length - 1] = end;
      else emit(' ', i, end);
    } else if (INVISIBLE.has(cp)) {
      // Dropped: a zero-width joiner or soft hyphen never makes two texts differ.
    } else if (DASHES.has(cp)) {
      if (last === 0x2d && to[length - 1] === i) to[length - 1] = end;
      else emit('-', i, end);
    } else if (SINGLE_QUOTES.has(cp)) emit("'", i, end);
    else if (DOUBLE_QUOTES.has(cp)) emit('"', i, end);
    else if (cp === 0x2026) emit('...', i, end);
    else {
      let s = folded.get(cp);
      if (s === undefined) {
        s = String.fromCodePoint(cp);
        if (caseFold) s = s.toLowerCase();
        if (diacritics) s = s.normalize('NFD').replace(MARK, '');
        folded.set(cp, s);
      }
      if (s.length > 0) emit(s, i, end);
    }
    i = end;
  }
  let normalized = '';
  for (let k = 0; k < length; k += 8192) {
    normalized += String.fromCharCode(...out.subarray(k, Math.min(length, k + 8192)));
  }
  return new Normalized(text, normalized, from.subarray(0, length), to.subarray(0, length));
}

const caches = new Map<string, Map<number, string>>();

/** Each character's folded form, computed once per process and options. */
function foldCache(caseFold: boolean, diacritics: boolean): Map<number, string> {
  const key = `${caseFold}${diacritics}`;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map<number, string>()));
  return cache;
}

/** A word or punctuation mark of a text: its normalised form and its verbatim range. */
export interface Token {
  norm: string;
  start: number;
  end: number;
  word: boolean;
}

/** Letters, digits and private-use characters make words, as in the full-text index's tokenizer. */
const WORD_START = /^[\p{L}\p{N}\p{Co}]/u;
const TOKEN = /[\p{L}\p{N}\p{Co}]+|[^\s\p{L}\p{N}\p{Co}]/gu;

/** The words and punctuation marks of a normalised text, each with its verbatim range. */
export function tokens(n: Normalized, wordsOnly = false): Token[] {
  const out: Token[] = [];
  for (const m of n.text.matchAll(TOKEN)) {
    const word = WORD_START.test(m[0]);
    if (wordsOnly && !word) continue;
    const { start, end } = n.toVerbatim(m.index, m.index + m[0].length);
    out.push({ norm: m[0], start, end, word });
  }
  return out;
}

const INVISIBLE_RUN = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const WORD_RUN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The words of a text as `tokens(normalize(text, { diacritics: true }), true)` has them, made in
 * a few passes over the whole string instead of per character: what the sentence index needs
 * for every sentence of every article, where offsets are not needed.
 */
export function wordsOf(text: string): string[] {
  return text.replace(INVISIBLE_RUN, '').toLowerCase().normalize('NFD').replace(MARK, '').match(WORD_RUN) ?? [];
}
