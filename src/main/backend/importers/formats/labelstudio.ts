// Label Studio JSON export: an array of tasks {"id", "data": {"text", ...}, "annotations":
// [{"completed_by", "was_cancelled", "result": [{"type": "labels", "value": {"start","end",
// "text","labels": [...]}}]}], "predictions": [...]}. Each annotation is a layer: its
// `spanwise.layer` (written by Spanwise's exporter), else completed_by's email, else
// `label-studio-user-<id>`, else --as. Recent Label Studio writes code points; the spans' own
// `text` tells. Cancelled annotations, predictions and results that are not text spans are
// counted in the summary, not imported.
import { z } from 'zod';
import { ARTICLE_STATUSES } from '../../../../shared/model';
import { RecordError } from '../errors';
import type { OffsetSpan } from '../units';
import {
  externalIdSchema,
  metaSchema,
  parseRecord,
  stringOrUndefined,
  type FormatParser,
  type Notes,
  type ParsedLayer,
} from './common';

const Result = z.looseObject({
  type: z.string().optional(),
  value: z.looseObject({
    start: z.unknown().optional(),
    end: z.unknown().optional(),
    text: z.string().optional(),
    labels: z.array(z.string()).optional(),
  }),
});

const Annotation = z.looseObject({
  result: z.array(Result).default([]),
  completed_by: z
    .union([z.number(), z.string(), z.looseObject({ email: z.string().optional(), id: z.number().optional() })])
    .optional()
    .nullable(),
  was_cancelled: z.boolean().optional(),
  spanwise: z
    .looseObject({ layer: z.string().nullable().optional(), status: z.enum(ARTICLE_STATUSES).optional() })
    .optional(),
});

const Task = z.looseObject({
  id: externalIdSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  annotations: z.array(Annotation).optional(),
  completions: z.array(Annotation).optional(),
  predictions: z.array(z.unknown()).optional(),
});

function layerName(a: z.output<typeof Annotation>): string | null {
  if (a.spanwise?.layer !== undefined) return a.spanwise.layer;
  const by = a.completed_by;
  if (typeof by === 'string') return by;
  if (typeof by === 'number') return `label-studio-user-${by}`;
  if (by && typeof by === 'object') {
    if (by.email) return by.email;
    if (by.id !== undefined) return `label-studio-user-${by.id}`;
  }
  return null;
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
  parse(value: unknown, notes: Notes) {
    const task = parseRecord(Task, value);
    // Label Studio itself treats a task without "data" as all data.
    const data = task.data ?? (value as Record<string, unknown>);
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
      const spans: OffsetSpan[] = [];
      a.result.forEach((r, k) => {
        const v = r.value;
        const isSpan = typeof v.start === 'number' && typeof v.end === 'number' && Array.isArray(v.labels);
        if (!isSpan || (r.type !== undefined && r.type !== 'labels')) {
          notes.add(`results of type "${r.type ?? 'unknown'}" ignored (not text spans)`);
          return;
        }
        for (const key of ['start', 'end'] as const) {
          const n = v[key] as number;
          if (!Number.isSafeInteger(n)) {
            throw new RecordError(`"${where}.result.${k}.value.${key}": must be a whole number, found ${n}`);
          }
        }
        for (const label of v.labels!)
          spans.push({ start: v.start as number, end: v.end as number, label, text: v.text });
      });
      layers.push({ name: layerName(a), status: a.spanwise?.status, spans });
    }
    if (task.predictions?.length) {
      notes.add(
        'predictions ignored (import annotations; accept predictions in Label Studio first)',
        task.predictions.length,
      );
    }
    const { text: _t, id: dataId, title, source, meta: nested, ...rest } = data;
    const parsedMeta = metaSchema.safeParse(nested);
    // title and source are the article's own fields, wherever Label Studio keeps them.
    const { title: metaTitle, source: metaSource, ...nestedMeta } = parsedMeta.success ? parsedMeta.data : {};
    const meta = parsedMeta.success
      ? { ...nestedMeta, ...rest }
      : nested === undefined
        ? rest
        : { ...rest, meta: nested };
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
