// JSON integers beyond 2^53 (tweet ids, snowflake ids, database keys) kept by their digits.
// JSON.parse would round 12345678901234567890 to 12345678901234567000; here such a literal
// becomes a raw JSON value (JSON.rawJSON) holding the digits, which JSON.stringify writes back
// exactly as it was read. Only integer literals too large for a double are affected.

/** A JSON number kept as its source text. */
export interface RawJson {
  readonly rawJSON: string;
}

// ES2024's JSON.rawJSON / JSON.isRawJSON and the reviver's source text (Node ≥ 21, Chromium ≥ 114).
const Json = JSON as unknown as {
  rawJSON(text: string): RawJson;
  isRawJSON(value: unknown): value is RawJson;
  parse(text: string, reviver: (key: string, value: unknown, context?: { source?: string }) => unknown): unknown;
};

/** An unsafe integer needs at least 16 digits: texts without such a run parse the fast way. */
const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

function keepDigits(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && INTEGER.test(context.source)) {
    return Json.rawJSON(context.source);
  }
  return value;
}

/** JSON.parse, except that integers beyond 2^53 keep their digits (as raw JSON values). */
export function parseExact(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (!LONG_DIGITS.test(text)) return value;
  try {
    return Json.parse(text, keepDigits);
  } catch {
    // A reviver walks the value recursively: on nesting too deep for the stack, the plain
    // value is returned, and the reader's depth limit refuses it.
    return value;
  }
}

export function isRawJson(value: unknown): value is RawJson {
  return Json.isRawJSON(value);
}

/** An article's own id as its file gave it: a string, a number, or a large integer's digits. */
export type ExternalId = string | number | RawJson;

/** The id as text (file names, messages): a large integer's digits. */
export function idText(id: ExternalId): string {
  return isRawJson(id) ? id.rawJSON : String(id);
}
