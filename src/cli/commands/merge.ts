// `spanwise merge <project> <pack...>` and `spanwise merge <project> --inbox DIR`
import type { Io } from '../index';
import { mergeInbox } from '../../main/backend/packs/inbox';
import { formatMergeSummary, mergePacks } from '../../main/backend/packs/merge';
import { parse, UsageError } from '../args';
import { openExistingProject, projectArg } from './common';
import { assertNotLocked } from '../../main/backend/lock';

export const MERGE_HELP = `Usage: spanwise merge <project.db> <pack...>
       spanwise merge <project.db> --inbox DIR

Merges annotators' work packs: each pack's spans go into its annotator's own layer (created on
first merge), the later edit of a span wins, deletions included, and merging the same pack
again changes nothing. Labels are matched by name (any case); unknown ones are created.
A pack that is damaged, truncated, from a newer Spanwise or not a pack is refused, and then
nothing at all is merged. Prints, per pack, the spans added / updated / deleted / unchanged,
the articles added, the labels created, and the decided clusters whose versions the pack
changed (reopened for review; every other decision stays).

With --inbox, every pack in DIR not merged before is merged, each on its own: a pack that is
refused (still being copied, say) is reported and taken on a later run.

Options:
  --inbox DIR   merge the new packs in DIR (e.g. a folder synced with the annotators)
  -h, --help    show this help
`;

export function mergeCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse('merge', argv, { inbox: { type: 'string' } });
  if (values.help) {
    io.out(MERGE_HELP);
    return 0;
  }
  const file = projectArg('merge', positionals);
  const packs = positionals.slice(1);
  if (values.inbox !== undefined && packs.length) throw new UsageError('give packs or --inbox DIR, not both', 'merge');
  if (values.inbox === undefined && packs.length === 0)
    throw new UsageError('missing <pack...> (or --inbox DIR)', 'merge');
  assertNotLocked(file, 'a merge');
  const db = openExistingProject(file);
  try {
    if (values.inbox === undefined) {
      for (const s of mergePacks(db, packs)) io.out(formatMergeSummary(s) + '\n');
      return 0;
    }
    const inbox = mergeInbox(db, values.inbox);
    for (const s of inbox.merged) io.out(formatMergeSummary(s) + '\n');
    for (const s of inbox.skipped) io.out(`${s.file}: skipped, ${s.reason}\n`);
    for (const r of inbox.refused) io.err(`spanwise: ${r.message}\n`);
    io.out(`Inbox: ${inbox.merged.length} merged, ${inbox.skipped.length} skipped, ${inbox.refused.length} refused.\n`);
    return inbox.refused.length ? 1 : 0;
  } finally {
    db.close();
  }
}
