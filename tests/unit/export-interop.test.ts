// Our exports as the tools they are named after read them. The readers below mirror, step by
// step, the code of those tools (cited at each), so that a change to our output that would
// break them fails here:
// - Label Studio's converter (label_studio_sdk/converter/converter.py: iter_from_json_file →
//   annotation_result_from_task → convert_to_json_min), which needs task["id"] and reads each
//   annotation's id, result[].from_name/to_name/type and value{start, end, text, labels};
// - spaCy's conll_ner_to_docs (spacy/training/converters/conll_ner_to_docs.py), which splits
//   documents only at "-DOCSTART- -X- O O" and reads the first and last columns.
import { describe, expect, it } from 'vitest';
import { tempDir, tempProject } from './helpers';
import { emptyProject, exportText, imp, jsonl, write } from './fixtures/io';

interface LsResult {
  id: string;
  from_name: string;
  to_name: string;
  type: string;
  value: { start: number; end: number; text: string; labels: string[] };
}
interface LsAnnotation {
  id: number;
  result: LsResult[];
  was_cancelled?: boolean;
  completed_by?: { email: string };
  created_at?: string;
}
interface LsTask {
  id: number;
  data: Record<string, unknown>;
  annotations: LsAnnotation[];
}

/** The labeling config of docs/formats.md, as the converter's parse_config sees it. */
const SCHEMA: Record<string, { type: string }> = { label: { type: 'Labels' } };

/** convert_to_json_min over annotation_result_from_task, for a JSON array of tasks. */
function converterJsonMin(tasks: LsTask[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const task of tasks) {
    // annotation_result_from_task: tasks without annotations yield their data only.
    const annotations = task.annotations.filter((a) => !a.was_cancelled);
    if (task.annotations.length === 0) {
      out.push({ ...task.data, id: task.id, annotator: null, annotation_id: null });
      continue;
    }
    for (const a of annotations) {
      const outputs: Record<string, Record<string, unknown>[]> = {};
      for (const r of a.result) {
        const tag = SCHEMA[r.from_name];
        if (!tag) continue;
        // v = deepcopy(r["value"]); v["type"] = schema type; prettify_result pops "type" again.
        (outputs[r.from_name] ??= []).push({ ...r.value });
      }
      // get_data: "id": task["id"] (KeyError without it), "annotation_id": annotation.get("id").
      if (task.id === undefined) throw new Error("KeyError: 'id'");
      const record: Record<string, unknown> = { ...task.data, id: task.id, ...outputs };
      // get_annotator(item, int_id=True): completed_by's email, else its id, else None.
      record['annotator'] = a.completed_by?.email ?? null;
      record['annotation_id'] = a.id;
      out.push(record);
    }
  }
  return out;
}

/** conll_ner_to_docs: documents split at the delimiter, sentences at blank lines, tags in the last column. */
function spacyConllDocs(input: string): { words: string[]; iob: string[] }[][] {
  const delimiter = '-DOCSTART- -X- O O';
  const docs = input.includes(delimiter) ? input.split(delimiter) : [input];
  return docs
    .map((doc) =>
      doc
        .trim()
        .split('\n\n')
        .filter((sent) => sent.trim().length > 0)
        .map((sent) => {
          const cols = sent
            .trim()
            .split('\n')
            .map((line) => line.trim().split(/\s+/));
          return { words: cols.map((c) => c[0]!), iob: cols.map((c) => c[c.length - 1]!) };
        }),
    )
    .filter((doc) => doc.length > 0);
}

function richProject() {
  const p = tempProject({ demo: true, annotator: 'ana@example.org' });
  const labels = p.handlers.listLabels({});
  const ids = p.db.prepare('SELECT id, text FROM articles ORDER BY id').all() as { id: number; text: string }[];
  for (const [i, a] of ids.entries()) {
    const words = [...a.text.matchAll(/\p{L}{4,}/gu)].slice(0, 12);
    for (const [k, w] of words.entries()) {
      p.handlers.createSpan({
        articleId: a.id,
        labelId: labels[(i + k) % labels.length]!.id,
        start: w.index,
        end: w.index + w[0].length,
      });
    }
  }
  imp(p.db, [
    write(
      tempDir(),
      'x.jsonl',
      jsonl([
        {
          id: 'emoji',
          text: 'Kim 🤝 Putin met in\nVladivostok.',
          layer: 'ben',
          spans: [
            { start: 0, end: 3, label: 'ACTOR' },
            { start: 6, end: 18, label: 'CLAIM' },
          ],
        },
      ]),
    ),
  ]);
  return p;
}

describe("Label Studio export, read by Label Studio's converter", () => {
  it('has a task id and annotation ids, and results with from_name/to_name/type and value{start,end,text,labels}', async () => {
    const p = richProject();
    const tasks = JSON.parse(await exportText(p.db, { format: 'label-studio' })) as LsTask[];
    expect(tasks.length).toBe(6);
    const annotationIds = tasks.flatMap((t) => t.annotations.map((a) => a.id));
    expect(tasks.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(annotationIds).size).toBe(annotationIds.length);
    for (const a of tasks.flatMap((t) => t.annotations)) {
      expect(Number.isInteger(a.id)).toBe(true);
      for (const r of a.result) {
        expect(Object.keys(r).sort()).toEqual(['from_name', 'id', 'to_name', 'type', 'value']);
        expect([r.from_name, r.to_name, r.type]).toEqual(['label', 'text', 'labels']);
        expect(Object.keys(r.value).sort()).toEqual(['end', 'labels', 'start', 'text']);
      }
    }
  });

  it('goes through the converter’s JSON-MIN and back into Spanwise with every span exact', async () => {
    const p = richProject();
    const tasks = JSON.parse(await exportText(p.db, { format: 'label-studio' })) as LsTask[];
    const min = converterJsonMin(tasks);
    const total = tasks.flatMap((t) => t.annotations).reduce((n, a) => n + a.result.length, 0);
    expect(total).toBeGreaterThan(50);
    const fresh = emptyProject();
    // Layers that are not emails reach JSON-MIN without an annotator: name them on import.
    const s = imp(fresh.db, [write(tempDir(), 'result.json', JSON.stringify(min, null, 2))], { as: 'all' });
    expect(s.files[0]!.format).toBe('label-studio-min');
    expect(s.spansAdded).toBe(total);
    const q = `SELECT a.content_hash AS h, l.name AS label, s.start_offset AS s, s.end_offset AS e
                 FROM spans s JOIN articles a ON a.id = s.article_id JOIN labels l ON l.id = s.label_id
                WHERE s.deleted = 0 ORDER BY 1, 3, 4, 2`;
    expect(fresh.db.prepare(q).all()).toEqual(p.db.prepare(q).all());
  });
});

describe("CoNLL export, read by spaCy's converter", () => {
  it('gives one document per article and layer (not one for the whole file), with the tags in the last column', async () => {
    const p = richProject();
    const text = await exportText(p.db, { format: 'conll' });
    const docs = spacyConllDocs(text);
    expect(docs.length).toBe(6);
    const first = docs[5]!;
    expect(first.map((s) => s.words.join(' '))).toEqual(['Kim 🤝 Putin met in', 'Vladivostok .']);
    expect(first[0]!.iob).toEqual(['B-ACTOR', 'O', 'B-CLAIM', 'I-CLAIM', 'I-CLAIM']);
    // Hugging Face's conll2003 loader skips lines that start with -DOCSTART-: no stray token.
    expect(text.split('\n').filter((l) => l.startsWith('-DOCSTART-'))).toHaveLength(6);
  });
});
