// `spanwise pack <project> [--annotator NAME|UID] --out FILE`
import type { Io } from '../index';
import { currentAnnotatorId, getAnnotator } from '../../main/backend/annotators';
import { formatWorkPackSummary, writeWorkPack } from '../../main/backend/packs/work-pack';
import { AppError } from '../../shared/result';
import { parse, UsageError } from '../args';
import { openExistingProject, projectArg } from './common';

export const PACK_HELP = `Usage: spanwise pack <project.db> --out FILE [--annotator NAME]

Writes one annotator's work as a pack for the reviewer: their spans (with ids, timestamps and
deletions), article statuses, the labels they used and the articles they refer to, ending in a
checksum. Send the file to the reviewer (or drop it in the shared inbox folder).

Options:
  --out FILE        the pack to write (e.g. anna.swpack)
  --annotator NAME  whose work (default: the project's current annotator); where two people
                    share a name, give the id shown in the error instead
  -h, --help        show this help
`;

export function packCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('pack', argv, {
    annotator: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) {
    io.out(PACK_HELP);
    return 0;
  }
  const file = projectArg('pack', positionals);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`, 'pack');
  if (!values.out) throw new UsageError('missing --out FILE', 'pack');
  if (values.annotator !== undefined && !values.annotator.trim())
    throw new UsageError('--annotator needs a name', 'pack');
  const db = openExistingProject(file);
  try {
    let who = values.annotator;
    if (who === undefined) {
      const current = currentAnnotatorId(db);
      if (current === null)
        throw new AppError('NO_ANNOTATOR', `${file} has no current annotator: pass --annotator NAME`);
      who = getAnnotator(db, current).uid;
    }
    io.out(formatWorkPackSummary(writeWorkPack(db, who, values.out)) + '\n');
  } finally {
    db.close();
  }
  return 0;
}
