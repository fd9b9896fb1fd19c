// Characters that draw nothing but change what the text around them looks like: bidi controls
// (U+202E turns `abc\u202Egnp.exe` into what reads as `abcexe.png`), zero-width spaces and joiners
// of words, invisible operators, the byte-order mark, and tag characters (which spell ASCII
// that no one sees). The window shows each as a small marked box with its name, at its own
// offset: the text and every offset stay as stored. Zero-width joiner and non-joiner are left
// alone (emoji sequences and Persian or Indic words need them), as is the soft hyphen (a
// hyphenation hint in ordinary text).

export interface Invisible {
  /** Shown in the box. */
  short: string;
  /** The character's code point and Unicode name, for the tooltip. */
  title: string;
}

const NAMED: Readonly<Record<number, readonly [string, string]>> = {
  0x061c: ['ALM', 'ARABIC LETTER MARK'],
  0x200b: ['ZWSP', 'ZERO WIDTH SPACE'],
  0x200e: ['LRM', 'LEFT-TO-RIGHT MARK'],
  0x200f: ['RLM', 'RIGHT-TO-LEFT MARK'],
  0x202a: ['LRE', 'LEFT-TO-RIGHT EMBEDDING'],
  0x202b: ['RLE', 'RIGHT-TO-LEFT EMBEDDING'],
  0x202c: ['PDF', 'POP DIRECTIONAL FORMATTING'],
  0x202d: ['LRO', 'LEFT-TO-RIGHT OVERRIDE'],
  0x202e: ['RLO', 'RIGHT-TO-LEFT OVERRIDE'],
  0x2060: ['WJ', 'WORD JOINER'],
  0x2061: ['FA', 'FUNCTION APPLICATION'],
  0x2062: ['IT', 'INVISIBLE TIMES'],
  0x2063: ['IS', 'INVISIBLE SEPARATOR'],
  0x2064: ['IP', 'INVISIBLE PLUS'],
  0x2066: ['LRI', 'LEFT-TO-RIGHT ISOLATE'],
  0x2067: ['RLI', 'RIGHT-TO-LEFT ISOLATE'],
  0x2068: ['FSI', 'FIRST STRONG ISOLATE'],
  0x2069: ['PDI', 'POP DIRECTIONAL ISOLATE'],
  0x206a: ['ISS', 'INHIBIT SYMMETRIC SWAPPING'],
  0x206b: ['ASS', 'ACTIVATE SYMMETRIC SWAPPING'],
  0x206c: ['IAFS', 'INHIBIT ARABIC FORM SHAPING'],
  0x206d: ['AAFS', 'ACTIVATE ARABIC FORM SHAPING'],
  0x206e: ['NADS', 'NATIONAL DIGIT SHAPES'],
  0x206f: ['NODS', 'NOMINAL DIGIT SHAPES'],
  0xfeff: ['BOM', 'ZERO WIDTH NO-BREAK SPACE'],
  0xfff9: ['IAA', 'INTERLINEAR ANNOTATION ANCHOR'],
  0xfffa: ['IAS', 'INTERLINEAR ANNOTATION SEPARATOR'],
  0xfffb: ['IAT', 'INTERLINEAR ANNOTATION TERMINATOR'],
  0xe0001: ['LANG', 'LANGUAGE TAG'],
  0xe007f: ['TAG END', 'CANCEL TAG'],
};

/** Every character described below, found in one pass. */
const INVISIBLE =
  /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\u{e0000}-\u{e007f}]/gu;

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What to show for an invisible character, or null for any other. */
export function describeInvisible(char: string): Invisible | null {
  const cp = char.codePointAt(0);
  if (cp === undefined || char.length !== String.fromCodePoint(cp).length) return null;
  const named = NAMED[cp];
  if (named) return { short: named[0], title: `${hex(cp)} ${named[1]} (an invisible character)` };
  if (cp >= 0xe0020 && cp <= 0xe007e) {
    // A tag character spells an ASCII one: show which.
    const ascii = String.fromCharCode(cp - 0xe0000);
    return {
      short: `TAG ${ascii}`,
      title: `${hex(cp)} TAG ${ascii === ' ' ? 'SPACE' : ascii} (an invisible character)`,
    };
  }
  if (cp >= 0xe0000 && cp <= 0xe007f) return { short: 'TAG', title: `${hex(cp)} (an unassigned tag character)` };
  return null;
}

export type DisplayPiece =
  { kind: 'text'; start: number; end: number } | ({ kind: 'invisible'; start: number; end: number } & Invisible);

/**
 * `text[start, end)` cut into runs of ordinary text and single invisible characters, with their
 * offsets in `text` (UTF-16, as everywhere in the window). The pieces cover the range exactly.
 */
export function displayPieces(text: string, start = 0, end = text.length): DisplayPiece[] {
  const pieces: DisplayPiece[] = [];
  const slice = text.slice(start, end);
  let at = 0;
  for (const m of slice.matchAll(INVISIBLE)) {
    const i = m.index;
    if (i > at) pieces.push({ kind: 'text', start: start + at, end: start + i });
    const shown = describeInvisible(m[0])!;
    pieces.push({ kind: 'invisible', start: start + i, end: start + i + m[0].length, ...shown });
    at = i + m[0].length;
  }
  if (at < slice.length || pieces.length === 0) pieces.push({ kind: 'text', start: start + at, end });
  return pieces;
}

/** The text for places that take no markup (a window title, a tooltip): each invisible as ⟨NAME⟩. */
export function visiblePlain(text: string): string {
  return text.replace(INVISIBLE, (char) => `⟨${describeInvisible(char)!.short}⟩`);
}
