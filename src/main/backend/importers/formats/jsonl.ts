// JSON Lines of articles, and Spanwise's own `spans` export (the same shape with `layer` and
// `status`): {"id"?, "text", "title"?, "source"?, "meta"?, "spans"?: [{"start","end","label","text"?}],
// "layer"?, "status"?}. Title and source may also sit in meta (as the export writes them).
import { z } from 'zod';
import { ARTICLE_STATUSES } from '../../../../shared/model';
import { RecordError } from '../errors';
import {
  externalIdSchema,
  extraKeys,
  keep,
  metaSchema,
  offset,
  parseRecord,
  rawObject,
  stringOrUndefined,
  type FormatParser,
  type ParsedArticle,
} from './common';

const Span = z.object({
  start: offset,
  end: offset,
  label: z.string(),
  text: z.string().optional(),
});

const Article = z.looseObject({
  text: z.string(),
  id: externalIdSchema.optional(),
  title: z.string().optional(),
  source: z.string().optional(),
  meta: metaSchema.optional(),
  spans: z.array(Span).optional(),
  layer: z.string().nullable().optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
});

const USED = new Set(['text', 'id', 'title', 'source', 'meta', 'spans', 'layer', 'status']);

/** Keys that carry annotations in another tool's format: never tucked away into meta. */
const FOREIGN_ANNOTATIONS: Record<string, string> = {
  label: 'doccano',
  labels: 'doccano',
  entities: 'doccano',
  annotations: 'label-studio',
  predictions: 'label-studio',
  tokens: 'prodigy',
  ner_tags: 'bio',
};

function parseArticle(value: unknown): ParsedArticle {
  const rec = parseRecord(Article, value);
  // A file is classified by its first record; a later record carrying another format's
  // annotations would otherwise lose them into meta without a word.
  for (const [key, format] of Object.entries(FOREIGN_ANNOTATIONS)) {
    if (key in rec) {
      throw new RecordError(
        `has a "${key}" field (${format} annotations), but this file is read as Spanwise JSONL articles, which carry spans in "spans": import it with --format ${format}`,
      );
    }
  }
  // Metadata from the record as read (a "__proto__" key is kept like any other).
  const { title: metaTitle, source: metaSource, ...meta } = rawObject(value, 'meta') ?? {};
  for (const [k, v] of Object.entries(extraKeys(value, USED))) keep(meta, k, v);
  const spans = rec.spans ?? [];
  const layer = rec.layer ?? null;
  return {
    text: rec.text,
    externalId: rec.id,
    title: rec.title ?? stringOrUndefined(metaTitle),
    source: rec.source ?? stringOrUndefined(metaSource),
    meta,
    layers:
      spans.length > 0 || layer !== null || rec.status
        ? [{ name: layer, namedBy: 'layer', status: rec.status, spans }]
        : [],
  };
}

export const jsonlFormat: FormatParser = { name: 'jsonl', defaultUnit: 'codepoint', parse: parseArticle };
export const spansFormat: FormatParser = { name: 'spans', defaultUnit: 'codepoint', parse: parseArticle };
