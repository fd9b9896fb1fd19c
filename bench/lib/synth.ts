// A deterministic synthetic article set: ~3 KB texts of pseudo-words in sentences and
// paragraphs, some with emoji and CJK (so offset conversion is exercised), ~20 word-aligned
// spans each (some nested), written as Spanwise `spans` JSONL with code-point offsets.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import { mulberry32 } from '../../tests/fixtures/random';

export const LABELS = ['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION'];

/** Bumped when what synthArticles makes changes, so that files cached from it are made again. */
export const SYNTH_GENERATION = 1;

export interface SynthArticle {
  id: number;
  title: string;
  text: string;
  /** Code-point offsets (what the JSONL carries). */
  spans: { start: number; end: number; label: string; text: string }[];
}

/** An article as a line of Spanwise's spans JSONL. */
export interface SynthRow {
  id: number;
  text: string;
  spans: SynthArticle['spans'];
  meta: { title: string; source: string };
  layer: string;
  status: string;
}

/** An article as a line of Spanwise's spans JSONL (what the file holds, and the export baseline). */
export function spansRow(a: SynthArticle): SynthRow {
  return {
    id: a.id,
    text: a.text,
    spans: a.spans,
    meta: { title: a.title, source: 'synthetic' },
    layer: 'bench',
    status: 'done',
  };
}

export function* synthArticles(n: number, seed = 42): Generator<SynthArticle> {
  const rnd = mulberry32(seed);
  const syll = ['ka', 'ro', 'mi', 'tan', 'ver', 'lo', 'sen', 'da', 'gri', 'pol', 'an', 'es', 'ur', 'bel', 'ston'];
  const vocab = Array.from({ length: 4000 }, () => {
    let w = '';
    const k = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < k; i++) w += syll[Math.floor(rnd() * syll.length)];
    return w;
  });
  const extras = ['😀', '🇺🇦', '北京', 'naïve', 'é', 'Straße'];
  for (let id = 1; id <= n; id++) {
    const words: { w: string; start: number }[] = [];
    let text = '';
    let cp = 0;
    const push = (s: string) => {
      text += s;
      cp += [...s].length;
    };
    const special = rnd() < 0.1;
    while (text.length < 3000) {
      const sentence = 8 + Math.floor(rnd() * 14);
      for (let i = 0; i < sentence; i++) {
        let w = vocab[Math.floor(rnd() * vocab.length)]!;
        if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
        if (special && rnd() < 0.02) w = extras[Math.floor(rnd() * extras.length)]!;
        words.push({ w, start: cp });
        push(w);
        push(i === sentence - 1 ? '.' : ' ');
      }
      push(rnd() < 0.2 ? '\n\n' : ' ');
    }
    const chars = [...text];
    const spans: SynthArticle['spans'] = [];
    for (let k = 0; k < 20; k++) {
      const i = Math.floor(rnd() * (words.length - 5));
      const len = 1 + Math.floor(rnd() * 4);
      const last = words[i + len - 1]!;
      const start = words[i]!.start;
      const end = last.start + [...last.w].length;
      spans.push({
        start,
        end,
        label: LABELS[Math.floor(rnd() * LABELS.length)]!,
        text: chars.slice(start, end).join(''),
      });
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    yield { id, title: `Synthetic article ${id}`, text, spans };
  }
}

/** Writes the set as `spans` JSONL; returns its size in bytes. */
export function writeSynthJsonl(file: string, n: number): number {
  const fd = fs.openSync(file, 'w');
  let batch = '';
  for (const a of synthArticles(n)) {
    batch += JSON.stringify(spansRow(a)) + '\n';
    if (batch.length > 1 << 20) {
      fs.writeSync(fd, batch);
      batch = '';
    }
  }
  fs.writeSync(fd, batch);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

/**
 * The synthetic set with syndication: about a third of the articles reuse half the sentences of
 * an earlier one (some edited: a word changed, straight quotes for curly ones), so sentences
 * recur and near-duplicate clusters form as in a news set. Spans as in synthArticles are not
 * carried (offsets would move); only the texts.
 */
export function* syndicatedTexts(n: number, seed = 42): Generator<{ id: number; title: string; text: string }> {
  const rnd = mulberry32(seed ^ 0x5bd1e995);
  const pool: string[][] = [];
  for (const a of synthArticles(n, seed)) {
    let sentences = a.text.split(/(?<=\.)\s+/u);
    if (pool.length > 0 && rnd() < 0.33) {
      const source = pool[Math.floor(rnd() * pool.length)]!;
      const copied = source
        .filter(() => rnd() < 0.5)
        .map((s) => (rnd() < 0.2 ? s.replace(/ \p{L}+ /u, ' edited ') : s))
        .map((s) => (rnd() < 0.2 ? `“${s}”` : s));
      sentences = [...copied, ...sentences.slice(0, Math.max(1, sentences.length - copied.length))];
    }
    if (pool.length < 5000) pool.push(sentences);
    else pool[Math.floor(rnd() * pool.length)] = sentences;
    yield { id: a.id, title: a.title, text: sentences.join(' ') };
  }
}

/**
 * Bare insert statements for a synthetic project on a seeded connection (the benches' projects
 * are written without the backend, so that building them is fast), and the seeded labels' ids.
 */
export function syntheticWriter(db: Database.Database) {
  const labelIds = LABELS.map(
    (name) => (db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number }).id,
  );
  return {
    labelIds,
    article: db.prepare(
      "INSERT INTO articles (title, source, text, meta, content_hash, created_at) VALUES (?, 'synthetic', ?, '{}', ?, ?)",
    ),
    annotator: db.prepare("INSERT INTO annotators (name, role, created_at) VALUES (?, 'annotator', ?)"),
    span: db.prepare(
      `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    status: db.prepare('INSERT INTO article_status (article_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)'),
  };
}
