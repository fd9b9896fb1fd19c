// The one place where offset units are converted. Inside the app spans are UTF-16 code-unit
// offsets (JS string indices); Python tools (spaCy, Hugging Face, doccano, Prodigy) index
// Unicode code points. They differ for every character outside the BMP (emoji, rare CJK).
// Combining marks are separate code points in both units, so they never shift offsets.

import { lowerBound } from './lowerBound';

export type OffsetUnit = 'utf16' | 'codepoint';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when a UTF-16 offset does not split a surrogate pair. */
export function isCodePointBoundary(text: string, utf16: number): boolean {
  if (utf16 <= 0 || utf16 >= text.length) return utf16 === 0 || utf16 === text.length;
  return !(isHighSurrogate(text.charCodeAt(utf16 - 1)) && isLowSurrogate(text.charCodeAt(utf16)));
}

/**
 * Converts offsets of one text in either direction. Built once per text (O(n) only when the
 * text has astral characters), then each conversion is a binary search over the astral
 * positions, so converting every span of a long article stays linear-ish.
 */
export class OffsetMap {
  /** UTF-16 index of each astral character's high surrogate, ascending. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    this.utf16Length = text.length;
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.astral.push(i);
        i++;
      }
    }
    this.codePointLength = text.length - this.astral.length;
  }

  /** Code-point offset for a UTF-16 offset; throws if it splits a surrogate pair. */
  toCodePoint(utf16: number): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.utf16Length) {
      throw new RangeError(`UTF-16 offset ${utf16} is outside 0..${this.utf16Length}`);
    }
    // Astral characters that start strictly before utf16 each take two units.
    const before = lowerBound(this.astral, utf16, (at, offset) => at - offset);
    if (before > 0 && this.astral[before - 1]! + 1 === utf16) {
      throw new RangeError(`UTF-16 offset ${utf16} splits a surrogate pair`);
    }
    return utf16 - before;
  }

  /** UTF-16 offset for a code-point offset. */
  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePointLength) {
      throw new RangeError(`code-point offset ${codePoint} is outside 0..${this.codePointLength}`);
    }
    // The k-th astral character sits at code point astral[k] - k.
    return codePoint + lowerBound(this.astral, codePoint, (at, offset, k) => at - k - offset);
  }

  /** Slice by offsets in the given unit (Python's text[start:end] for 'codepoint'). */
  slice(start: number, end: number, unit: OffsetUnit): string {
    const s = unit === 'utf16' ? start : this.toUtf16(start);
    const e = unit === 'utf16' ? end : this.toUtf16(end);
    return this.text.slice(s, e);
  }
}
