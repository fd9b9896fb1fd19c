// Label Studio JSON export: an array of tasks {"id", "data": {"text", ...}, "annotations":
// [{"id", "completed_by", "was_cancelled", "result": [{"type": "labels", "value": {"start","end",
// "text","labels": [...]}}]}], "predictions": [{"model_version", "result": [...]}]}.
// Each annotation is a layer: its `spanwise.layer` (written by Spanwise's exporter), else
// completed_by's email, else `label-studio-user-<id>`; each prediction is a layer named after
// its model_version. Recent Label Studio writes code points; the spans' own `text` tells, read
// apart from white space, since the editor writes a span's line breaks as the two characters \n.
// Cancelled annotations, relations and results that are not text spans are counted, not imported.
import { z } from 'zod';
import { ARTICLE_STATUSES } from '../../../../shared/model';
import { isRawJson } from '../../exact-json';
import { looksLikeJsonMin } from '../detect';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';
import {
  externalIdSchema,
  isObject,
  parseRecord,
  rawObject,
  stringOrUndefined,
  type FormatParser,
  type LooseText,
  type Notes,
  type ParsedLayer,
} from './common';

export const Value = z.looseObject({
  start: z.unknown().optional(),
  end: z.unknown().optional(),
  text: z.string().optional(),
  labels: z.array(z.string()).optional(),
});

const Result = z.looseObject({ type: z.string().optional(), value: Value.optional() });

const Annotation = z.looseObject({
  result: z.array(Result).nullable().default([]),
  completed_by: z
    .union([z.number(), z.string(), z.looseObject({ email: z.string().optional(), id: z.number().optional() })])
    .optional()
    .nullable(),
  was_cancelled: z.boolean().optional(),
  spanwise: z
    .looseObject({ layer: z.string().nullable().optional(), status: z.enum(ARTICLE_STATUSES).optional() })
    .optional(),
});

const Prediction = z.looseObject({
  result: z.array(Result).nullable().default([]),
  model_version: z.union([z.string(), z.number()]).nullable().optional(),
});

const Task = z.looseObject({
  id: externalIdSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  annotations: z.array(Annotation).optional(),
  completions: z.array(Annotation).optional(),
  predictions: z.array(Prediction).optional(),
});

export const LABEL_STUDIO_TEXT: LooseText = { why: 'Label Studio writes a span’s line breaks as \\n' };

/** A results list's text spans (one per label); other results are counted in `notes`. */
export function spansOfResults(
  results: readonly { type?: string | undefined; value?: z.output<typeof Value> | undefined }[],
  where: string,
  notes: Notes,
  /** Where the value sits in each result (JSON-MIN lists bare values). */
  valuePath = '.value',
): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  results.forEach((r, k) => {
    const v = r.value;
    if (r.type === 'relation') {
      notes.add('relations ignored (Spanwise has no relation layer)');
      return;
    }
    // A text span is a "labels" result (or an untyped value with labels); other kinds (choices,
    // HyperText spans whose start is an XPath…) are counted, not read.
    const isSpan = v !== undefined && Array.isArray(v.labels) && (v.start !== undefined || v.end !== undefined);
    if (!isSpan || (r.type !== undefined && r.type !== 'labels')) {
      notes.add(`results of type "${r.type ?? 'unknown'}" ignored (not text spans)`);
      return;
    }
    // Offsets that are not numbers ("start": "0") are refused as every format refuses them.
    for (const key of ['start', 'end'] as const) {
      const n = v[key];
      const at = `"${where}.${k}${valuePath}.${key}"`;
      if (n === undefined) throw new RecordError(`missing ${at}`);
      if (isRawJson(n)) throw new RecordError(`${at}: must be a whole number, found ${n.rawJSON}`);
      if (typeof n !== 'number') throw new RecordError(`${at}: expected number, received ${kindOfJson(n)}`);
      if (!Number.isSafeInteger(n)) throw new RecordError(`${at}: must be a whole number, found ${n}`);
    }
    if (v.labels!.length === 0) notes.add('text spans without a label ignored');
    for (const label of v.labels!) spans.push({ start: v.start as number, end: v.end as number, label, text: v.text });
  });
  return spans;
}

/** What a JSON value is, in zod's words ("string", "null", "array", "object"). */
function kindOfJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** An annotator as Label Studio names them: the layer name, what named it, and the id a --as map may use. */
export function annotatorLayer(by: unknown, key: string): Pick<ParsedLayer, 'name' | 'namedBy' | 'aliases'> {
  if (typeof by === 'string' && by) return { name: by, namedBy: key };
  if (typeof by === 'number')
    return { name: `label-studio-user-${by}`, namedBy: `${key} ${by}`, aliases: [String(by)] };
  if (isObject(by)) {
    if (typeof by['email'] === 'string' && by['email']) {
      return {
        name: by['email'],
        namedBy: `${key}.email`,
        aliases: typeof by['id'] === 'number' ? [String(by['id'])] : [],
      };
    }
    if (typeof by['id'] === 'number') {
      return { name: `label-studio-user-${by['id']}`, namedBy: `${key}.id ${by['id']}`, aliases: [String(by['id'])] };
    }
  }
  return { name: null };
}

function findText(data: Record<string, unknown>): string {
  if (typeof data['text'] === 'string') return data['text'];
  const strings = Object.entries(data).filter(([, v]) => typeof v === 'string');
  if (strings.length === 1) return strings[0]![1] as string;
  throw new RecordError(
    `the task's data has no "text" field (it has ${
      Object.keys(data)
        .map((k) => JSON.stringify(k))
        .join(', ') || 'none'
    }); ` + 'Spanwise reads the article from data.text',
  );
}

export const labelStudioFormat: FormatParser = {
  name: 'label-studio',
  defaultUnit: 'codepoint',
  looseText: LABEL_STUDIO_TEXT,
  parse(value: unknown, notes: Notes) {
    const task = parseRecord(Task, value);
    if (!task.data && !task.annotations && !task.completions && !task.predictions && looksLikeJsonMin(task)) {
      // Read as "all data", its spans would vanish into meta.
      throw new RecordError(
        'this is Label Studio\'s JSON-MIN export (spans listed under the labeling control\'s name, no "annotations"): ' +
          'import it with --format label-studio-min (or auto)',
      );
    }
    // Label Studio itself treats a task without "data" as all data.
    const data = rawObject(value, 'data') ?? (value as Record<string, unknown>);
    const text = findText(data);
    const layers: ParsedLayer[] = [];
    const annotations = [
      ...(task.annotations ?? []).map((a, i) => ({ a, where: `annotations.${i}` })),
      ...(task.completions ?? []).map((a, i) => ({ a, where: `completions.${i}` })),
    ];
    for (const { a, where } of annotations) {
      if (a.was_cancelled) {
        notes.add('cancelled (skipped) annotations ignored');
        continue;
      }
      const spans = spansOfResults(a.result ?? [], `${where}.result`, notes);
      const named =
        a.spanwise?.layer !== undefined
          ? { name: a.spanwise.layer, namedBy: 'spanwise.layer' }
          : annotatorLayer(a.completed_by, 'completed_by');
      layers.push({ ...named, status: a.spanwise?.status, spans });
    }
    (task.predictions ?? []).forEach((p, i) => {
      const spans = spansOfResults(p.result ?? [], `predictions.${i}.result`, notes);
      const version = p.model_version === null || p.model_version === undefined ? '' : String(p.model_version);
      notes.add('predictions read as pre-annotations (a layer per model version)');
      layers.push(version ? { name: version, namedBy: 'prediction model_version', spans } : { name: null, spans });
    });
    const { text: _t, id: dataId, title, source, meta: nested, ...rest } = data;
    const nestedObject = isObject(nested) ? nested : undefined;
    // title and source are the article's own fields, wherever Label Studio keeps them.
    const { title: metaTitle, source: metaSource, ...nestedMeta } = nestedObject ?? {};
    const meta = nestedObject ? { ...nestedMeta, ...rest } : nested === undefined ? rest : { ...rest, meta: nested };
    const ext = externalIdSchema.safeParse(dataId);
    return {
      text,
      externalId: ext.success ? ext.data : task.id,
      title: stringOrUndefined(title) ?? stringOrUndefined(metaTitle),
      source: stringOrUndefined(source) ?? stringOrUndefined(metaSource),
      meta,
      layers,
    };
  },
};
