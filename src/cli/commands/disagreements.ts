// `spanwise disagreements`: one row per conflict cluster, as JSONL or CSV, for review.
import { formatDisagreementSummary, formatFor, writeDisagreements } from '../../main/backend/review/disagreements';
import { loadReview } from '../../main/backend/review/load';
import { decisionColumn } from '../../main/backend/review/queue';
import { AppError } from '../../shared/result';
import { parse, UsageError } from '../args';
import { HELP } from '../help';
import type { Io } from '../index';
import { openProjectArg } from './common';

export async function disagreementsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('disagreements', argv, { out: { type: 'string', short: 'o' } });
  if (values.help) {
    io.out(HELP['disagreements']!);
    return 0;
  }
  if (!values.out) throw new UsageError('missing --out <file.jsonl|file.csv>', 'disagreements');
  try {
    formatFor(values.out);
  } catch (err) {
    if (err instanceof AppError) throw new UsageError(err.message, 'disagreements');
    throw err;
  }
  const db = openProjectArg('disagreements', positionals);
  try {
    const review = loadReview(db);
    const summary = await writeDisagreements(
      db.name,
      review.annotators,
      review.articles,
      values.out,
      decisionColumn(db),
    );
    io.out(formatDisagreementSummary(summary) + '\n');
  } finally {
    db.close();
  }
  return 0;
}
