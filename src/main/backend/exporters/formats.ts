// One serializer per export format. Each turns an article (with its chosen layers, offsets in
// UTF-16) into text in the requested unit; formats that cannot carry overlapping spans
// (bio, conll) record what they drop in the loss report.
import type { ExportFormat, LossReport } from '../../../shared/jobs';
import { OffsetMap, type OffsetUnit } from '../../../shared/offsets';
import type { ExportArticle, ExportLayer, ExportSpan } from './select';
import { bratFolder } from './brat';
import { bioTags, sentenceStarts, type Tagged } from './tokens';

type Counts = Map<string, { label: string; reason: string; count: number }>;

function count(counts: Counts, span: ExportSpan, reason: string): void {
  const key = `${span.label}\u0000${reason}`;
  const c = counts.get(key);
  if (c) c.count++;
  else counts.set(key, { label: span.label, reason, count: 1 });
}

function sorted(counts: Counts): { label: string; reason: string; count: number }[] {
  return [...counts.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || b.count - a.count);
}

/** Every span a format dropped, and every span it wrote other than it is, by label and reason. */
export class LossCounter {
  total = 0;
  private readonly drops: Counts = new Map();
  private readonly changes: Counts = new Map();
  add(span: ExportSpan, reason: string): void {
    count(this.drops, span, reason);
  }
  change(span: ExportSpan, reason: string): void {
    count(this.changes, span, reason);
  }
  /** A layer's token tagging: its spans, what was dropped and what was trimmed. */
  tagged(spans: number, t: Tagged): void {
    this.total += spans;
    for (const d of t.dropped) this.add(d.span, d.reason);
    for (const c of t.changed) this.change(c.span, c.reason);
  }
  report(): LossReport {
    const byLabel = sorted(this.drops);
    const changes = sorted(this.changes);
    return {
      total: this.total,
      dropped: byLabel.reduce((n, r) => n + r.count, 0),
      byLabel,
      changed: changes.reduce((n, r) => n + r.count, 0),
      changes,
    };
  }
}

export interface SerializeContext {
  unit: OffsetUnit;
  loss: LossCounter;
  /** --layer all: formats without a layer field add one. */
  allLayers: boolean;
}

/** A file of a folder format, by its path inside the output folder ('/'-separated). */
export interface OutFile {
  path: string;
  text: string;
}

export interface Piece {
  text: string;
  lines: number;
  spans: number;
  /** Folder formats: the files this article becomes. */
  files?: OutFile[] | undefined;
}

export interface FileSerializer {
  begin(): string;
  item(article: ExportArticle): Piece;
  end(): string;
  /** Folder formats: files written once every article is in (brat's annotation.conf). */
  closing?(): OutFile[];
}

export interface Format {
  ext: string;
  /** The format may drop or change spans: the summary carries a loss report. */
  lossy: boolean;
  /** The format is a folder of files (brat), not one stream. */
  folder?: boolean;
  open(ctx: SerializeContext): FileSerializer;
}

/** Offsets of one article in the output unit. */
const identity = (o: number) => o;
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

function converter(text: string, unit: OffsetUnit): (utf16: number) => number {
  // Only characters outside the BMP make the units differ; a native regex scan finds them fast.
  if (unit === 'utf16' || !HIGH_SURROGATE.test(text)) return identity;
  const map = new OffsetMap(text);
  return (o) => map.toCodePoint(o);
}

/** A text format with one block per (article, layer): a JSONL line, or a CoNLL document. */
function perLayer(blockOf: (a: ExportArticle, layer: ExportLayer, ctx: SerializeContext) => string): Format['open'] {
  return (ctx) => ({
    begin: () => '',
    end: () => '',
    item(a) {
      let text = '';
      let spans = 0;
      for (const layer of a.layers) {
        text += blockOf(a, layer, ctx);
        spans += layer.spans.length;
      }
      return { text, lines: a.layers.length, spans };
    },
  });
}

function jsonl(lineOf: (a: ExportArticle, layer: ExportLayer, ctx: SerializeContext) => string): Format['open'] {
  return perLayer((a, layer, ctx) => lineOf(a, layer, ctx) + '\n');
}

/** The article's metadata with its title and source first (they are the article's, never overridden). */
function metaWithTitle(a: ExportArticle): Record<string, unknown> {
  const { title: _title, source: _source, ...rest } = a.meta;
  return { title: a.title, source: a.source, ...rest };
}

/**
 * A spans line, written as JSON.stringify writes the object {id, text, spans: [{start, end,
 * label, text}], meta, layer, status} (same keys, same order, same escapes) without building
 * an object per span: an export writes millions of them.
 */
function spansLine(a: ExportArticle, layer: ExportLayer, ctx: SerializeContext): string {
  const conv = converter(a.text, ctx.unit);
  let spans = '';
  for (const s of layer.spans) {
    if (spans.length > 0) spans += ',';
    const text = a.text.slice(s.start, s.end);
    spans += s.decision
      ? JSON.stringify({ start: conv(s.start), end: conv(s.end), label: s.label, text, ...provenance(s) })
      : `{"start":${conv(s.start)},"end":${conv(s.end)},"label":${JSON.stringify(s.label)},"text":${JSON.stringify(text)}}`;
  }
  return (
    `{"id":${JSON.stringify(a.key)},"text":${JSON.stringify(a.text)},"spans":[${spans}],` +
    `"meta":${JSON.stringify(metaWithTitle(a))},"layer":${JSON.stringify(layer.name)},"status":${JSON.stringify(layer.status)}}`
  );
}

/** A gold span's provenance as extra keys; nothing for an annotator's span. */
function provenance(s: ExportSpan): { sources?: readonly string[]; decision?: string } {
  return s.decision ? { sources: s.sources ?? [], decision: s.decision } : {};
}

function doccanoLine(a: ExportArticle, layer: ExportLayer, ctx: SerializeContext): string {
  const conv = converter(a.text, ctx.unit);
  const label = layer.spans.map((s) => [conv(s.start), conv(s.end), s.label]);
  // doccano reads the first three items of a label entry and keeps unknown top-level keys as
  // the example's metadata: provenance goes beside "label", one entry per span, in its order.
  const gold = layer.gold ? { provenance: layer.spans.map(provenance) } : {};
  return JSON.stringify(
    ctx.allLayers
      ? { id: a.key, text: a.text, label, layer: layer.name, ...gold }
      : { id: a.key, text: a.text, label, ...gold },
  );
}

function bioLine(a: ExportArticle, layer: ExportLayer, ctx: SerializeContext): string {
  const conv = converter(a.text, ctx.unit);
  const tagged = bioTags(a.text, layer.spans);
  const { tokens, tags } = tagged;
  ctx.loss.tagged(layer.spans.length, tagged);
  return JSON.stringify({
    id: a.key,
    tokens: tokens.map((t) => a.text.slice(t.start, t.end)),
    ner_tags: tags,
    token_offsets: tokens.map((t) => [conv(t.start), conv(t.end)]),
    layer: layer.name,
  });
}

/** A stable 10-character id for a Label Studio result (same span, same id, in every export). */
function resultId(s: ExportSpan): string {
  const key = `${s.start}:${s.end}:${s.label}`;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(36) + h2.toString(36)).padStart(10, '0').slice(-10);
}

/**
 * A Label Studio task. Its `id` and each annotation's `id` are numbers counted through the
 * file (Label Studio gives imported tasks ids of its own; its converter and SDK need them).
 */
function labelStudioTask(
  a: ExportArticle,
  ctx: SerializeContext,
  ids: { task: number; annotation: number },
): { task: string; spans: number } {
  const conv = converter(a.text, ctx.unit);
  let spans = 0;
  const annotations = a.layers
    .filter((l) => l.name !== null)
    .map((layer) => {
      spans += layer.spans.length;
      const result = layer.spans.map((s) => ({
        id: resultId(s),
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: conv(s.start), end: conv(s.end), text: a.text.slice(s.start, s.end), labels: [s.label] },
        // A region's meta text is what Label Studio shows beside it; the structured copy is ours.
        ...(s.decision
          ? {
              meta: { text: [`${s.decision}${s.sources?.length ? `: ${s.sources.join(', ')}` : ''}`] },
              spanwise: provenance(s),
            }
          : {}),
      }));
      const name = layer.name!;
      return {
        id: ++ids.annotation,
        result,
        was_cancelled: false,
        ground_truth: layer.gold === true,
        // Label Studio resolves annotators by email; other names would be refused on import there.
        ...(name.includes('@') ? { completed_by: { email: name } } : {}),
        spanwise: { layer: name, status: layer.status },
      };
    });
  const task = {
    id: ++ids.task,
    data: { id: a.key, text: a.text, title: a.title, source: a.source, meta: a.meta },
    annotations,
    predictions: [],
  };
  return { task: JSON.stringify(task), spans };
}

/**
 * The document line spaCy's converter splits documents at ("-DOCSTART- -X- O O"; any other
 * form makes all documents one); Hugging Face's and flair's readers look at the first column.
 */
export const DOCSTART = '-DOCSTART- -X- O O';

function conllDoc(a: ExportArticle, layer: ExportLayer, ctx: SerializeContext): string {
  const tagged = bioTags(a.text, layer.spans);
  const { tokens, tags } = tagged;
  ctx.loss.tagged(layer.spans.length, tagged);
  const breaks = sentenceStarts(a.text);
  let b = 0;
  let out = `${DOCSTART}\n\n`;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out += `${a.text.slice(t.start, t.end)} -X- -X- ${tags[i]}\n`;
    const next = tokens[i + 1];
    if (!next) {
      out += '\n';
      break;
    }
    // A sentence ends where Intl.Segmenter ends one (line breaks included), never inside a span.
    while (b < breaks.length && breaks[b]! <= t.start) b++;
    if (b < breaks.length && breaks[b]! <= next.start && !tags[i + 1]!.startsWith('I-')) out += '\n';
  }
  return out;
}

export const FORMATS: Record<ExportFormat, Format> = {
  spans: { ext: 'jsonl', lossy: false, open: jsonl(spansLine) },
  doccano: { ext: 'jsonl', lossy: false, open: jsonl(doccanoLine) },
  bio: { ext: 'jsonl', lossy: true, open: jsonl(bioLine) },
  conll: { ext: 'conll', lossy: true, open: perLayer(conllDoc) },
  brat: { ext: '', lossy: true, folder: true, open: bratFolder },
  'label-studio': {
    ext: 'json',
    lossy: false,
    open: (ctx) => {
      let first = true;
      const ids = { task: 0, annotation: 0 };
      return {
        begin: () => '[\n',
        end: () => (first ? ']\n' : '\n]\n'),
        item(a) {
          const { task, spans } = labelStudioTask(a, ctx, ids);
          const text = (first ? '' : ',\n') + task;
          first = false;
          return { text, lines: 1, spans };
        },
      };
    },
  },
};
