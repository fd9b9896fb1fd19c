// The article list's data path at 100,000 articles (~3 KB, ~20 spans each; --quick: 10,000),
// through the backend's handlers as the window calls them, beside bare statements in the same
// run: a keyset page of the same 200 rows' columns, and one article's row by id.
// - the first page of the whole list and of each status filter; a page at the end of the
//   whole list and of the `done` filter (the End key, or the scrollbar dragged down);
// - getArticle on the last article (its position comes with it), getProgress;
// - the first page filtered by label (has / has no spans of ACTOR) and by a full-text query,
//   alone and with a status, beside bare reads of the label index and of FTS5;
// - scrolling the whole list from top to bottom page by page, as the list asks for rows:
//   the backend time in all and the longest call.
import fs from 'node:fs';
import { Project } from '../src/main/backend/project';
import type { ArticleStatus } from '../src/shared/model';
import { copyBigProject } from './lib/big-project';
import { median } from './lib/stats';
import type { BenchModule, Metric } from './lib/types';
import path from 'node:path';

const RESOURCES = path.resolve(import.meta.dirname, '../resources');
const PAGE = 200;
type Filter = ArticleStatus | 'all';

/** Wall and CPU milliseconds of fn: on a shared machine the wall time is often the scheduler's. */
function ms(fn: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

type Timed = { wall: number; cpu: number }[];

/** One page of the list at index `at` of the filter; `after` is the row just before it, when known. */
function page(p: Project, status: Filter, at: number, after?: number) {
  return p.handlers.listArticles({ status, at, after, limit: PAGE });
}

const listScale: BenchModule = {
  name: 'list-scale',
  description: 'the article list, an article and the progress at scale, beside bare statements',
  async run(ctx) {
    const n = ctx.quick ? 10_000 : 100_000;
    const { dir, file } = copyBigProject(n, ctx.log);
    const samples = ctx.quick ? 5 : 7;
    try {
      const t0 = performance.now();
      const p = Project.open(file, { resourcesDir: RESOURCES });
      const openMs = performance.now() - t0;
      const db = p.db;
      const metrics: Metric[] = [];
      const repeat = (fn: () => void): Timed => Array.from({ length: samples }, () => ms(fn));
      /** The wall time against its baseline and target; the CPU time beside it. */
      const add = (name: string, xs: Timed, baseline: string, target?: number) => {
        metrics.push({ name, unit: 'ms', samples: xs.map((x) => x.wall), higherIsBetter: false, baseline, target });
        const cpu = xs.map((x) => x.cpu);
        metrics.push({ name: `${name}, CPU`, unit: 'ms', samples: cpu, higherIsBetter: false, target });
      };

      // Bare statements: what reading the same rows costs with nothing around it.
      const barePage = db.prepare('SELECT id, title, source FROM articles WHERE id > ? ORDER BY id LIMIT ?');
      const bareArticle = db.prepare('SELECT id, title, source, text, meta FROM articles WHERE id = ?');
      const mid = Math.floor(n / 2);
      const BARE_PAGE = 'bare keyset page (200 rows)';
      const BARE_ARTICLE = 'bare article row by id';
      metrics.push({
        name: BARE_PAGE,
        unit: 'ms',
        samples: repeat(() => barePage.all(mid, PAGE)).map((x) => x.wall),
        higherIsBetter: false,
      });
      metrics.push({
        name: BARE_ARTICLE,
        unit: 'ms',
        samples: repeat(() => bareArticle.get(n)).map((x) => x.wall),
        higherIsBetter: false,
      });

      const totals: Record<'all' | 'todo' | 'in_progress' | 'done', number> = {
        all: 0,
        todo: 0,
        in_progress: 0,
        done: 0,
      };
      for (const status of ['all', 'todo', 'in_progress', 'done'] as const) {
        add(
          `listArticles first page (${status})`,
          repeat(() => (totals[status] = page(p, status, 0).total)),
          BARE_PAGE,
          status === 'all' ? 16 : 50,
        );
      }
      ctx.log(
        `${n.toLocaleString('en-US')} articles: ${totals.todo} to do, ${totals.in_progress} in progress, ` +
          `${totals.done} done; project opened in ${openMs.toFixed(0)} ms`,
      );
      // The label and text filters (schema 9's index for labels, the full-text index for text),
      // beside bare reads of the same index: the first 200 article ids with the label, and the
      // first 200 rowids the full-text query matches.
      const actor = p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!.id;
      const me = p.annotatorId!;
      const words = p.handlers.getArticle({ id: 1 }).text.match(/\p{L}+/gu)!;
      const word = words[5]!.toLowerCase();
      const phrase = `"${words[5]} ${words[6]} ${words[7]}"`;
      const BARE_LABEL = 'bare: first 200 ids with a label (index)';
      const BARE_TEXT = 'bare: first 200 FTS5 rowids of a word';
      const bareLabel = db.prepare(
        `SELECT DISTINCT article_id FROM spans WHERE annotator_id = ? AND label_id = ? AND deleted = 0
          ORDER BY article_id LIMIT ${PAGE}`,
      );
      const bareText = db.prepare(
        `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid LIMIT ${PAGE}`,
      );
      metrics.push({
        name: BARE_LABEL,
        unit: 'ms',
        samples: repeat(() => bareLabel.all(me, actor)).map((x) => x.wall),
        higherIsBetter: false,
      });
      metrics.push({
        name: BARE_TEXT,
        unit: 'ms',
        samples: repeat(() => bareText.all(`"${word}"`)).map((x) => x.wall),
        higherIsBetter: false,
      });
      const filtered: [string, Parameters<typeof p.handlers.listArticles>[0], string][] = [
        ['has ACTOR', { status: 'all', at: 0, limit: PAGE, withLabel: actor }, BARE_LABEL],
        ['has no ACTOR', { status: 'all', at: 0, limit: PAGE, withoutLabel: actor }, BARE_LABEL],
        ['done, has ACTOR', { status: 'done', at: 0, limit: PAGE, withLabel: actor }, BARE_LABEL],
        ['to do, has no ACTOR', { status: 'todo', at: 0, limit: PAGE, withoutLabel: actor }, BARE_LABEL],
        [`text "${word}"`, { status: 'all', at: 0, limit: PAGE, textQuery: word }, BARE_TEXT],
        [`text ${phrase}`, { status: 'all', at: 0, limit: PAGE, textQuery: phrase }, BARE_TEXT],
        [
          `done, text "${word}", has no ACTOR`,
          { status: 'done', at: 0, limit: PAGE, textQuery: word, withoutLabel: actor },
          BARE_TEXT,
        ],
      ];
      for (const [name, q, baseline] of filtered) {
        let total = 0;
        add(
          `listArticles first page (${name})`,
          repeat(() => (total = p.handlers.listArticles(q).total)),
          baseline,
          50,
        );
        ctx.log(`${name}: ${total.toLocaleString('en-US')} articles`);
      }
      // The next page after a loaded row, as the list reads on while scrolling.
      const hasPage = p.handlers.listArticles(filtered[0]![1]);
      add(
        'listArticles next page by key (has ACTOR)',
        repeat(() => p.handlers.listArticles({ ...filtered[0]![1], at: PAGE, after: hasPage.items.at(-1)!.id })),
        BARE_LABEL,
        16,
      );
      // What schema 9 costs an existing project: its index built over every span.
      const index = ms(() =>
        db.exec(
          'DROP INDEX spans_by_annotator_label; CREATE INDEX spans_by_annotator_label ON spans (annotator_id, label_id, article_id) WHERE deleted = 0',
        ),
      );
      ctx.log(
        `schema 9's label index built over every span in ${index.wall.toFixed(0)} ms (CPU ${index.cpu.toFixed(0)} ms)`,
      );

      add(
        'listArticles last page (all)',
        repeat(() => page(p, 'all', totals.all - PAGE)),
        BARE_PAGE,
        16,
      );
      add(
        'listArticles last page (done)',
        repeat(() => page(p, 'done', totals.done - PAGE)),
        BARE_PAGE,
        16,
      );
      add(
        'listArticles middle page (todo)',
        repeat(() => page(p, 'todo', Math.floor(totals.todo / 2))),
        BARE_PAGE,
        16,
      );
      add(
        'getArticle (last article)',
        repeat(() => p.handlers.getArticle({ id: n })),
        BARE_ARTICLE,
        16,
      );
      add(
        'getProgress',
        repeat(() => p.handlers.getProgress({})),
        BARE_PAGE,
        16,
      );

      // Scrolling top to bottom: each page asked for after the one before it, as the list does.
      for (const status of ['all', 'done'] as const) {
        const calls: Timed = [];
        let after: number | undefined;
        for (let at = 0; at < totals[status]; at += PAGE) {
          const hint = after;
          let last: number | undefined;
          calls.push(
            ms(() => {
              last = page(p, status, at, hint).items.at(-1)?.id;
            }),
          );
          after = last;
        }
        const walls = calls.map((c) => c.wall);
        const sum = walls.reduce((a, b) => a + b, 0);
        ctx.log(
          `scroll (${status}): ${calls.length} calls, ${sum.toFixed(0)} ms in all, longest ${Math.max(...walls).toFixed(1)} ms, median ${median(walls).toFixed(2)} ms`,
        );
        metrics.push({
          name: `scroll to the end (${status}): backend time in all`,
          unit: 'ms',
          samples: [sum],
          higherIsBetter: false,
        });
        const longest = (key: 'wall' | 'cpu') => Math.max(...calls.map((c) => c[key]));
        add(
          `scroll to the end (${status}): longest call`,
          [{ wall: longest('wall'), cpu: longest('cpu') }],
          BARE_PAGE,
          16,
        );
      }
      p.close();

      // Start-up, the backend's part: the project opened (schema current), then what the window
      // asks for before it paints the first article: loadProject, labels, the list's first page, the
      // progress, the first undone article, its spans.
      add(
        'start-up: open to the first article (backend)',
        repeat(() => {
          const q = Project.open(file, { resourcesDir: RESOURCES });
          q.handlers.loadProject({});
          q.handlers.listLabels({});
          q.handlers.listArticles({ status: 'all', at: 0, limit: PAGE });
          q.handlers.getProgress({});
          const first = q.handlers.nextArticle({ afterId: null, undoneOnly: true, direction: 1 })!;
          q.handlers.getArticle(first);
          q.handlers.listSpans({ articleId: first.id });
          q.close();
        }),
        BARE_ARTICLE,
        100,
      );
      return metrics;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default listScale;
