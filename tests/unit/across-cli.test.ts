// `spanwise search` and `spanwise suggest` as the real binary: offsets in code points, the same
// suggestions the app computes, --accept writing them, bad queries as clear errors (exit 1).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../src/main/backend/project';
import { imp, jsonl, write } from './fixtures/io';
import { ok, SLOW, spanwise } from './fixtures/cli';
import { RESOURCES, tempDir } from './helpers';

/** A demo project at `file` where ana labelled "Adrienne Watson" ACTOR in the wire article. */
function labelledDemo(file: string): Project {
  const p = Project.open(file, { resourcesDir: RESOURCES, demo: true });
  p.setAnnotator('ana');
  const text = p.handlers.getArticle({ id: 1 }).text;
  const actor = p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!.id;
  const at = text.indexOf('Adrienne Watson');
  p.handlers.createSpan({ articleId: 1, labelId: actor, start: at, end: at + 'Adrienne Watson'.length });
  return p;
}

/** The labelled demo project, plus an article with a flag before the name. */
function project(): { file: string; flagged: number } {
  const file = path.join(tempDir(), 'p.spanwise');
  const p = labelledDemo(file);
  const dir = tempDir();
  write(dir, 'f.jsonl', jsonl([{ text: '🇺🇦 Adrienne Watson spoke.', meta: { title: 'Flag' } }]));
  imp(p.db, [dir], { as: 'model' });
  const flagged = (p.db.prepare("SELECT id FROM articles WHERE title = 'Flag'").get() as { id: number }).id;
  p.close();
  return { file, flagged };
}

describe('spanwise search and suggest', { timeout: SLOW }, () => {
  it('search prints hits in code points; --json; a malformed query exits 1 with the reason', () => {
    const { file, flagged } = project();
    const r = JSON.parse(ok(['search', file, '"adrienne watson" spoke', '--json'])) as {
      total: number;
      results: { articleId: number; hits: { start: number; end: number; text: string }[] }[];
    };
    expect(r.total).toBe(1);
    expect(r.results[0]!.articleId).toBe(flagged);
    // The flag is 2 code points (4 UTF-16 units): "Adrienne Watson" starts at code point 3.
    expect(r.results[0]!.hits).toEqual([
      { start: 3, end: 18, text: 'Adrienne Watson' },
      { start: 19, end: 24, text: 'spoke' },
    ]);
    const text = ok(['search', file, 'Vladivostok']);
    expect(text).toMatch(/^\d+ articles match Vladivostok\n/);
    expect(text).toMatch(/hits \(code points\): \d+-\d+/);
    const bad = spanwise(['search', file, '"Kim Jong']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('spanwise: search: the quote at character 1 is not closed\n');
  });

  it('suggest lists what the app would show (code points, label, source), and --accept writes it', () => {
    const { file, flagged } = project();
    const listed = JSON.parse(ok(['suggest', file, '--as', 'ana', '--article', String(flagged), '--json'])) as {
      suggestions: { article: number; start: number; end: number; label: string; text: string; sources: unknown[] }[];
    };
    expect(
      listed.suggestions.map(({ article, start, end, label, text, sources }) => ({
        article,
        start,
        end,
        label,
        text,
        sources,
      })),
    ).toEqual([
      { article: flagged, start: 3, end: 18, label: 'ACTOR', text: 'Adrienne Watson', sources: ['own label'] },
    ]);
    const all = ok(['suggest', file, '--as', 'ana']);
    expect(all).toMatch(/ACTOR {2}"Adrienne Watson" {2}from own label, article 1\n/);
    expect(all).toMatch(new RegExp(`article ${flagged} {2}3-18 {2}ACTOR`));
    const accepted = ok(['suggest', file, '--as', 'ana', '--article', String(flagged), '--accept']);
    expect(accepted).toMatch(/Accepted 1 as ana's spans \(batch \d+\)\./);
    const p = Project.open(file, { resourcesDir: RESOURCES });
    expect(p.handlers.listSpans({ articleId: flagged }).map((s) => [s.start, s.end, s.origin])).toEqual([
      [5, 20, 'suggestion:own'],
    ]);
    p.close();
    expect(ok(['suggest', file, '--as', 'ana', '--article', String(flagged)])).toMatch(
      /^0 suggestions for ana in article \d+/,
    );
    const nobody = spanwise(['suggest', file, '--as', 'zed']);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toBe('spanwise: no annotator "zed" in this project\n');
    expect(spanwise(['suggest', file]).status).toBe(2);
  });

  it('suggest builds the sentence index a fresh project lacks, and reads the built one the next time', () => {
    const file = path.join(tempDir(), 'fresh.spanwise');
    const p = labelledDemo(file);
    const waiting = () => (p.db.prepare('SELECT count(*) AS n FROM sentence_dirty').get() as { n: number }).n;
    expect(waiting()).toBe(5);
    const first = ok(['suggest', file, '--as', 'ana', '--article', '2', '--json']);
    expect(waiting()).toBe(0);
    const listed = JSON.parse(first) as { cluster: number[]; suggestions: { sources: unknown[] }[] };
    expect(listed.cluster).toEqual([1, 3, 5]);
    expect(listed.suggestions.some((s) => s.sources.some((x) => typeof x === 'object'))).toBe(true);
    expect(ok(['suggest', file, '--as', 'ana', '--article', '2', '--json'])).toBe(first);
    p.close();
  });
});
