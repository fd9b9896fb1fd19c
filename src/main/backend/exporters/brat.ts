// brat standoff out: a folder with NAME.txt (the text, verbatim) and NAME.ann (`T1<TAB>LABEL
// START END<TAB>text`) per article, and an annotation.conf that declares the labels and lets
// spans overlap, so that the folder opens in brat as it is. With --layer all, each annotator's
// documents are in a folder of their own (articles nobody annotated at the top).
// brat's .ann is line-based: a span across a line break is written as fragments split there,
// as brat itself writes it (`T2<TAB>LOC 10 14;15 20<TAB>New York`); Spanwise's brat import joins
// them again. brat types cannot hold spaces: a label with spaces is written with underscores,
// and the loss report says so.
import { idText } from '../exact-json';
import { OffsetMap } from '../../../shared/offsets';
import type { FileSerializer, OutFile, SerializeContext } from './formats';
import type { ExportArticle, ExportLayer } from './select';

const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|\s]+/gu;

/** A file or folder name that every file system takes (Windows' reserved characters too). */
export function safeName(name: string): string {
  const clean = name.replace(UNSAFE, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return clean.slice(0, 100) || '_';
}

const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]+/gu;

/** The span's pieces between line breaks, as [start, end) in UTF-16. */
function fragments(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  const part = text.slice(start, end);
  let from = 0;
  LINE_BREAKS.lastIndex = 0;
  for (let m = LINE_BREAKS.exec(part); m; m = LINE_BREAKS.exec(part)) {
    if (m.index > from) out.push([start + from, start + m.index]);
    from = m.index + m[0].length;
  }
  if (part.length > from) out.push([start + from, end]);
  return out;
}

function annotationConf(types: Iterable<string>): string {
  return [
    '# Written by Spanwise: the labels used, and any span may overlap any other.',
    '[entities]',
    ...[...types].sort(),
    '',
    '[relations]',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    '',
  ].join('\n');
}

export function bratFolder(ctx: SerializeContext): FileSerializer {
  const types = new Set<string>();
  /** Names taken in each folder (case-insensitively: macOS and Windows). */
  const taken = new Map<string, Set<string>>();
  const unique = (dir: string, base: string): string => {
    let names = taken.get(dir);
    if (!names) taken.set(dir, (names = new Set()));
    let name = base;
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    names.add(name.toLowerCase());
    return name;
  };

  const ann = (a: ExportArticle, layer: ExportLayer): string => {
    const map = ctx.unit === 'codepoint' && /[\uD800-\uDBFF]/.test(a.text) ? new OffsetMap(a.text) : null;
    const conv = (o: number) => (map ? map.toCodePoint(o) : o);
    let out = '';
    let id = 0;
    for (const s of layer.spans) {
      const pieces = fragments(a.text, s.start, s.end);
      if (pieces.length === 0) {
        ctx.loss.add(s, 'covers only line breaks');
        continue;
      }
      if (pieces[0]![0] !== s.start || pieces[pieces.length - 1]![1] !== s.end) {
        ctx.loss.change(s, 'trimmed: a brat span cannot begin or end on a line break');
      }
      const type = s.label.replace(/\s+/gu, '_');
      if (type !== s.label) ctx.loss.change(s, `label written as ${type} (brat types cannot hold spaces)`);
      types.add(type);
      const offsets = pieces.map(([f, t]) => `${conv(f)} ${conv(t)}`).join(';');
      const text = pieces.map(([f, t]) => a.text.slice(f, t)).join(' ');
      out += `T${++id}\t${type} ${offsets}\t${text}\n`;
    }
    return out;
  };

  return {
    begin: () => '',
    end: () => '',
    item(a) {
      const files: OutFile[] = [];
      let spans = 0;
      for (const layer of a.layers) {
        const dir = ctx.allLayers && layer.name !== null ? safeName(layer.name) : '';
        const base = unique(dir, safeName(idText(a.key)));
        const at = (ext: string) => (dir ? `${dir}/${base}.${ext}` : `${base}.${ext}`);
        ctx.loss.total += layer.spans.length;
        files.push({ path: at('txt'), text: a.text }, { path: at('ann'), text: ann(a, layer) });
        spans += layer.spans.length;
      }
      return { text: '', lines: a.layers.length, spans, files };
    },
    closing: () => [{ path: 'annotation.conf', text: annotationConf(types) }],
  };
}
