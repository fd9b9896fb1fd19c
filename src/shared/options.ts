// The options of an import and an export, and the names people give labels and layers: one
// schema each, parsed the same way by the app's IPC edge (the contract), the CLI and the
// importers, so a limit or a default is written once.
import { z } from 'zod';
import { EXPORT_FORMATS, IMPORT_FORMATS, OFFSET_UNITS } from './jobs';

export const LABEL_NAME_MAX = 40;
export const PERSON_NAME_MAX = 80;

export const labelName = z
  .string()
  .trim()
  .min(1, 'label name is empty')
  .max(LABEL_NAME_MAX, `label name is longer than ${LABEL_NAME_MAX} characters`)
  .regex(/^[^\n\r]*$/u, 'label name must be one line');

/** An annotator's (or a layer's) name. */
export const personName = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(PERSON_NAME_MAX, `name is longer than ${PERSON_NAME_MAX} characters`);

const COLUMN = 'takes a column number, 1 for the first';
const TAGS = 'takes the tag names in class-id order, like O,B-PER,I-PER';

/** Train/dev/test (or train/test) shares: 2 or 3 numbers from 0 to 1 that add up to 1. */
export const splitRatios = z
  .array(z.number().min(0, 'a ratio is below 0').max(1, 'a ratio is above 1'))
  .min(2, 'give 2 or 3 ratios (train,test or train,dev,test)')
  .max(3, 'give 2 or 3 ratios (train,test or train,dev,test)')
  .superRefine((ratios, ctx) => {
    const sum = ratios.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6)
      ctx.addIssue({ code: 'custom', message: `ratios must add up to 1 (they add up to ${sum})` });
  });

/** An enum whose message reads after the option's name: `format must be one of a, b`. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

export const importOptions = z.object({
  format: oneOf(IMPORT_FORMATS).default('auto'),
  /**
   * The annotator layer for the imported spans: a name, which wins over any name the file
   * gives, or `KEY=NAME,…` pairs that rename the file's annotators one by one (`7=bob,12=carol`).
   */
  as: z.string().trim().min(1, 'layer name is empty').max(2000).optional(),
  /**
   * The layer for spans of a file that names no annotator (the app gives the current annotator).
   * Unlike `as`, it never renames what a file attributes.
   */
  defaultLayer: personName.optional(),
  /** Mark the imported articles done for the layers they were imported into. */
  status: oneOf(['done']).optional(),
  /** Force the offset unit instead of detecting it. */
  offsets: oneOf(['auto', ...OFFSET_UNITS]).default('auto'),
  /** conll: the 1-based column that holds the tags (default: the last; CoNLL-U: MISC's NER). */
  column: z.number({ error: COLUMN }).int(COLUMN).min(1, COLUMN).optional(),
  /** bio: the tag names for integer ner_tags, in class-id order (O, B-PER, I-PER, …). */
  tags: z.array(z.string().trim().min(1, TAGS)).min(1, TAGS).optional(),
});
export type ImportOptions = z.output<typeof importOptions>;

export const exportOptions = z.object({
  format: oneOf(EXPORT_FORMATS).default('spans'),
  /** An annotator's name, 'gold', or 'all' (a line per article per layer). */
  layer: personName.default('all'),
  /** Default: all, and adjudicated for the gold layer (done means adjudicated there). */
  only: oneOf(['done', 'all', 'adjudicated']).optional(),
  offsets: oneOf(OFFSET_UNITS).default('codepoint'),
  /** Ratios for train/dev/test (two values: train/test); near-duplicates stay together. */
  split: splitRatios.optional(),
  /** Seed for the split: the same seed and articles give the same split. */
  seed: z.number({ error: 'must be an integer' }).int('must be an integer').default(0),
});
export type ExportOptions = z.output<typeof exportOptions>;
