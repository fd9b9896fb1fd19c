// CoNLL column files in: CoNLL-2003 (four columns), two-column token/tag files, IOB1, IOB2 and
// IOBES tags, -DOCSTART- documents, CoNLL-U with its NER in MISC or a chosen column; the text is
// rebuilt with single spaces and a line per sentence, and every entity lands on its tokens.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/main/backend/project';
import { formatImportSummary } from '../../src/main/backend/importers';
import { tempDir } from './helpers';
import { emptyProject, expectRefused, exportText, imp, write } from './fixtures/io';

function articles(p: Project): { text: string; spans: string[] }[] {
  const rows = p.db.prepare('SELECT id, text FROM articles ORDER BY id').all() as { id: number; text: string }[];
  const spans = p.db.prepare(
    `SELECT s.start_offset AS s, s.end_offset AS e, l.name AS label FROM spans s JOIN labels l ON l.id = s.label_id
      WHERE s.article_id = ? AND s.deleted = 0 ORDER BY s.start_offset, s.end_offset`,
  );
  return rows.map((r) => ({
    text: r.text,
    spans: (spans.all(r.id) as { s: number; e: number; label: string }[]).map(
      (x) => `${x.label}:${r.text.slice(x.s, x.e)}`,
    ),
  }));
}

// The CoNLL-2003 shared task's own layout (eng.train): token, POS, chunk, NER; IOB1 tags, where
// I- opens an entity and B- only separates two adjacent entities of one type.
const CONLL2003 = [
  '-DOCSTART- -X- -X- O',
  '',
  'EU NNP I-NP I-ORG',
  'rejects VBZ I-VP O',
  'German JJ I-NP I-MISC',
  'call NN I-NP O',
  '. . O O',
  '',
  'Peter NNP I-NP I-PER',
  'Blackburn NNP I-NP I-PER',
  '',
  '-DOCSTART- -X- -X- O',
  '',
  'BRUSSELS NNP I-NP I-LOC',
  '1996-08-22 CD I-NP O',
  '',
].join('\n');

describe('CoNLL import', () => {
  it('reads CoNLL-2003 (four columns, IOB1): a document per -DOCSTART-, a line per sentence', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'eng.train', CONLL2003);
    const s = imp(p.db, [file], { as: 'conll' });
    expect(s.files[0]).toMatchObject({ format: 'conll', records: 2, articlesAdded: 2, spansAdded: 4 });
    expect(articles(p)).toEqual([
      {
        text: 'EU rejects German call .\nPeter Blackburn',
        spans: ['ORG:EU', 'MISC:German', 'PER:Peter Blackburn'],
      },
      { text: 'BRUSSELS 1996-08-22', spans: ['LOC:BRUSSELS'] },
    ]);
    expect(s.files[0]!.units).toEqual({
      unit: null,
      statement:
        'none in the file: the text is rebuilt from the tokens (single spaces, a line per sentence), offsets follow from it',
    });
    expect(s.files[0]!.notes).toEqual(['4 × entities that begin with I- (IOB1 tagging) read as beginnings']);
    expect(formatImportSummary(s)).toMatch(/eng\.train \(conll\): 2 records, 2 articles added/);
  });

  it('reads two-column IOB2 (BIO) with tabs, and IOBES; B- after I- of one type starts a new entity', () => {
    const p = emptyProject();
    const dir = tempDir();
    // Two columns, tab-separated: what Hugging Face's and flair's NER readers take.
    const bio = write(dir, 'a.bio', 'New\tB-LOC\nYork\tI-LOC\nParis\tB-LOC\nand\tO\nLyon\tB-LOC\n');
    // IOBES (BIOES): S- for one-token entities, E- closes one.
    const iobes = write(dir, 'b.iob', 'Kim S-PER\nmet O\nVladimir B-PER\nVladimirovich I-PER\nPutin E-PER\n');
    imp(p.db, [bio, iobes], { as: 'x' });
    expect(articles(p)).toEqual([
      { text: 'New York Paris and Lyon', spans: ['LOC:New York', 'LOC:Paris', 'LOC:Lyon'] },
      { text: 'Kim met Vladimir Vladimirovich Putin', spans: ['PER:Kim', 'PER:Vladimir Vladimirovich Putin'] },
    ]);
  });

  it('reads the -DOCSTART- lines spaCy and Label Studio write (-X- O O, -X- O), CRLF line ends, emoji and CJK tokens', () => {
    const p = emptyProject();
    const file = write(
      tempDir(),
      'mixed.conll',
      [
        '-DOCSTART- -X- O O',
        '',
        'Kim B-PER',
        '🤝 O',
        'Putin B-PER',
        '',
        '-DOCSTART- -X- O',
        '',
        '北京 B-LOC',
        '见面 O',
        '。 O',
        '',
      ].join('\r\n'),
    );
    const s = imp(p.db, [file], { as: 'x' });
    expect(s.articlesAdded).toBe(2);
    expect(articles(p)).toEqual([
      { text: 'Kim 🤝 Putin', spans: ['PER:Kim', 'PER:Putin'] },
      { text: '北京 见面 。', spans: ['LOC:北京'] },
    ]);
  });

  it('without -DOCSTART- lines every sentence is an article, and the summary says so', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'wnut.conll', 'Hi O\nAlice B-PER\n\n\nBye O\nBob B-PER\n');
    const s = imp(p.db, [file], { as: 'x' });
    expect(articles(p).map((a) => a.text)).toEqual(['Hi Alice', 'Bye Bob']);
    expect(s.files[0]!.notes).toEqual(['2 × sentences read as one article each (the file has no -DOCSTART- lines)']);
  });

  it('--column chooses the tag column (here the chunk column of CoNLL-2003)', () => {
    const p = emptyProject();
    const file = write(tempDir(), 'eng.testa', CONLL2003);
    imp(p.db, [file], { as: 'chunks', column: 3 });
    expect(articles(p)[0]!.spans).toEqual(['NP:EU', 'VP:rejects', 'NP:German call', 'NP:Peter Blackburn']);
  });

  it('reads CoNLL-U: FORM, the NER in MISC (NE=, as spaCy reads it), comments and multiword ranges skipped, # newdoc documents', () => {
    const p = emptyProject();
    // Universal Dependencies' CoNLL-U: ten tab-separated fields; NorNE-style NER in MISC.
    const row = (id: string, form: string, misc: string) =>
      [id, form, '_', 'X', '_', '_', '0', 'dep', '_', misc].join('\t');
    const file = write(
      tempDir(),
      'ud.conllu',
      [
        '# newdoc id = d1',
        '# sent_id = 1',
        '# text = Jens Stoltenberg bor i Oslo',
        row('1', 'Jens', 'NE=B-PER'),
        row('2', 'Stoltenberg', 'NE=I-PER'),
        row('3', 'bor', 'NE=O'),
        row('4-5', 'iOslo', '_'),
        row('4', 'i', 'NE=O'),
        row('5', 'Oslo', 'NE=B-LOC|SpaceAfter=No'),
        '',
      ].join('\n'),
    );
    const s = imp(p.db, [file], { as: 'ud' });
    expect(articles(p)).toEqual([{ text: 'Jens Stoltenberg bor i Oslo', spans: ['PER:Jens Stoltenberg', 'LOC:Oslo'] }]);
    expect(s.files[0]!.notes).toEqual([
      '2 × comment lines skipped',
      '1 × CoNLL-U multiword-token and empty-node lines skipped (their words are read)',
    ]);
  });

  it('CoNLL-U with the tags in an eleventh column, or in the column --column names', () => {
    const p = emptyProject();
    const row = (id: string, form: string, upos: string, tag: string) =>
      [id, form, '_', upos, '_', '_', '0', 'dep', '_', '_', tag].join('\t');
    const file = write(
      tempDir(),
      'x.conllu',
      [row('1', 'Angela', 'PROPN', 'B-PER'), row('2', 'Merkel', 'PROPN', 'I-PER'), ''].join('\n'),
    );
    imp(p.db, [file], { as: 'a' });
    expect(articles(p)[0]!.spans).toEqual(['PER:Angela Merkel']);
    const other = emptyProject();
    imp(other.db, [file], { as: 'a', column: 11 });
    expect(articles(other)[0]!.spans).toEqual(['PER:Angela Merkel']);
  });

  it('refuses CoNLL-U without entity tags, unless --column names them', () => {
    const p = emptyProject();
    const plain = ['1\tHello\t_\tINTJ\t_\t_\t0\troot\t_\t_', '2\tthere\t_\tADV\t_\t_\t1\tadvmod\t_\t_', ''].join('\n');
    const file = write(tempDir(), 'plain.conllu', plain);
    expectRefused(p.db, [file], { as: 'a' }, file, /CoNLL-U without entity tags.*--column N/);
  });

  it('refuses a bad tag, a line without a tag, and a --column past the line, naming file:line', () => {
    const p = emptyProject();
    const dir = tempDir();
    const badTag = write(dir, 'a.conll', 'EU B-ORG\nrejects X-VERB\n');
    expectRefused(p.db, [badTag], { as: 'x' }, `${badTag}:2`, /"rejects", "X-VERB", is not an IOB tag/);
    const oneColumn = write(dir, 'b.conll', 'EU B-ORG\nrejects\n');
    expectRefused(
      p.db,
      [oneColumn],
      { as: 'x' },
      `${oneColumn}:2`,
      /"rejects" has one column; expected a token and its tag/,
    );
    const column = write(dir, 'c.conll', 'EU NNP B-ORG\n');
    expectRefused(p.db, [column], { as: 'x', column: 5 }, `${column}:1`, /--column 5, but this line has 3 columns/);
  });

  it('needs --as when there are entities (CoNLL names no annotator); a file without entities imports without', () => {
    const p = emptyProject();
    const dir = tempDir();
    const tagged = write(dir, 'a.conll', 'EU B-ORG\n');
    expectRefused(p.db, [tagged], {}, `${tagged}:1`, /no annotator layer.*--as NAME/);
    expect(imp(p.db, [write(dir, 'b.conll', 'Hello O\nworld O\n')]).articlesAdded).toBe(1);
  });

  it('round trip: CoNLL export → import → export gives the same file', async () => {
    const p = emptyProject();
    const text = 'Kim Jong Un met Putin 🤝 in 北京见面。\nThe UN said "sanctions apply".';
    const at = (sub: string) => [...text.slice(0, text.indexOf(sub))].length;
    const span = (sub: string, label: string) => ({ start: at(sub), end: at(sub) + [...sub].length, label });
    imp(p.db, [
      write(
        tempDir(),
        'seed.jsonl',
        JSON.stringify({
          text,
          layer: 'ana',
          spans: [span('Kim Jong Un', 'ACTOR'), span('北京', 'LOCATION'), span('UN', 'ACTOR')],
        }) + '\n',
      ),
    ]);
    const first = await exportText(p.db, { format: 'conll', layer: 'ana' });
    const fresh = emptyProject();
    const s = imp(fresh.db, [write(tempDir(), 'x.conll', first)], { as: 'ana' });
    expect(s.spansAdded).toBe(3);
    expect(await exportText(fresh.db, { format: 'conll', layer: 'ana' })).toBe(first);
  });
});
