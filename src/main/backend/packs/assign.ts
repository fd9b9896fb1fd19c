// `spanwise assign`: shares the project's articles among annotators — each article to
// `overlap` of them (or a `double` share of articles to two, the rest to one) — deterministically
// (same seed and articles, same assignment, in any project holding them) and balanced (shares
// differ by at most one), and writes one assignment pack per annotator: their articles, every
// label with its colour and hotkey, and the guidelines.
import { mulberry32 } from '../../../shared/random';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Annotator } from '../../../shared/model';
import type { AssignmentSummary } from '../../../shared/packs';
import { AppError } from '../../../shared/result';
import { ensureAnnotatorByUid, shortUid } from '../annotators';
import { now } from '../clock';
import { writeTransaction } from '../db/handles';
import type { Db } from '../db/open';
import { listLabels } from '../labels';
import { checkFolder, PACK_EXT, PACK_FORMAT, PACK_VERSION, PackWriter, sha256 } from './format';
import {
  ARTICLE_COLUMNS,
  articleRecord,
  guidelinesText,
  labelRecord,
  resolveAnnotator,
  type ArticleRow,
} from './project-data';

export type Share = { overlap: number } | { double: number };

function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * For each article (by content hash), the indices of the annotators who get it. Articles are
 * ordered by hash, then shuffled by the seed; each goes to the least-loaded annotators (ties by
 * a seeded order), which keeps every share within one of the others.
 */
export function planAssignment(
  hashes: readonly string[],
  people: number,
  share: Share,
  seed: number,
): Map<string, number[]> {
  const k = 'overlap' in share ? share.overlap : 2;
  if (!Number.isInteger(people) || people < 1) throw new AppError('BAD_INPUT', 'assign needs at least one annotator');
  if (!Number.isInteger(k) || k < 1 || k > people) {
    throw new AppError('BAD_INPUT', `each article can go to 1 to ${people} annotator(s), not ${k}`);
  }
  if ('double' in share && !(share.double >= 0 && share.double <= 1)) {
    throw new AppError('BAD_INPUT', `the double-annotated share must be between 0 and 1 (got ${share.double})`);
  }
  const rnd = mulberry32(seed);
  const order = shuffle([...new Set(hashes)].sort(), rnd);
  const tie = shuffle(
    Array.from({ length: people }, (_, i) => i),
    rnd,
  );
  const rank = new Map(tie.map((who, i) => [who, i]));
  const load = new Array<number>(people).fill(0);
  const doubles = 'double' in share ? Math.round(share.double * order.length) : 0;
  const plan = new Map<string, number[]>();
  order.forEach((hash, i) => {
    const want = 'overlap' in share ? k : i < doubles ? 2 : 1;
    const chosen = tie
      .slice()
      .sort((a, b) => load[a]! - load[b]! || rank.get(a)! - rank.get(b)!)
      .slice(0, want)
      .sort((a, b) => a - b);
    for (const who of chosen) load[who]!++;
    plan.set(hash, chosen);
  });
  return plan;
}

export interface AssignOptions {
  /** Names, or uids where names repeat; a name the project does not know yet is added. */
  annotators: readonly string[];
  share: Share;
  seed: number;
  outDir: string;
}

export type { AssignmentSummary } from '../../../shared/packs';

/** A person's name as a file name (letters, digits, dot, dash, underscore). */
export function safeFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_') || 'annotator';
}

export function writeAssignments(db: Db, opts: AssignOptions): AssignmentSummary {
  const names = opts.annotators.map((n) => n.trim());
  if (names.some((n) => !n)) throw new AppError('BAD_INPUT', 'an annotator name is empty');
  if (new Set(names).size !== names.length) throw new AppError('BAD_INPUT', 'an annotator is named twice');
  // Before the project records anyone: a bad folder leaves it as it was.
  checkFolder(opts.outDir);
  // People are stored in the project, so that their packs later merge into known layers.
  const people = writeTransaction(db, (w) =>
    names.map((who): { annotator: Annotator; created: boolean } => {
      const found = resolveAnnotator(w, who);
      return found ? { annotator: found, created: false } : ensureAnnotatorByUid(w, randomUUID(), who, true);
    }),
  );
  if (new Set(people.map((p) => p.annotator.uid)).size !== people.length) {
    throw new AppError('BAD_INPUT', 'two of the names given are the same annotator');
  }
  const articles = db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a ORDER BY a.id`).all() as ArticleRow[];
  if (articles.length === 0) throw new AppError('BAD_INPUT', 'the project has no articles to assign');
  const plan = planAssignment(
    articles.map((a) => a.content_hash),
    people.length,
    opts.share,
    opts.seed,
  );
  const labels = listLabels(db);
  const guidelines = guidelinesText(db);
  const createdAt = now();
  const packs = people.map(({ annotator, created }, who) => {
    const file = path.join(opts.outDir, `${safeFileName(annotator.name)}-${shortUid(annotator.uid)}${PACK_EXT}`);
    const writer = new PackWriter(file, {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      kind: 'assignment',
      offsets: 'utf16',
      createdAt,
      annotator: { uid: annotator.uid, name: annotator.name },
      guidelinesHash: sha256(guidelines),
      seed: opts.seed,
    });
    let count = 0;
    try {
      for (const l of labels) writer.write(labelRecord(l));
      writer.write({ type: 'guidelines', text: guidelines });
      for (const a of articles) {
        if (!plan.get(a.content_hash)!.includes(who)) continue;
        writer.write(articleRecord(a));
        count++;
      }
      writer.finish();
    } catch (err) {
      writer.abort();
      throw err;
    }
    return { annotator: { uid: annotator.uid, name: annotator.name, created }, file, articles: count };
  });
  return { articles: plan.size, packs };
}

export function formatAssignmentSummary(s: AssignmentSummary): string {
  return [
    `Assigned ${s.articles} article(s):`,
    ...s.packs.map(
      (p) =>
        `  ${p.annotator.name} (${p.annotator.uid})${p.annotator.created ? ' [new]' : ''}: ${p.articles} article(s) → ${p.file}`,
    ),
  ].join('\n');
}
