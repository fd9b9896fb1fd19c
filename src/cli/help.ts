// Help texts: `spanwise --help` and `spanwise <command> --help`.
import { ASSIGN_HELP } from './commands/assign';
import { BACKUP_HELP, RESTORE_HELP } from './commands/backup';
import { CHECK_HELP } from './commands/check';
import { MERGE_HELP } from './commands/merge';
import { OPEN_PACK_HELP } from './commands/open-pack';
import { PACK_HELP } from './commands/pack';
import { REVIEW_HELP } from './commands/review';
import { SEARCH_HELP } from './commands/search';
import { SUGGEST_HELP } from './commands/suggest';

export const MAIN_HELP = `spanwise — headless import, export and statistics for Spanwise projects, and review packs

Usage: spanwise <command> <project> [options]

Commands:
  init           create a new project file (default labels and guidelines)
  import         import articles and pre-annotations from files or folders
  export         export spans as training data (spans, doccano, label-studio, bio, conll, brat)
  stats          articles, annotators and spans per label per layer
  assign         share articles among annotators: one assignment pack each
  open-pack      open an assignment pack (creates the project if missing)
  pack           write an annotator's work as a pack for the reviewer
  merge          merge annotators' work packs (or every new pack in an inbox folder)
  agreement      inter-annotator agreement: span F1, kappa, alpha per label
  disagreements  write the conflicts between annotators for review (JSONL or CSV)
  review         the review queue; --auto applies the merge policy (unanimous, majority)
  check          is the project file healthy: integrity, foreign keys, schema, counts
  backup         back the project up (in <project>.backups/, the newest 10 kept)
  restore        replace the project with a backup (the current file is kept as one)
  search         full-text search over the articles: words, "phrases", prefix*
  suggest        an annotator's suggestions (own labels, syndicated copies); --accept

Run "spanwise <command> --help" for a command's options.
Exit codes: 0 success, 1 bad input (the message names file:line), 2 usage error.
--verbose (with any command) writes the log to stderr: migrations, errors with their details.
-q, --quiet (with any command): no progress on stderr, the update of an older project included.
Formats, offsets and splits: docs/formats.md; packs: docs/packs.md; review: docs/review.md;
search and suggestions: docs/across.md
`;

export const HELP: Record<string, string> = {
  init: `Usage: spanwise init <project.db> [--demo]

Creates a new project file with the default labels (ACTOR, CLAIM, LOCATION, SANCTION) and
the annotation guidelines. Refuses to overwrite an existing file.

Options:
  --demo        also add the demo article set (five reports of one story)
  -h, --help    show this help
`,
  import: `Usage: spanwise import <project.db> <path...> [options]

Imports articles (and their spans, as pre-annotations) from files and folders (recursively;
hidden files are skipped). The whole import is one transaction: any malformed record and
nothing is written, the message names file:line. Articles are identified by their text, so
importing the same file twice adds nothing.

Options:
  --format FMT     auto (default), txt, jsonl, spans, doccano, label-studio,
                   label-studio-min, prodigy, conll, bio, brat
  --as NAME        the annotator layer for the spans; wins over the name the file gives
                   (required when it gives none)
  --as K=NAME,…    rename the file's annotators one by one, e.g. --as 7=bob,12=carol
                   (Label Studio user ids or emails, Prodigy sessions, model versions)
  --status done    mark the imported articles done for the layer(s) they went into
  --offsets UNIT   auto (default: detect and report), codepoint or utf16
  --column N       conll: the column (1 = first) that holds the tags; default the last,
                   for CoNLL-U the NE=/NER=/name= in MISC
  --tags LIST      bio: the names of integer ner_tags in class-id order (O,B-PER,I-PER,…);
                   default: dataset_info.json or label_names.json beside the file
  -q, --quiet      no progress on stderr
  -h, --help       show this help

Examples:
  spanwise import project.db articles/
  spanwise import project.db doccano.jsonl --as alice --status done
  spanwise import project.db eng.train --as conll --column 4
  spanwise import project.db project-3.json --as 7=bob,12=carol
`,
  export: `Usage: spanwise export <project.db> --out <file|folder|-> [options]

Writes training data, streamed. Offsets are code points by default, so that in Python
text[start:end] == span["text"]. Formats that cannot carry overlapping spans (bio, conll)
drop as few as possible; the loss report lists every span dropped or written differently. Gold
spans carry their provenance ("sources", "decision") in spans, doccano and label-studio; bio,
conll and brat cannot.

Options:
  --out PATH       output file ('-' for stdout), or a folder with --split (and for brat,
                   which writes NAME.txt + NAME.ann per article into a new or empty folder)
  --format FMT     spans (default), doccano, label-studio, bio, conll, brat
  --layer NAME     an annotator's layer, gold, or all (default: a line per article per layer)
  --only WHICH     all (default) or done (only articles the layer marked done); for gold,
                   adjudicated (default: articles the reviewer marked adjudicated) or all
                   (also articles with decisions not yet adjudicated)
  --offsets UNIT   codepoint (default) or utf16
  --split R,R[,R]  ratios for train,dev,test (or train,test), e.g. 0.8,0.1,0.1; near-duplicate
                   articles always land in the same split
  --seed N         seed for --split (default 0); same seed and articles, same split
  -q, --quiet      no progress on stderr
  -h, --help       show this help

Examples:
  spanwise export project.db --out spans.jsonl --layer alice --only done
  spanwise export project.db --format bio --split 0.8,0.1,0.1 --seed 13 --out data/
  spanwise export project.db --layer gold --out gold.jsonl
`,
  pack: PACK_HELP,
  check: CHECK_HELP,
  backup: BACKUP_HELP,
  restore: RESTORE_HELP,
  merge: MERGE_HELP,
  assign: ASSIGN_HELP,
  'open-pack': OPEN_PACK_HELP,
  review: REVIEW_HELP,
  search: SEARCH_HELP,
  suggest: SUGGEST_HELP,
  stats: `Usage: spanwise stats <project.db> [--json]

Prints the number of articles and, per annotator layer, spans per label and article status.

Options:
  --json        machine-readable output
  -h, --help    show this help
`,
  agreement: `Usage: spanwise agreement <project.db> [--json] [--labels A,B]

Inter-annotator agreement over the articles annotators marked done: per pair of annotators,
exact span F1 (same start, end and label), overlap F1 (a maximum one-to-one matching of
same-label spans sharing a code point) and Cohen's kappa; over all annotators,
Krippendorff's alpha. Kappa and alpha take every code point that is not white space as a
unit. Each number comes with what it was computed over. Definitions: docs/review.md

Options:
  --json          machine-readable output (numbers unrounded)
  --labels A,B    only these labels (default: all)
  -h, --help      show this help
`,
  disagreements: `Usage: spanwise disagreements <project.db> --out FILE

Writes one row per conflict between annotators who marked an article done: the spans of
all layers are grouped into clusters (overlapping spans matched one-to-one across
annotators), and every cluster that is not unanimous is a row with its kind (label,
boundary, partial or a combination), the text around it, each annotator's version (start
and end in code points, label, text) and the decision on it: "accepted (bob)", "edited",
"no span", "unanimous (alice, bob)", "reopened (was: …)" after a merge changed its versions,
or empty while open.

Options:
  -o, --out FILE  the report: .jsonl or .csv (the extension decides)
  -h, --help      show this help
`,
};
