// `spanwise agreement`: inter-annotator agreement over the articles annotators marked done.
import fs from 'node:fs';
import { openDb, type Db } from '../../main/backend/db/open';
import { goldReader } from '../../main/backend/review/gold-layer';
import { loadReview } from '../../main/backend/review/load';
import { agreementReport, formatAgreement } from '../../main/backend/review/report';
import { AppError } from '../../shared/result';
import { parse, UsageError } from '../args';
import { HELP } from '../help';
import type { Io } from '../index';

/** The project named by the first positional argument; it must exist (never created here). */
export function openProjectArg(command: string, positionals: string[]): Db {
  const file = positionals[0];
  if (!file) throw new UsageError('missing <project.db>', command);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, command);
  if (!fs.existsSync(file)) {
    throw new AppError('NOT_FOUND', `no project at ${file} (create one with: spanwise init ${file})`);
  }
  return openDb(file).db;
}

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
