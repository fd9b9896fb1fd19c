// A reviewer's project whose annotators' work came the way it does in practice, through the
// real `spanwise` binary: init, import the articles, assign to alice and bob (overlap 2),
// open-pack each assignment into the annotator's own project, import their spans there and
// mark the articles done, pack each, merge both packs into the reviewer's project.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './host/discover';

const BIN = path.join(ROOT, 'bin', 'spanwise.js');
const LOCAL_NODE = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
const NODE = fs.existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath;

/** Runs the real binary; throws with its stderr when it does not exit 0. */
export function spanwise(cwd: string, args: string[]): string {
  const r = spawnSync(NODE, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`spanwise ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export interface FixtureSpan {
  /** The first occurrence of this text in the article (after `from`, when given). */
  text: string;
  label: string;
  from?: number;
}

export interface FixtureArticle {
  title: string;
  text: string;
  /** Spans per annotator name. */
  layers: Record<string, FixtureSpan[]>;
}

function spansOf(article: FixtureArticle, who: string): Array<{ start: number; end: number; label: string }> {
  return (article.layers[who] ?? []).map((s) => {
    const start = article.text.indexOf(s.text, s.from ?? 0);
    if (start < 0) throw new Error(`"${s.text}" is not in "${article.title}"`);
    return { start, end: start + s.text.length, label: s.label };
  });
}

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Builds `<dir>/review.spanwise` with every annotator's work merged from packs; returns its path. */
export function buildReviewProject(dir: string, articles: FixtureArticle[], annotators: string[]): string {
  const review = path.join(dir, 'review.spanwise');
  fs.writeFileSync(path.join(dir, 'articles.jsonl'), jsonl(articles.map((a) => ({ title: a.title, text: a.text }))));
  spanwise(dir, ['init', review]);
  spanwise(dir, ['import', review, path.join(dir, 'articles.jsonl'), '--quiet']);
  spanwise(dir, [
    'assign',
    review,
    '--annotators',
    annotators.join(','),
    '--overlap',
    String(annotators.length),
    '--out',
    path.join(dir, 'packs'),
  ]);
  const assignments = fs.readdirSync(path.join(dir, 'packs'));
  const packs: string[] = [];
  for (const who of annotators) {
    const assignment = assignments.find((f) => f.startsWith(`${who}-`));
    if (!assignment) throw new Error(`no assignment pack for ${who}`);
    const own = path.join(dir, who, `${who}.spanwise`);
    spanwise(dir, ['open-pack', own, path.join(dir, 'packs', assignment)]);
    const work = path.join(dir, who, 'work.jsonl');
    fs.writeFileSync(work, jsonl(articles.map((a) => ({ text: a.text, spans: spansOf(a, who) }))));
    spanwise(dir, ['import', own, work, '--as', who, '--status', 'done', '--quiet']);
    const pack = path.join(dir, 'inbox', `${who}.swpack`);
    spanwise(dir, ['pack', own, '--out', pack]);
    packs.push(pack);
  }
  spanwise(dir, ['merge', review, ...packs]);
  return review;
}
