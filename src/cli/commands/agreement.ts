// `spanwise agreement`: inter-annotator agreement over the articles annotators marked done.
import { goldReader } from '../../main/backend/review/gold-layer';
import { loadReview } from '../../main/backend/review/load';
import { agreementReport, formatAgreement } from '../../main/backend/review/report';
import { parse, UsageError } from '../args';
import { openProjectArg } from './common';
import { HELP } from '../help';
import type { Io } from '../index';

function parseLabels(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--labels takes label names like ACTOR,CLAIM', 'agreement');
  return names;
}

export function agreementCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('agreement', argv, {
    json: { type: 'boolean' },
    labels: { type: 'string' },
  });
  if (values.help) {
    io.out(HELP['agreement']!);
    return 0;
  }
  const labels = parseLabels(values.labels);
  const db = openProjectArg('agreement', positionals);
  try {
    const report = agreementReport(loadReview(db, { labels, gold: goldReader }));
    io.out(values.json ? JSON.stringify(report, null, 2) + '\n' : formatAgreement(report) + '\n');
  } finally {
    db.close();
  }
  return 0;
}
