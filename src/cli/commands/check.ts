// `spanwise check <project>`: integrity, foreign keys, schema version and counts; reads only.
import type { Io } from '../index';
import { checkProject, formatCheck } from '../../main/backend/check';
import { parse, UsageError } from '../args';
import { projectArg } from './common';

export const CHECK_HELP = `Usage: spanwise check <project.db> [--json]

Checks a project file without changing it: SQLite's integrity_check and foreign_key_check,
the schema version, and what it holds (articles, annotators, labels, spans, decisions).
Exit code 0 when the project is healthy, 1 with what is wrong.

Options:
  --json        machine-readable output
  -h, --help    show this help
`;

export function checkCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('check', argv, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const file = projectArg('check', positionals);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, 'check');
  const report = checkProject(file);
  if (values.json) io.out(JSON.stringify(report, null, 2) + '\n');
  else (report.healthy ? io.out : io.err)(formatCheck(report) + '\n');
  return report.healthy ? 0 : 1;
}
