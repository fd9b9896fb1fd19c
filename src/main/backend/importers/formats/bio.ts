// Hugging Face token classification as JSON Lines (what `datasets`' to_json writes, and what
// run_ner.py reads): {"id", "tokens": [...], "ner_tags": [...]} per sentence or document.
// Tags are names ("B-PER") or class ids (3); ids need their names, from --tags, or from a
// sidecar beside the file: dataset_info.json (features.ner_tags.feature.names, as `datasets`
// saves it) or label_names.json (a list, or {"label_names": [...]}). "tags" is read where
// "ner_tags" is missing (T-NER's files). Spanwise's own bio export (token_offsets, layer)
// reads back too. Other token-level columns (pos_tags, chunk_tags…) are not kept.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RecordError } from '../errors';
import { readRegular } from '../read';
import {
  externalIdSchema,
  isObject,
  keep,
  parseRecord,
  type FormatParser,
  type Notes,
  type ParseOptions,
  type ParsedArticle,
} from './common';
import { rebuild, type TaggedToken } from './tagged';

const Record_ = z.looseObject({
  id: externalIdSchema.optional(),
  tokens: z.array(z.string()),
  ner_tags: z.array(z.union([z.string(), z.number().int()])).optional(),
  tags: z.array(z.union([z.string(), z.number().int()])).optional(),
  layer: z.string().nullable().optional(),
});

const USED = new Set(['id', 'tokens', 'ner_tags', 'tags', 'layer', 'token_offsets']);

/** The tag names a sidecar beside the file gives, or null. */
function sidecarNames(file: string): { names: string[]; from: string } | null {
  const dir = path.dirname(file);
  const info = path.join(dir, 'dataset_info.json');
  if (fs.existsSync(info)) {
    const parsed = readJson(info);
    const features = isObject(parsed) ? parsed['features'] : undefined;
    for (const key of ['ner_tags', 'tags']) {
      const feature = isObject(features) ? features[key] : undefined;
      const inner = isObject(feature) ? (isObject(feature['feature']) ? feature['feature'] : feature) : undefined;
      const names = isObject(inner) ? inner['names'] : undefined;
      if (Array.isArray(names) && names.every((n) => typeof n === 'string')) {
        return { names: names, from: `dataset_info.json (features.${key})` };
      }
    }
  }
  const labels = path.join(dir, 'label_names.json');
  if (fs.existsSync(labels)) {
    const parsed = readJson(labels);
    const list = Array.isArray(parsed) ? parsed : isObject(parsed) ? parsed['label_names'] : undefined;
    if (Array.isArray(list) && list.every((n) => typeof n === 'string')) {
      return { names: list, from: 'label_names.json' };
    }
  }
  return null;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readRegular(file).toString('utf8')) as unknown;
  } catch (err) {
    throw new RecordError(`cannot read the tag names in ${file}: ${(err as Error).message}`);
  }
}

class BioFormat implements FormatParser {
  readonly name = 'bio';
  readonly defaultUnit = 'utf16';
  readonly computedOffsets =
    'none in the file: the text is rebuilt from the tokens (single spaces), offsets follow from it';
  private names: { names: readonly string[]; from: string } | null;
  private sidecarChecked = false;

  constructor(
    private readonly file: string,
    tags: readonly string[] | undefined,
  ) {
    this.names = tags ? { names: tags, from: '--tags' } : null;
  }

  forFile(file: string, options: ParseOptions): FormatParser {
    return new BioFormat(file, options.tags);
  }

  private tagNames(notes: Notes): { names: readonly string[]; from: string } {
    if (!this.names && !this.sidecarChecked) {
      this.sidecarChecked = true;
      this.names = sidecarNames(this.file);
      if (this.names) notes.add(`tag names read from ${this.names.from}`);
    }
    if (!this.names) {
      throw new RecordError(
        'the tags are class ids (numbers): give their names in order with --tags O,B-PER,I-PER,… ' +
          'or put the data set’s dataset_info.json (or a label_names.json list) beside the file',
      );
    }
    return this.names;
  }

  parse(value: unknown, notes: Notes): ParsedArticle {
    const rec = parseRecord(Record_, value);
    const key = rec.ner_tags ? 'ner_tags' : 'tags';
    const tags = rec.ner_tags ?? rec.tags;
    if (!tags) throw new RecordError('missing "ner_tags": the tags of the tokens');
    if (tags.length !== rec.tokens.length) {
      throw new RecordError(`${rec.tokens.length} tokens but ${tags.length} ${key}: there must be one tag per token`);
    }
    const tokens: TaggedToken[] = rec.tokens.map((text, i) => {
      const t = tags[i]!;
      if (typeof t === 'string') return { text, tag: t };
      const { names, from } = this.tagNames(notes);
      const name = names[t];
      if (name === undefined) {
        throw new RecordError(
          `"${key}.${i}": tag ${t}, but ${from} names ${names.length} tags (0–${names.length - 1})`,
        );
      }
      return { text, tag: name };
    });
    const { text, spans } = rebuild([tokens], notes);
    const meta: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (USED.has(k)) continue;
      // Columns with a value per token (pos_tags, chunk_tags…) describe tokens the text no longer has.
      if (Array.isArray(v) && v.length === rec.tokens.length && rec.tokens.length > 0) {
        notes.add(`token-level "${k}" not kept`);
        continue;
      }
      keep(meta, k, v);
    }
    const layer = rec.layer ?? null;
    return {
      text,
      externalId: rec.id,
      meta,
      layers: spans.length > 0 || layer !== null ? [{ name: layer, namedBy: 'layer', spans }] : [],
    };
  }
}

export const bioFormat: FormatParser = new BioFormat('', undefined);
