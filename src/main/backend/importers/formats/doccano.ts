// doccano sequence labeling: {"text", "label": [[start, end, "LABEL"], ...]} (also "labels"),
// and the relation-extraction form {"text", "entities": [{"start_offset","end_offset","label"}],
// "relations": [...]}. doccano is a Python tool: offsets are code points unless the file shows
// otherwise. Keys other than these are kept as article metadata.
import { z } from 'zod';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';
import { externalIdSchema, extraKeys, offset, parseRecord, type FormatParser, type Notes } from './common';

const Triple = z.tuple([offset, offset, z.string()]);
const Entity = z.looseObject({ start_offset: offset, end_offset: offset, label: z.string() });

const Record_ = z.looseObject({
  text: z.string(),
  id: externalIdSchema.optional(),
  label: z.array(z.unknown()).optional(),
  labels: z.array(z.unknown()).optional(),
  entities: z.array(Entity).optional(),
  relations: z.array(z.unknown()).optional(),
  layer: z.string().nullable().optional(),
});

const USED = new Set(['text', 'id', 'label', 'labels', 'entities', 'relations', 'layer']);

function triples(list: unknown[], key: string): OffsetSpan[] {
  return list.map((item, i) => {
    if (typeof item === 'string') {
      throw new RecordError(
        `"${key}" holds category names (${JSON.stringify(item)}), not [start, end, label] spans: ` +
          'this is a doccano text-classification file, which has no spans to import',
      );
    }
    const t = Triple.safeParse(item);
    if (!t.success) {
      throw new RecordError(`"${key}.${i}": expected [start, end, "LABEL"], found ${JSON.stringify(item)}`);
    }
    return { start: t.data[0], end: t.data[1], label: t.data[2] };
  });
}

export const doccanoFormat: FormatParser = {
  name: 'doccano',
  defaultUnit: 'codepoint',
  parse(value: unknown, notes: Notes) {
    const rec = parseRecord(Record_, value);
    const spans: OffsetSpan[] = [];
    if (rec.label) spans.push(...triples(rec.label, 'label'));
    if (rec.labels) spans.push(...triples(rec.labels, 'labels'));
    for (const e of rec.entities ?? []) spans.push({ start: e.start_offset, end: e.end_offset, label: e.label });
    if (rec.relations?.length) notes.add('relations ignored (Spanwise has no relation layer)', rec.relations.length);
    const layer = rec.layer ?? null;
    return {
      text: rec.text,
      externalId: rec.id,
      meta: extraKeys(rec, USED),
      layers: spans.length > 0 || layer !== null ? [{ name: layer, spans }] : [],
    };
  },
};
