// Text is stored verbatim, so what cannot be stored verbatim is refused: a lone surrogate
// (\ud800 in JSON, not a character, which SQLite's UTF-8 would turn into U+FFFD) and the NUL
// character (which C-string tools downstream cut the text at). Metadata is kept as JSON, where
// both survive as escapes, so only what is stored as text is checked.
import { RecordError } from './errors';
import type { ParsedArticle } from './formats/common';

const NOT_TEXT = /[\0\p{Cs}]/u;

function hex(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** ES2024's String.prototype.isWellFormed (Node ≥ 20): no lone surrogate, checked natively. */
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Throws when `value` holds a lone surrogate or NUL; `what` names it ("the text", "label \"X\""). */
export function refuseNonText(value: string, what: string, line?: number): void {
  // Native scans first (every text of an import passes here); the regex only to say where.
  if (value.indexOf('\0') === -1 && wellFormed(value)) return;
  const m = NOT_TEXT.exec(value);
  if (!m) return;
  const at = m.index;
  if (m[0] === '\0') {
    throw new RecordError(
      `${what} holds a NUL character (\\u0000 at UTF-16 offset ${at}), which Spanwise does not store`,
      line,
    );
  }
  throw new RecordError(
    `${what} holds a lone surrogate (${hex(m[0].charCodeAt(0))} at UTF-16 offset ${at}), which is not a character: ` +
      'Spanwise keeps text verbatim and cannot store it; fix the file (a surrogate pair is written as two \\u escapes together)',
    line,
  );
}

/** Every string of an article that is stored as text: its text, title, source, layer names, labels and span texts. */
export function refuseNonTextArticle(article: ParsedArticle): void {
  refuseNonText(article.text, 'the text');
  if (article.title !== undefined) refuseNonText(article.title, 'the title');
  if (article.source !== undefined) refuseNonText(article.source, 'the source');
  for (const layer of article.layers) {
    if (layer.name !== null) refuseNonText(layer.name, `annotator ${JSON.stringify(layer.name)}`);
    for (const s of layer.spans) {
      refuseNonText(s.label, `the label of span [${s.start}, ${s.end}]`, s.line);
      if (s.text !== undefined) refuseNonText(s.text, `the text of span [${s.start}, ${s.end}] ${s.label}`, s.line);
    }
  }
}
