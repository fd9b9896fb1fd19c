// `spanwise assign <project> --annotators a,b,c (--overlap K | --double P) [--seed N] --out DIR`
import type { Io } from '../index';
import { formatAssignmentSummary, writeAssignments, type Share } from '../../main/backend/packs/assign';
import { parse, UsageError } from '../args';
import { openExistingProject, projectArg } from './common';
import { assertNotLocked } from '../../main/backend/lock';

export const ASSIGN_HELP = `Usage: spanwise assign <project.db> --annotators A,B,C --out DIR [options]

Shares the project's articles among annotators and writes one assignment pack per annotator
into DIR: their articles, every label with its colour and hotkey, and the guidelines. The
same seed and articles always give the same assignment; shares differ by at most one article.
Each annotator opens their pack with "spanwise open-pack" (or File → Open work pack…).

Options:
  --annotators LIST  comma-separated names (or ids where names repeat); new names are added
  --overlap K        each article goes to K annotators (default 1)
  --double P         instead: a share P (0..1) of the articles goes to two annotators, the
                     rest to one
  --seed N           seed for the assignment (default 0)
  --out DIR          folder for the assignment packs
  -h, --help         show this help

Example:
  spanwise assign project.db --annotators anna,bo,cy --overlap 2 --seed 7 --out packs/
`;

function int(value: string, flag: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${flag} must be an integer (got ${value})`, 'assign');
  }
  return n;
}

export function assignCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('assign', argv, {
    annotators: { type: 'string' },
    overlap: { type: 'string' },
    double: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) {
    io.out(ASSIGN_HELP);
    return 0;
  }
  const file = projectArg('assign', positionals);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, 'assign');
  if (!values.annotators) throw new UsageError('missing --annotators A,B,C', 'assign');
  if (!values.out) throw new UsageError('missing --out DIR', 'assign');
  if (values.overlap !== undefined && values.double !== undefined) {
    throw new UsageError('give --overlap or --double, not both', 'assign');
  }
  let share: Share = { overlap: 1 };
  if (values.overlap !== undefined) share = { overlap: int(values.overlap, 'overlap') };
  if (values.double !== undefined) {
    const p = Number(values.double);
    if (!values.double.trim() || !Number.isFinite(p)) {
      throw new UsageError(`--double takes a share like 0.2 (got ${values.double})`, 'assign');
    }
    share = { double: p };
  }
  const seed = values.seed === undefined ? 0 : int(values.seed, 'seed');
  const annotators = values.annotators.split(',').map((s) => s.trim());
  assertNotLocked(file, 'assigning work');
  const db = openExistingProject(file);
  try {
    io.out(formatAssignmentSummary(writeAssignments(db, { annotators, share, seed, outDir: values.out })) + '\n');
  } finally {
    db.close();
  }
  return 0;
}
