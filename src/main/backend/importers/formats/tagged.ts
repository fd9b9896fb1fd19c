// Token-tagged text (CoNLL columns, Hugging Face token classification) back to an article:
// the text is the tokens joined by single spaces, a line per sentence, and every entity the
// tags describe becomes a span over its tokens. Tags may be IOB2 (BIO), IOB1 (I- opens an
// entity unless it continues one of the same type), or IOBES/BILOU.
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';
import type { Notes } from './common';

export interface TaggedToken {
  text: string;
  tag: string;
  /** Where the tag stands, for error messages. */
  line?: number | undefined;
}

const TAG = /^([BIESLU])[-_](.+)$/;

/** "O", or the position letter and the entity type; throws for anything else. */
export function parseTag(token: TaggedToken): { pos: string; type: string } | null {
  const tag = token.tag;
  if (tag === 'O' || tag === '_') return null;
  const m = TAG.exec(tag);
  if (!m) {
    throw new RecordError(
      `the tag of ${JSON.stringify(token.text)}, ${JSON.stringify(tag)}, is not an IOB tag (O, B-TYPE, I-TYPE, E-TYPE, S-TYPE)`,
      token.line,
    );
  }
  return { pos: m[1]!, type: m[2]! };
}

/**
 * The text of some sentences of tokens and their entities as spans (UTF-16 offsets into that
 * text). Entities never run across a sentence break. Notes how many began with I- (IOB1).
 */
export function rebuild(sentences: readonly TaggedToken[][], notes: Notes): { text: string; spans: OffsetSpan[] } {
  let text = '';
  const spans: OffsetSpan[] = [];
  let iob1 = 0;
  let orphanEnds = 0;
  sentences.forEach((sentence, si) => {
    if (si > 0) text += '\n';
    let open: { type: string; start: number; end: number } | null = null;
    const close = () => {
      if (open) spans.push({ start: open.start, end: open.end, label: open.type });
      open = null;
    };
    sentence.forEach((token, ti) => {
      if (ti > 0) text += ' ';
      const start = text.length;
      text += token.text;
      const end = text.length;
      const tag = parseTag(token);
      if (!tag) return close();
      const continues = open !== null && open.type === tag.type;
      if (tag.pos === 'B' || tag.pos === 'S' || tag.pos === 'U' || !continues) {
        if ((tag.pos === 'I' || tag.pos === 'E' || tag.pos === 'L') && !continues) {
          if (tag.pos === 'I') iob1++;
          else orphanEnds++;
        }
        close();
        open = { type: tag.type, start, end };
      } else {
        open!.end = end;
      }
      if (tag.pos === 'E' || tag.pos === 'L' || tag.pos === 'S' || tag.pos === 'U') close();
    });
    close();
  });
  if (iob1 > 0) notes.add('entities that begin with I- (IOB1 tagging) read as beginnings', iob1);
  if (orphanEnds > 0) notes.add('entities that begin with E- (no B- before it) read as one-token entities', orphanEnds);
  return { text, spans };
}
