// Which unit do a file's offsets count: code points (Python tools) or UTF-16 code units
// (JavaScript tools)? They only differ after a character outside the BMP. Each span is checked
// against its own text where the format carries it, and against the text's bounds and
// surrogate pairs everywhere; the file's unit is the one all its spans agree with.
import { OffsetMap, type OffsetUnit } from '../../../shared/offsets';
import type { UnitReport } from '../../../shared/jobs';
import { RecordError } from './errors';

export interface OffsetSpan {
  start: number;
  end: number;
  label: string;
  /** The span's text as the file states it, when it does. */
  text?: string | undefined;
  /** The line that states the span, when it has its own (brat). */
  line?: number | undefined;
}

const NAME: Record<OffsetUnit, string> = { codepoint: 'code points', utf16: 'UTF-16 code units' };

/** The resolver's choice must be redone from the start of the file with this unit. */
export class UnitRestart extends Error {
  constructor(
    readonly unit: OffsetUnit,
    readonly line: number,
    readonly how: string,
  ) {
    super(`offsets are ${NAME[unit]} (from line ${line}); earlier lines were read as ${NAME[other(unit)]}`);
  }
}

function other(unit: OffsetUnit): OffsetUnit {
  return unit === 'codepoint' ? 'utf16' : 'codepoint';
}

function quote(s: string): string {
  const short = s.length > 40 ? `${s.slice(0, 37)}…` : s;
  return JSON.stringify(short);
}

export interface ResolverOptions {
  /** --offsets codepoint|utf16: no detection, every span must fit this unit. */
  forced?: OffsetUnit | undefined;
  /** What the format's own tools use, for files where nothing tells the units apart. */
  formatDefault: OffsetUnit;
  formatName: string;
  /** A restart after earlier records were read with the default: the unit found later. */
  preset?: { unit: OffsetUnit; line: number; how: string } | undefined;
  /** Accepts a stated text that differs from the selected one only in white space. */
  looseText?: ((stated: string, actual: string) => boolean) | undefined;
}

export class UnitResolver {
  private decided: { unit: OffsetUnit; line: number; how: string } | null = null;
  /** First line where the format default decided between two readings that differ. */
  private assumedAt: number | null = null;
  private spans = 0;
  private astralRecords = 0;
  private checkedText = 0;
  /** Span texts accepted only by `looseText` (white space written differently). */
  looseMatches = 0;

  constructor(private readonly opts: ResolverOptions) {
    if (opts.preset) this.decided = { ...opts.preset };
  }

  /**
   * Checks every span of one record against its text and returns them in UTF-16 offsets.
   * Throws RecordError for a span that fits neither unit, UnitRestart when this record shows
   * that an earlier default guess was wrong.
   */
  toUtf16(
    text: string,
    spans: readonly OffsetSpan[],
    line: number,
    evidence: readonly OffsetSpan[] = [],
  ): OffsetSpan[] {
    if (spans.length === 0) return [];
    this.spans += spans.length;
    if (!HIGH_SURROGATE.test(text)) {
      // No character outside the BMP: both units agree everywhere (the common case, checked
      // without building an offset map; messages speak of code points, as Python does).
      for (const s of spans) {
        if (s.text !== undefined) {
          this.checkedText++;
          if (this.opts.looseText && text.slice(s.start, s.end) !== s.text && this.fitsLoosely(text, s)) {
            this.looseMatches++;
            continue;
          }
        }
        checkBmp(text, s);
      }
      return spans.slice();
    }
    const map = new OffsetMap(text);
    this.astralRecords++;
    const forced = this.opts.forced;
    if (forced) {
      for (const s of spans) this.checkSpan(map, s, forced, true);
      if (this.opts.looseText) {
        for (const s of spans) {
          if (s.text !== undefined && map.slice(s.start, s.end, forced) !== s.text) this.looseMatches++;
        }
      }
      return spans.map((s) => this.convert(map, s, forced));
    }
    // Which units could each span (and each token the format gives as evidence) be in?
    let cp = true;
    let u16 = true;
    let firstCp: OffsetSpan | null = null;
    let firstU16: OffsetSpan | null = null;
    for (const s of [...spans, ...evidence]) {
      const okCp = this.checkSpan(map, s, 'codepoint', false);
      const okU16 = this.checkSpan(map, s, 'utf16', false);
      if (!okCp && !okU16) this.neither(map, s);
      if (okCp && !okU16) firstCp ??= s;
      if (okU16 && !okCp) firstU16 ??= s;
      cp &&= okCp;
      u16 &&= okU16;
      if (s.text !== undefined) this.checkedText++;
    }
    if (!cp && !u16) {
      throw new RecordError(
        `spans on this line mix units: ${describe(firstCp!)} fits only code points, ${describe(firstU16!)} fits only UTF-16`,
      );
    }
    let unit: OffsetUnit;
    if (cp && u16) {
      const differs = spans.some((s) => map.toUtf16(s.start) !== s.start || map.toUtf16(s.end) !== s.end);
      if (!differs) unit = 'utf16';
      else if (this.decided) unit = this.decided.unit;
      else {
        unit = this.opts.formatDefault;
        this.assumedAt ??= line;
      }
    } else {
      unit = cp ? 'codepoint' : 'utf16';
      const how =
        (cp ? firstCp : firstU16)!.text !== undefined ? 'checked against the spans’ text' : 'from span bounds';
      if (this.decided && this.decided.unit !== unit) {
        throw new RecordError(
          `offsets on this line are ${NAME[unit]} but line ${this.decided.line} used ${NAME[this.decided.unit]} ` +
            `(${describe((cp ? firstCp : firstU16)!)}); a file must use one unit`,
        );
      }
      if (!this.decided) {
        if (this.assumedAt !== null && this.opts.formatDefault !== unit) throw new UnitRestart(unit, line, how);
        this.decided = { unit, line, how };
      }
    }
    if (this.opts.looseText) {
      for (const s of spans)
        if (s.text !== undefined && map.slice(s.start, s.end, unit) !== s.text) this.looseMatches++;
    }
    return spans.map((s) => this.convert(map, s, unit));
  }

  /** In range (BMP text) and the same text apart from white space. */
  private fitsLoosely(text: string, s: OffsetSpan): boolean {
    return (
      s.start >= 0 &&
      s.end > s.start &&
      s.end <= text.length &&
      this.opts.looseText!(s.text!, text.slice(s.start, s.end))
    );
  }

  private convert(map: OffsetMap, s: OffsetSpan, unit: OffsetUnit): OffsetSpan {
    if (unit === 'utf16') return { start: s.start, end: s.end, label: s.label, text: s.text };
    return { start: map.toUtf16(s.start), end: map.toUtf16(s.end), label: s.label, text: s.text };
  }

  private textFits(actual: string, s: OffsetSpan): boolean {
    return actual === s.text || (this.opts.looseText !== undefined && this.opts.looseText(s.text!, actual));
  }

  /** True when the span is valid in `unit`; with `raise`, throws the reason instead of false. */
  private checkSpan(map: OffsetMap, s: OffsetSpan, unit: OffsetUnit, raise: boolean): boolean {
    const len = unit === 'utf16' ? map.utf16Length : map.codePointLength;
    const fail = (why: string): false => {
      if (raise) throw new RecordError(why, s.line);
      return false;
    };
    if (s.end <= s.start) return fail(`span ${describe(s)}: end ≤ start`);
    if (s.start < 0) return fail(`span ${describe(s)}: negative offset`);
    if (s.end > len) {
      return fail(
        `span ${describe(s)} is out of range: the text is ${len} ${NAME[unit]} long` +
          (raise && map.utf16Length !== map.codePointLength ? ` (${unitNote(map)})` : ''),
      );
    }
    if (unit === 'utf16') {
      try {
        map.toCodePoint(s.start);
        map.toCodePoint(s.end);
      } catch {
        return fail(`span ${describe(s)} splits a character outside the BMP (emoji) in UTF-16`);
      }
    }
    if (s.text !== undefined) {
      const actual = map.slice(s.start, s.end, unit);
      if (!this.textFits(actual, s)) {
        return fail(`span ${describe(s)}: its text is ${quote(s.text)} but the offsets select ${quote(actual)}`);
      }
    }
    return true;
  }

  private neither(map: OffsetMap, s: OffsetSpan): never {
    // Bounds first: the slices below are only taken of offsets inside the text.
    if (s.end <= s.start) throw new RecordError(`span ${describe(s)}: end ≤ start`, s.line);
    if (s.start < 0) throw new RecordError(`span ${describe(s)}: negative offset`, s.line);
    const asCp = s.end <= map.codePointLength ? quote(map.slice(s.start, s.end, 'codepoint')) : 'out of range';
    const asU16 = s.end <= map.utf16Length ? quote(map.text.slice(s.start, s.end)) : 'out of range';
    if (s.end > map.utf16Length) {
      throw new RecordError(
        `span ${describe(s)} is out of range: the text is ${map.codePointLength} code points long`,
        s.line,
      );
    }
    const said = s.text !== undefined ? `its text is ${quote(s.text)}, but ` : '';
    throw new RecordError(
      `span ${describe(s)} matches neither unit: ${said}as code points it selects ${asCp}, as UTF-16 ${asU16}`,
      s.line,
    );
  }

  report(): UnitReport {
    const forced = this.opts.forced;
    if (this.spans === 0) return { unit: null, statement: 'no spans, so no offsets to read' };
    if (forced) return { unit: forced, statement: `${NAME[forced]}, as given by --offsets` };
    if (this.decided) {
      const d = this.decided;
      const checked = this.checkedText > 0 ? `; ${this.checkedText} span texts checked` : '';
      return {
        unit: d.unit,
        statement: `${NAME[d.unit]} (detected at line ${d.line}, ${d.how}${checked})`,
      };
    }
    if (this.astralRecords === 0) {
      return {
        unit: this.opts.formatDefault,
        statement:
          'code points = UTF-16 here: no text has a character outside the BMP' +
          (this.checkedText > 0 ? `; ${this.checkedText} span texts checked` : ''),
      };
    }
    if (this.assumedAt === null) {
      return {
        unit: this.opts.formatDefault,
        statement: 'code points = UTF-16 for every span here (no span lies after a character outside the BMP)',
      };
    }
    return {
      unit: this.opts.formatDefault,
      statement:
        `${NAME[this.opts.formatDefault]}, assumed: ${this.opts.formatName} uses them and nothing in the file ` +
        `tells the units apart (first at line ${this.assumedAt}); pass --offsets to be explicit`,
    };
  }
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

function checkBmp(text: string, s: OffsetSpan): void {
  if (s.end <= s.start) throw new RecordError(`span ${describe(s)}: end ≤ start`, s.line);
  if (s.start < 0) throw new RecordError(`span ${describe(s)}: negative offset`, s.line);
  if (s.end > text.length) {
    throw new RecordError(`span ${describe(s)} is out of range: the text is ${text.length} code points long`, s.line);
  }
  if (s.text !== undefined && text.slice(s.start, s.end) !== s.text) {
    const actual = text.slice(s.start, s.end);
    throw new RecordError(
      `span ${describe(s)}: its text is ${quote(s.text)} but the offsets select ${quote(actual)}`,
      s.line,
    );
  }
}

function describe(s: OffsetSpan): string {
  return `[${s.start}, ${s.end}] ${s.label}`;
}

function unitNote(map: OffsetMap): string {
  return `${map.codePointLength} code points, ${map.utf16Length} UTF-16 units`;
}
