// `spanwise review <project> [--auto [--policy P]] [--as REVIEWER] [--adjudicate] [--filter F]`:
// applies the merge policy, then prints the review queue with each article's open conflicts.
import { randomUUID } from 'node:crypto';
import { currentAnnotatorId, ensureAnnotatorByUid, getAnnotator } from '../../main/backend/annotators';
import { writeTransaction } from '../../main/backend/db/handles';
import type { Db } from '../../main/backend/db/open';
import { describeDecision } from '../../main/backend/review/decision-log';
import { applyPolicy, getPolicy, type Policy, type PolicyResult } from '../../main/backend/review/policy';
import {
  adjudicateResolved,
  QUEUE_FILTERS,
  reviewArticle,
  reviewQueue,
  type ReviewQueue,
} from '../../main/backend/review/queue';
import { resolveAnnotator } from '../../main/backend/packs/project-data';
import { oneOf, parse, UsageError } from '../args';
import type { Io } from '../index';
import { openProjectArg } from './common';
import { assertNotLocked } from '../../main/backend/lock';

export const REVIEW_HELP = `Usage: spanwise review <project.db> [--auto [--policy P]] [--as REVIEWER] [--adjudicate] [--filter F]

Prints the review queue: the articles two or more annotators marked done, lowest agreement
first, each with its conflicts resolved so far and the open ones (kind, each annotator's
version, cluster id).

With --auto, first applies the merge policy: clusters every annotator agrees on (unanimous)
go into gold, and with majority also a version that more than half of the annotators hold.
Every automatic decision is recorded under the reviewer and can be undone; nothing is
decided silently. Definitions: docs/review.md

Options:
  --auto          apply the merge policy before listing
  --policy P      unanimous or majority (default: the project's policy, unanimous)
  --as NAME       the reviewer to record decisions under: a person in the project (a name, or
                  an id where names repeat), else a new reviewer of that name (default: the
                  project's annotator; a project without one needs --as)
  --adjudicate    then mark adjudicated every article whose conflicts are all resolved (what
                  export --layer gold writes by default)
  --filter F      all (default), open (articles with open conflicts) or adjudicated
  -h, --help      show this help
`;

const POLICIES = ['unanimous', 'majority'] as const;

/**
 * Who decisions are recorded under: the person --as names (a name or uid; a name two people
 * share is refused), else a new reviewer of that name, announced; without --as the project's
 * annotator. Never a second person of a name the project has.
 */
function reviewer(db: Db, name: string | undefined, io: Io): number {
  if (name !== undefined) {
    const who = name.trim();
    if (!who) throw new UsageError('--as needs a name', 'review');
    const found = resolveAnnotator(db, who);
    if (found) return found.id;
    const { annotator } = writeTransaction(db, (w) => ensureAnnotatorByUid(w, randomUUID(), who, false, 'reviewer'));
    io.out(`New reviewer ${annotator.name} (${annotator.uid}).\n`);
    return annotator.id;
  }
  const current = currentAnnotatorId(db);
  if (current !== null) return getAnnotator(db, current).id;
  throw new UsageError('the project has no annotator to record decisions under: give --as NAME', 'review');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function formatPolicyResult(r: PolicyResult, who: string): string {
  const name = r.policy.majority ? 'majority' : r.policy.unanimous ? 'unanimous' : 'none';
  return (
    `Merge policy (${name}) over ${plural(r.articles, 'article')}: ${plural(r.decisions.length, 'decision')} recorded as ${who} ` +
    `(${r.unanimous} unanimous, ${r.majority} majority, ${r.rejected} no span by majority).`
  );
}

function formatQueue(db: Db, q: ReviewQueue): string {
  const out = [
    `Review queue (${q.filter}): ${plural(q.items.length, 'article')}, ` +
      `${q.progress.resolved} of ${plural(q.progress.conflicts, 'conflict')} resolved.`,
  ];
  for (const item of q.items) {
    out.push(
      '',
      `article ${item.articleId} (${item.title}): agreement ${item.agreement.toFixed(3)}, ` +
        `${item.progress.resolved} of ${plural(item.progress.conflicts, 'conflict')} resolved` +
        (item.adjudicated ? ', adjudicated' : ''),
    );
    if (item.openConflicts === 0) continue;
    const a = reviewArticle(db, item.articleId);
    for (const c of a.clusters) {
      if (c.status !== 'open' && !(c.status === 'reopened' && !c.unanimous)) continue;
      const versions = a.layers.map((l) => {
        const m = c.members.find((x) => x.annotator === l.annotator);
        return `${l.annotator} ${m ? `${JSON.stringify(a.text.slice(m.span.start, m.span.end))} ${m.span.label}` : '(no span)'}`;
      });
      const was = c.previous.length ? `; reopened, was ${c.previous.map(describeDecision).join('; ')}` : '';
      out.push(`  ${c.kinds.join('+')}: ${versions.join(' | ')}  [${c.id}${was}]`);
    }
    for (const o of a.orphans) {
      out.push(
        `  orphan: gold ${JSON.stringify(a.text.slice(o.span!.start, o.span!.end))} ${o.span!.label} has no versions left  [${o.clusterId}]`,
      );
    }
  }
  return out.join('\n');
}

export function reviewCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('review', argv, {
    auto: { type: 'boolean' },
    policy: { type: 'string' },
    as: { type: 'string' },
    adjudicate: { type: 'boolean' },
    filter: { type: 'string' },
  });
  if (values.help) {
    io.out(REVIEW_HELP);
    return 0;
  }
  if (values.policy !== undefined && !values.auto) throw new UsageError('--policy applies with --auto', 'review');
  const filter = oneOf('review', 'filter', values.filter, QUEUE_FILTERS, 'all');
  const choice =
    values.policy === undefined ? undefined : oneOf('review', 'policy', values.policy, POLICIES, 'unanimous');
  if (values.auto || values.adjudicate) assertNotLocked(positionals[0] ?? '', 'a review run');
  const db = openProjectArg('review', positionals);
  try {
    if (values.auto) {
      const policy: Policy =
        choice === undefined ? getPolicy(db) : { unanimous: true, majority: choice === 'majority' };
      const who = reviewer(db, values.as, io);
      io.out(formatPolicyResult(applyPolicy(db, who, policy), getAnnotator(db, who).name) + '\n');
    } else if (values.adjudicate) {
      if (values.as !== undefined) reviewer(db, values.as, io);
    } else if (values.as !== undefined) {
      throw new UsageError('--as applies with --auto or --adjudicate (listing records nothing)', 'review');
    }
    if (values.adjudicate) {
      const ids = adjudicateResolved(db);
      io.out(`Marked ${plural(ids.length, 'article')} adjudicated (every conflict resolved).\n`);
    }
    io.out(formatQueue(db, reviewQueue(db, filter)) + '\n');
  } finally {
    db.close();
  }
  return 0;
}
