// What a cell of the agreement matrix stands for: the places where two annotators' versions
// differ (one has no span there, or their extents or labels differ), optionally only those
// where either version carries one label. The two layers are clustered on their own, as the
// pair's numbers are computed (a third annotator's span does not split or join them); each
// conflict names the review's cluster that holds its spans, so it opens there. Read over the
// articles both marked done, in article order, stopping at a limit so a click answers at once.
import { OffsetMap } from '../../../shared/offsets';
import { AppError } from '../../../shared/result';
import type { PairConflict, PairConflicts, PairVersion } from '../../../shared/review';
import type { Db } from '../db/open';
import { clusterArticle } from './clusters';
import { CONTEXT } from './disagreements';
import { loadReview, resolveLabels } from './load';
import type { ReviewSpan } from './model';

export interface PairQuery {
  a: string;
  b: string;
  label?: string | undefined;
  limit: number;
}

function differ(x: ReviewSpan | undefined, y: ReviewSpan | undefined): boolean {
  if (!x || !y) return x !== y;
  return x.start !== y.start || x.end !== y.end || x.label !== y.label;
}

export function pairConflicts(db: Db, q: PairQuery): PairConflicts {
  const input = loadReview(db);
  for (const who of [q.a, q.b]) {
    if (!input.annotators.includes(who)) {
      throw new AppError(
        'NOT_FOUND',
        `${JSON.stringify(who)} has marked no article done; annotators: ${input.annotators.join(', ') || '(none)'}`,
      );
    }
  }
  if (q.a === q.b) throw new AppError('BAD_INPUT', 'a pair needs two different annotators');
  const label = q.label === undefined ? null : resolveLabels(db, [q.label])[0]!;
  const out: PairConflict[] = [];
  let articles = 0;
  let more = false;
  for (const article of input.articles) {
    const names = article.layers.map((l) => l.annotator);
    if (!names.includes(q.a) || !names.includes(q.b)) continue;
    articles++;
    if (more) continue;
    const map = new OffsetMap(article.text);
    const u = (cp: number) => map.toUtf16(cp);
    const version = (s: ReviewSpan | undefined): PairVersion | null =>
      s ? { start: u(s.start), end: u(s.end), label: s.label, text: map.slice(s.start, s.end, 'codepoint') } : null;
    const reviewCluster = new Map<string, string>();
    for (const c of clusterArticle(article)) for (const m of c.members) reviewCluster.set(m.span.id, c.id);
    const pair = { ...article, layers: article.layers.filter((l) => l.annotator === q.a || l.annotator === q.b) };
    for (const c of clusterArticle(pair)) {
      const sa = c.members.find((m) => m.annotator === q.a)?.span;
      const sb = c.members.find((m) => m.annotator === q.b)?.span;
      if (!differ(sa, sb)) continue;
      if (label !== null && sa?.label !== label && sb?.label !== label) continue;
      if (out.length === q.limit) {
        more = true;
        break;
      }
      const from = Math.max(0, c.start - CONTEXT);
      const to = Math.min(map.codePointLength, c.end + CONTEXT);
      out.push({
        articleId: article.id,
        title: article.title,
        clusterId: reviewCluster.get((sa ?? sb)!.id)!,
        kinds: c.kinds,
        start: u(c.start),
        end: u(c.end),
        context: map.slice(from, to, 'codepoint'),
        contextStart: u(from),
        a: version(sa),
        b: version(sb),
      });
    }
  }
  return { a: q.a, b: q.b, label, articles, conflicts: out, more };
}
