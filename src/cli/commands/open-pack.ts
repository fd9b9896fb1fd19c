// `spanwise open-pack <project> <assignment-pack>`
import type { Io } from '../index';
import { formatOpenPackSummary, openAssignmentPack } from '../../main/backend/packs/open-pack';
import { parse, UsageError } from '../args';
import { projectArg } from './common';

export const OPEN_PACK_HELP = `Usage: spanwise open-pack <project.db> <assignment-pack>

Opens an assignment pack from the reviewer: adds its articles, labels (with the reviewer's
colours and hotkeys) and guidelines to the project, creating the project file if it does not
exist, and makes the pack's annotator the project's annotator, so that the work packs you
send back land in your layer. A project where that person's work is merged as a layer (the
reviewer's) is refused: the pack opens in a project of their own.

Options:
  -h, --help    show this help
`;

export function openPackCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('open-pack', argv, {});
  if (values.help) {
    io.out(OPEN_PACK_HELP);
    return 0;
  }
  const file = projectArg('open-pack', positionals);
  const pack = positionals[1];
  if (!pack) throw new UsageError('missing <assignment-pack>', 'open-pack');
  if (positionals.length > 2) throw new UsageError(`unexpected argument ${positionals[2]}`, 'open-pack');
  io.out(formatOpenPackSummary(openAssignmentPack(file, pack), file) + '\n');
  return 0;
}
