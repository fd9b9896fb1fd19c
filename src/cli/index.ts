// `spanwise init|import|export|stats|check|backup|restore|pack|merge|assign|open-pack|agreement|disagreements|review|search|suggest`:
// the same backend as the app, headless.
// Exit codes: 0 success, 1 bad input (AppError: bad files, unknown layer…), 2 usage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportOptions, importOptions } from '../shared/options';
import { AppError } from '../shared/result';
import { exportProject, formatExportSummary } from '../main/backend/exporters';
import { formatStats, projectStats } from '../main/backend/exporters/stats';
import { formatImportSummary, importPaths } from '../main/backend/importers';
import { parseAs } from '../main/backend/importers/layers';
import { Project } from '../main/backend/project';
import { parse, parseOptions, UsageError } from './args';
import { HELP, MAIN_HELP } from './help';
import { stderrProgress } from './progress';
import { errorData } from '../main/backend/errors';
import { log } from '../main/backend/log';
import { agreementCommand } from './commands/agreement';
import { openExistingProject, projectArg } from './commands/common';
import { assignCommand } from './commands/assign';
import { disagreementsCommand } from './commands/disagreements';
import { mergeCommand } from './commands/merge';
import { openPackCommand } from './commands/open-pack';
import { packCommand } from './commands/pack';
import { reviewCommand } from './commands/review';
import { backupCommand, restoreCommand } from './commands/backup';
import { checkCommand } from './commands/check';
import { assertNotLocked } from '../main/backend/lock';
import { searchCommand } from './commands/search';
import { suggestCommand } from './commands/suggest';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** The repository's resources folder (labels' guidelines, demo articles). */
export const RESOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');

function init(argv: string[], io: Io): number {
  const { values, positionals } = parse('init', argv, { demo: { type: 'boolean' } });
  if (values.help) return help('init', io);
  const file = projectArg('init', positionals);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, 'init');
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    throw new AppError('CONFLICT', `${file} already exists; spanwise init never overwrites a file`);
  }
  const project = Project.open(file, { resourcesDir: RESOURCES, demo: Boolean(values.demo), create: true });
  const n = (project.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  project.close();
  io.out(`Created ${file} (default labels${values.demo ? `, ${n} demo articles` : ''}).\n`);
  return 0;
}

function importCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('import', argv, {
    format: { type: 'string' },
    as: { type: 'string' },
    status: { type: 'string' },
    offsets: { type: 'string' },
    column: { type: 'string' },
    tags: { type: 'string' },
  });
  if (values.help) return help('import', io);
  const file = projectArg('import', positionals);
  const paths = positionals.slice(1);
  if (paths.length === 0) throw new UsageError('missing <path...>: the files or folders to import', 'import');
  const options = parseOptions(
    'import',
    importOptions.strict(),
    {
      format: values.format,
      as: values.as,
      status: values.status,
      offsets: values.offsets,
      column: number(values.column),
      tags: values.tags?.split(',').map((t) => t.trim()),
    },
    values,
  );
  try {
    parseAs(options.as);
  } catch (err) {
    throw new UsageError((err as Error).message, 'import');
  }
  assertNotLocked(file, 'an import');
  const db = openExistingProject(file);
  const progress = stderrProgress();
  try {
    const summary = importPaths(db, paths, options, { onProgress: (p) => progress.update(p) });
    progress.done();
    io.out(formatImportSummary(summary) + '\n');
  } finally {
    progress.done();
    db.close();
  }
  return 0;
}

/** A number from the command line (NaN when it is none, which the schema then refuses). */
function number(value: string | undefined): number | undefined {
  return value === undefined ? undefined : value.trim() === '' ? Number.NaN : Number(value);
}

async function exportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('export', argv, {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    layer: { type: 'string' },
    only: { type: 'string' },
    offsets: { type: 'string' },
    split: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) return help('export', io);
  const file = projectArg('export', positionals);
  if (positionals.length > 1)
    throw new UsageError(`unexpected argument ${positionals[1]} (use --out for the output)`, 'export');
  if (!values.out) throw new UsageError('missing --out <file|folder|->', 'export');
  if (values.seed !== undefined && values.split === undefined)
    throw new UsageError('--seed only applies with --split', 'export');
  const options = parseOptions(
    'export',
    exportOptions.strict(),
    {
      format: values.format,
      layer: values.layer,
      only: values.only,
      offsets: values.offsets,
      split: values.split?.split(',').map((r) => number(r)),
      seed: number(values.seed),
    },
    values,
  );
  const db = openExistingProject(file);
  const progress = stderrProgress();
  try {
    const summary = await exportProject(db, values.out, options, { onProgress: (p) => progress.update(p) });
    progress.done();
    // With --out - the data is on stdout: the summary goes to stderr.
    (values.out === '-' ? io.err : io.out)(formatExportSummary(summary) + '\n');
  } finally {
    progress.done();
    db.close();
  }
  return 0;
}

function stats(argv: string[], io: Io): number {
  const { values, positionals } = parse('stats', argv, { json: { type: 'boolean' } });
  if (values.help) return help('stats', io);
  const db = openExistingProject(projectArg('stats', positionals));
  try {
    const s = projectStats(db);
    io.out(values.json ? JSON.stringify(s, null, 2) + '\n' : formatStats(s) + '\n');
  } finally {
    db.close();
  }
  return 0;
}

function help(command: string | null, io: Io): number {
  io.out(command ? HELP[command]! : MAIN_HELP);
  return 0;
}

const COMMANDS: Record<string, (argv: string[], io: Io) => number | Promise<number>> = {
  init,
  import: importCommand,
  export: exportCommand,
  stats,
  assign: assignCommand,
  'open-pack': openPackCommand,
  pack: packCommand,
  merge: mergeCommand,
  agreement: agreementCommand,
  disagreements: disagreementsCommand,
  review: reviewCommand,
  check: checkCommand,
  backup: backupCommand,
  restore: restoreCommand,
  search: searchCommand,
  suggest: suggestCommand,
};

export async function main(args: string[], io: Io = processIo): Promise<number> {
  // --verbose, anywhere: the log (migrations, INTERNAL errors with their stacks) on stderr.
  const verbose = args.includes('--verbose');
  if (verbose) log.to((line) => io.err(line));
  const [command, ...rest] = args.filter((a) => a !== '--verbose');
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      if (command === 'help' && rest[0] && HELP[rest[0]]) return help(rest[0], io);
      io.out(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`, null);
    return await run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`spanwise${err.command ? ` ${err.command}` : ''}: ${err.message}\n`);
      io.err(`Run "spanwise ${err.command ? `${err.command} ` : ''}--help" for usage.\n`);
      return 2;
    }
    // Every command's first argument is its project: named in messages about the file itself.
    const error = errorData(
      err,
      command ?? 'spanwise',
      rest.find((a) => !a.startsWith('-')),
    );
    if (error.code === 'BUSY') {
      io.err('spanwise: the project is busy (the app or another import is writing to it); try again when it is done\n');
    } else if (error.code === 'INTERNAL') {
      io.err(
        `spanwise: unexpected error: ${error.message}${verbose ? '' : ' (run again with --verbose for details)'}\n`,
      );
    } else {
      // AppErrors name what and where; a file-system error names the path.
      io.err(`spanwise: ${error.message}\n`);
    }
    return 1;
  } finally {
    if (verbose) log.to(null);
  }
}
