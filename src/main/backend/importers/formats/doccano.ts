// doccano sequence labeling: {"text", "label": [[start, end, "LABEL"], ...]} (also "labels"),
// and the relation-extraction form {"text", "entities": [{"start_offset","end_offset","label"}],
// "relations": [...]}, whose entities older and intent-detection exports write as triples too.
// doccano 1.x (1.3–1.5) wrote the text under "data" instead of "text". doccano is a Python
// tool: offsets are code points unless the file shows otherwise. Other keys are kept as meta.
import { z } from 'zod';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';
import {
  describeIssues,
  externalIdSchema,
  extraKeys,
  isObject,
  offset,
  parseRecord,
  type FormatParser,
  type Notes,
} from './common';

const Triple = z.tuple([offset, offset, z.string()]);
const Entity = z.looseObject({ start_offset: offset, end_offset: offset, label: z.string() });

const Record_ = z.looseObject({
  text: z.string().optional(),
  data: z.unknown().optional(),
  id: externalIdSchema.optional(),
  label: z.array(z.unknown()).optional(),
  labels: z.array(z.unknown()).optional(),
  entities: z.array(z.unknown()).optional(),
  relations: z.array(z.unknown()).optional(),
  layer: z.string().nullable().optional(),
});

const USED = new Set(['text', 'id', 'label', 'labels', 'entities', 'relations', 'layer']);

function triple(item: unknown, where: string): OffsetSpan {
  const t = Triple.safeParse(item);
  if (!t.success) {
    // A triple of the right shape says which item is wrong, as the other formats do ("0" is no offset).
    if (Array.isArray(item) && item.length === 3) throw new RecordError(describeIssues(t.error, [where]));
    throw new RecordError(`"${where}": expected [start, end, "LABEL"], found ${JSON.stringify(item)}`);
  }
  return { start: t.data[0], end: t.data[1], label: t.data[2] };
}

function triples(list: unknown[], key: string): OffsetSpan[] {
  return list.map((item, i) => {
    if (typeof item === 'string') {
      throw new RecordError(
        `"${key}" holds category names (${JSON.stringify(item)}), not [start, end, label] spans: ` +
          'this is a doccano text-classification file, which has no spans to import',
      );
    }
    return triple(item, `${key}.${i}`);
  });
}

/** Entities as objects {start_offset, end_offset, label} or as [start, end, "LABEL"] triples. */
function entities(list: unknown[]): OffsetSpan[] {
  return list.map((item, i) => {
    if (Array.isArray(item)) return triple(item, `entities.${i}`);
    if (!isObject(item)) {
      throw new RecordError(
        `"entities.${i}": expected {"start_offset", "end_offset", "label"} or [start, end, "LABEL"], found ${JSON.stringify(item)}`,
      );
    }
    const e = Entity.safeParse(item);
    if (!e.success) {
      throw new RecordError(describeIssues(e.error, ['entities', i]));
    }
    return { start: e.data.start_offset, end: e.data.end_offset, label: e.data.label };
  });
}

export const doccanoFormat: FormatParser = {
  name: 'doccano',
  defaultUnit: 'codepoint',
  parse(value: unknown, notes: Notes) {
    const rec = parseRecord(Record_, value);
    let text = rec.text;
    let used = USED;
    if (text === undefined) {
      if (typeof rec.data !== 'string') {
        throw new RecordError(
          rec.data === undefined ? 'missing "text"' : '"data" is not a string (doccano 1.x keeps the text there)',
        );
      }
      text = rec.data;
      used = new Set([...USED, 'data']);
      notes.add('texts read from "data" (doccano 1.x export)');
    }
    const spans: OffsetSpan[] = [];
    if (rec.label) spans.push(...triples(rec.label, 'label'));
    if (rec.labels) spans.push(...triples(rec.labels, 'labels'));
    if (rec.entities) spans.push(...entities(rec.entities));
    if (rec.relations?.length) notes.add('relations ignored (Spanwise has no relation layer)', rec.relations.length);
    const layer = rec.layer ?? null;
    return {
      text,
      externalId: rec.id,
      meta: extraKeys(value, used),
      layers: spans.length > 0 || layer !== null ? [{ name: layer, namedBy: 'layer', spans }] : [],
    };
  },
};
