// Prodigy ner_manual (and ner) JSONL: {"text", "tokens": [{"text","start","end",...}],
// "spans": [{"start","end","label","token_start","token_end"}], "answer", "_annotator_id",
// "_session_id", "meta"}. Offsets are code points (Python); tokens help tell the units apart.
// Rejected and ignored answers are skipped (and counted), for whole examples and for single
// spans (merged binary annotations carry an answer per span). The annotator layer is
// _annotator_id, else _session_id (null means absent), else --as. Relations (rel recipes) are
// kept in the article's meta.relations, and the summary says so.
import { z } from 'zod';
import type { OffsetSpan } from '../units';
import {
  extraKeys,
  keep,
  metaSchema,
  offset,
  parseRecord,
  rawObject,
  stringOrUndefined,
  type FormatParser,
  type Notes,
} from './common';

const Span = z.looseObject({
  start: offset,
  end: offset,
  label: z.string(),
  text: z.string().optional(),
  answer: z.string().nullable().optional(),
});
const Token = z.looseObject({ text: z.string(), start: offset, end: offset });

const Example = z.looseObject({
  text: z.string(),
  spans: z.array(Span).nullable().optional(),
  tokens: z.array(Token).nullable().optional(),
  answer: z.string().nullable().optional(),
  _annotator_id: z.string().nullable().optional(),
  _session_id: z.string().nullable().optional(),
  meta: metaSchema.nullable().optional(),
  relations: z.array(z.unknown()).nullable().optional(),
});

const USED = new Set(['text', 'spans', 'tokens', 'answer', 'meta']);

export const prodigyFormat: FormatParser = {
  name: 'prodigy',
  defaultUnit: 'codepoint',
  parse(value: unknown, notes: Notes) {
    const ex = parseRecord(Example, value);
    if (ex.answer !== undefined && ex.answer !== null && ex.answer !== 'accept') {
      notes.add(`examples with answer "${ex.answer}" skipped`);
      return null;
    }
    const spans: OffsetSpan[] = [];
    for (const s of ex.spans ?? []) {
      if (s.answer !== undefined && s.answer !== null && s.answer !== 'accept') {
        notes.add(`spans with answer "${s.answer}" skipped (not annotations)`);
        continue;
      }
      spans.push({ start: s.start, end: s.end, label: s.label, text: s.text });
    }
    const evidence: OffsetSpan[] = (ex.tokens ?? []).map((t) => ({
      start: t.start,
      end: t.end,
      label: 'token',
      text: t.text,
    }));
    const { title, source, ...meta } = rawObject(value, 'meta') ?? {};
    // Prodigy's own bookkeeping (_input_hash, _task_hash, _view_id, _timestamp…) is not kept.
    for (const [k, v] of Object.entries(extraKeys(value, USED))) if (!k.startsWith('_') && v !== null) keep(meta, k, v);
    if (ex.relations?.length) {
      notes.add("relations kept in the article's meta.relations (Spanwise has no relation layer)", ex.relations.length);
    }
    const layer =
      ex._annotator_id != null
        ? { name: ex._annotator_id, namedBy: '_annotator_id' }
        : ex._session_id != null
          ? { name: ex._session_id, namedBy: '_session_id' }
          : { name: null };
    return {
      text: ex.text,
      title: stringOrUndefined(title),
      source: stringOrUndefined(source),
      meta,
      layers: spans.length > 0 ? [{ ...layer, spans }] : [],
      evidence,
    };
  },
};
