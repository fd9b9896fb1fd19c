// Label Studio's JSON-MIN export (its converter's convert_to_json_min): one record per
// annotation, holding the task's data fields, the task "id", the results of each labeling
// control under the control's name (for Labels: [{"start", "end", "text", "labels": [...]}]),
// "annotator" (an email, or a user id), "annotation_id", "created_at", "updated_at" and
// "lead_time". A task annotated twice appears twice: the same article, two layers.
import { z } from 'zod';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';
import {
  describeIssues,
  externalIdSchema,
  isObject,
  keep,
  stringOrUndefined,
  type FormatParser,
  type Notes,
  type ParsedLayer,
} from './common';
import { annotatorLayer, LABEL_STUDIO_TEXT, spansOfResults, Value } from './labelstudio';

/** The converter's own fields, beside the task's data. */
const BOOKKEEPING = new Set(['id', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement']);

function isValue(v: unknown): v is Record<string, unknown> {
  return isObject(v) && 'start' in v && 'end' in v;
}

export const labelStudioMinFormat: FormatParser = {
  name: 'label-studio-min',
  defaultUnit: 'codepoint',
  looseText: LABEL_STUDIO_TEXT,
  parse(value: unknown, notes: Notes) {
    if (!isObject(value)) {
      throw new RecordError(
        `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
      );
    }
    if (isObject(value['data']) || 'annotations' in value) {
      throw new RecordError(
        'this is Label Studio\'s full JSON export (tasks with "data" and "annotations"), not JSON-MIN: import it with --format label-studio (or auto)',
      );
    }
    const spans: OffsetSpan[] = [];
    const data: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (BOOKKEEPING.has(key)) continue;
      // A control's results: text spans (value dicts with start/end), or other kinds of result.
      if (Array.isArray(v) && v.length > 0 && v.every(isObject) && v.some(isValue)) {
        const parsed = z.array(Value).safeParse(v);
        if (!parsed.success) throw new RecordError(describeIssues(parsed.error, [key]));
        const results = parsed.data.map((r) => ({ type: Array.isArray(r.labels) ? 'labels' : 'unknown', value: r }));
        spans.push(...spansOfResults(results, key, notes, ''));
        continue;
      }
      keep(data, key, v);
    }
    let text = data['text'];
    if (typeof text !== 'string') {
      const strings = Object.entries(data).filter(([, v]) => typeof v === 'string');
      if (strings.length !== 1) {
        throw new RecordError(
          `no "text" field (the record has ${Object.keys(value)
            .map((k) => JSON.stringify(k))
            .join(', ')}); Spanwise reads the article from the task's "text"`,
        );
      }
      text = strings[0]![1];
    }
    const { text: _t, title, source, ...meta } = data;
    const named = annotatorLayer(value['annotator'], 'annotator');
    const layers: ParsedLayer[] = spans.length > 0 || named.name !== null ? [{ ...named, spans }] : [];
    const id = externalIdSchema.safeParse(value['id']);
    return {
      text: text as string,
      externalId: id.success ? id.data : undefined,
      title: stringOrUndefined(title),
      source: stringOrUndefined(source),
      meta,
      layers,
    };
  },
};
