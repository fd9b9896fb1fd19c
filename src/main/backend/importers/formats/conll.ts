// CoNLL column files: one token per line, a blank line between sentences.
// - CoNLL-2003 (`EU NNP B-NP B-ORG`) and two-column files (`EU B-ORG`, spaces or tabs): the
//   token is the first column and the tag the last (or --column N);
// - `-DOCSTART-` lines (any columns after it: `-X- -X- O`, `-X- O O`, `-X- O`) start a document;
//   a file without them is read as one article per sentence;
// - CoNLL-U (ten tab-separated fields, `#` comments, `# newdoc` documents): the token is FORM;
//   the tag is --column N, else an eleventh column, else the NER in MISC (`NE=`, `NER=` or
//   `name=`, as spaCy's converter reads it); multiword-token ranges (1-2) and empty nodes (1.1)
//   are skipped, their words are read.
// Tags are IOB1, IOB2 or IOBES. The text is rebuilt from the tokens (see tagged.ts).
import { ImportError, RecordError } from '../errors';
import { readLines } from '../read';
import { columnsOf, TAG } from '../sniff';
import type { ArticleReader, Notes, ParseOptions, ReadArticle } from './common';
import { rebuild, type TaggedToken } from './tagged';

const CONLLU_ID = /^\d+(?:[-.]\d+)?$/;
const CONLLU_COMMENT = /^#\s*(?:sent_id|text|newdoc|newpar|global\.columns)\b/;
const MISC_NER = /(?:^|\|)(?:NE|NER|name)=([^|]+)/;

interface Doc {
  line: number;
  sentences: TaggedToken[][];
}

class ConllFile {
  private mode: 'unknown' | 'conll' | 'conllu' = 'unknown';
  /** Documents from -DOCSTART- (or # newdoc); false: every sentence is an article. */
  private byDocument: boolean | null = null;
  private doc: Doc | null = null;
  private sentence: TaggedToken[] = [];
  private comments = 0;
  private ranges = 0;
  private loneSentences = 0;
  /** CoNLL-U: whether any tag came from a tag column or MISC's NE=/NER=/name=. */
  private tagsFound = false;

  constructor(
    private readonly file: string,
    private readonly notes: Notes,
    private readonly column: number | undefined,
  ) {}

  private article(doc: Doc): ReadArticle {
    try {
      const { text, spans } = rebuild(doc.sentences, this.notes);
      return { article: { text, meta: {}, layers: spans.length > 0 ? [{ name: null, spans }] : [] }, line: doc.line };
    } catch (err) {
      if (err instanceof RecordError) throw new ImportError(this.file, err.line ?? doc.line, err.message);
      throw err;
    }
  }

  private *endSentence(): Generator<ReadArticle> {
    if (this.sentence.length === 0) return;
    const first = this.sentence[0]!.line!;
    if (this.byDocument) {
      this.doc ??= { line: first, sentences: [] };
      this.doc.sentences.push(this.sentence);
    } else {
      this.loneSentences++;
      yield this.article({ line: first, sentences: [this.sentence] });
    }
    this.sentence = [];
  }

  private *startDoc(line: number): Generator<ReadArticle> {
    this.byDocument ??= true;
    yield* this.endDoc();
    this.doc = { line, sentences: [] };
  }

  private *endDoc(): Generator<ReadArticle> {
    yield* this.endSentence();
    if (this.doc && this.doc.sentences.length > 0) yield this.article(this.doc);
    this.doc = null;
  }

  private tagAt(cols: string[], n: number): string {
    const c = this.column;
    if (c === undefined) return cols[cols.length - 1]!;
    if (c > cols.length) throw new ImportError(this.file, n, `--column ${c}, but this line has ${cols.length} columns`);
    return cols[c - 1]!;
  }

  *read(onBytes: (bytes: number) => void): Generator<ReadArticle> {
    for (const [raw, n] of readLines(this.file, onBytes)) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const trimmed = line.trim();
      if (trimmed.length === 0) {
        yield* this.endSentence();
        continue;
      }
      if (this.mode === 'unknown') {
        const cols = line.split('\t');
        const conllu = (cols.length >= 10 && CONLLU_ID.test(cols[0]!)) || CONLLU_COMMENT.test(line);
        this.mode = conllu ? 'conllu' : 'conll';
      }
      if (this.mode === 'conllu') {
        if (line.startsWith('#')) {
          if (/^#\s*newdoc\b/.test(line)) yield* this.startDoc(n);
          else this.comments++;
          continue;
        }
        const cols = line.split('\t');
        if (cols.length < 10) {
          throw new ImportError(
            this.file,
            n,
            `a CoNLL-U line has 10 fields separated by tabs; this one has ${cols.length}`,
          );
        }
        if (!/^\d+$/.test(cols[0]!)) {
          this.ranges++;
          continue;
        }
        this.byDocument ??= false;
        let tag: string;
        if (this.column !== undefined || cols.length > 10) {
          tag = this.tagAt(cols, n);
          this.tagsFound = true;
        } else {
          const m = MISC_NER.exec(cols[9]!);
          if (m) this.tagsFound = true;
          tag = m ? m[1]! : 'O';
        }
        this.sentence.push({ text: cols[1]!, tag: tag.trim(), line: n });
        continue;
      }
      const cols = columnsOf(line);
      if (cols[0] === '-DOCSTART-') {
        yield* this.startDoc(n);
        continue;
      }
      if (line.startsWith('#') && (cols.length < 2 || !TAG.test(cols[cols.length - 1]!))) {
        this.comments++;
        continue;
      }
      if (cols.length < 2) {
        throw new ImportError(this.file, n, `${JSON.stringify(trimmed)} has one column; expected a token and its tag`);
      }
      this.byDocument ??= false;
      this.sentence.push({ text: cols[0]!, tag: this.tagAt(cols, n).trim(), line: n });
    }
    yield* this.endDoc();
    if (this.mode === 'conllu' && !this.tagsFound) {
      throw new ImportError(
        this.file,
        null,
        'CoNLL-U without entity tags: no MISC field holds NE=, NER= or name=, and there is no column after MISC; ' +
          'name the column that holds the tags with --column N',
      );
    }
    if (this.loneSentences > 0 && this.byDocument === false) {
      this.notes.add('sentences read as one article each (the file has no -DOCSTART- lines)', this.loneSentences);
    }
    if (this.comments > 0) this.notes.add('comment lines skipped', this.comments);
    if (this.ranges > 0) {
      this.notes.add('CoNLL-U multiword-token and empty-node lines skipped (their words are read)', this.ranges);
    }
  }
}

export const conllReader: ArticleReader = {
  name: 'conll',
  defaultUnit: 'utf16',
  computedOffsets:
    'none in the file: the text is rebuilt from the tokens (single spaces, a line per sentence), offsets follow from it',
  read: (file: string, notes: Notes, options: ParseOptions, onBytes: (bytes: number) => void) =>
    new ConllFile(file, notes, options.column).read(onBytes),
};
