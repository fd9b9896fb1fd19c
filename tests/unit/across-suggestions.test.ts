// Suggestions for the current annotator, from their own labels and from syndicated copies:
// computed, never written until accepted (never exported), accepted in one batch that one undo
// takes back, dismissals remembered.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/dispatch';
import { exportProject } from '../../src/main/backend/exporters';
import type { Project } from '../../src/main/backend/project';
import { EXPORT_FORMATS } from '../../src/shared/jobs';
import type { Suggestion } from '../../src/shared/across';
import { AppError } from '../../src/shared/result';
import { imp, jsonl, write } from './fixtures/io';
import { RESOURCES, appErrorCode, tempDir, tempProject } from './helpers';
import { Project as ProjectClass } from '../../src/main/backend/project';

// The demo project's articles: 1 = 000 (the wire text), 2 = 001 (its copy), 3 = 002 and
// 5 = 004 (reuse about half), 4 = 003 (independent).
const WIRE = 1;
const COPY = 2;

function label(p: Project, name: string): number {
  return p.handlers.listLabels({}).find((l) => l.name === name)!.id;
}

/** Labels the nth occurrence of `text` in an article as the current annotator. */
function mark(p: Project, articleId: number, text: string, labelName: string, nth = 0) {
  const body = p.handlers.getArticle({ id: articleId }).text;
  let at = -1;
  for (let k = 0; k <= nth; k++) at = body.indexOf(text, at + 1);
  expect(at, text).toBeGreaterThanOrEqual(0);
  return p.handlers.createSpan({ articleId, labelId: label(p, labelName), start: at, end: at + text.length });
}

/** The demo project with ana's labels on the wire article. */
function labelled(): Project {
  const p = tempProject();
  mark(p, WIRE, 'Kim Jong Un', 'ACTOR');
  mark(p, WIRE, 'Adrienne Watson', 'ACTOR');
  mark(p, WIRE, 'Vladivostok', 'LOCATION');
  mark(p, WIRE, 'The New York Times', 'ACTOR');
  mark(p, WIRE, 'arms negotiations between Russia and the DPRK are actively advancing', 'CLAIM');
  return p;
}

const view = (s: Suggestion) => `${s.label} ${s.text}`;

describe('suggestions', () => {
  it('on a syndicated copy: the labels land on exactly the same words, from the copy and from own labels', () => {
    const p = labelled();
    const list = p.handlers.listSuggestions({ articleId: COPY });
    expect(list.cluster.map((c) => c.articleId)).toEqual([1, 3, 5]);
    const text = p.handlers.getArticle({ id: COPY }).text;
    for (const s of list.suggestions) expect(text.slice(s.start, s.end)).toBe(s.text);
    const fromCopy = list.suggestions.filter((s) => s.sources.some((x) => x.kind === 'copy')).map(view);
    expect(fromCopy).toEqual(
      expect.arrayContaining([
        'ACTOR Adrienne Watson',
        'LOCATION Vladivostok',
        'ACTOR The New York Times',
        'CLAIM arms negotiations between Russia and the DPRK are actively advancing',
      ]),
    );
    // Own label: every "Kim Jong Un" of the copy, whether or not its sentence recurs.
    expect(list.suggestions.filter((s) => view(s) === 'ACTOR Kim Jong Un').length).toBe(
      text.split('Kim Jong Un').length - 1,
    );
    // Nothing was written.
    expect(p.handlers.listSpans({ articleId: COPY })).toEqual([]);
    p.close();
  });

  it('projects across edits: 002 moved the speaker after the quotation and says "Kim -- who rarely travels --"', () => {
    const p = labelled();
    const list = p.handlers.listSuggestions({ articleId: 3 });
    const copied = list.suggestions.filter((s) => s.sources.some((x) => x.kind === 'copy' && x.articleId === WIRE));
    expect(copied.map(view)).toEqual(
      expect.arrayContaining(['ACTOR Adrienne Watson', 'LOCATION Vladivostok', 'ACTOR The New York Times']),
    );
    // The independent report is in no cluster and gets own-label suggestions only.
    const apart = p.handlers.listSuggestions({ articleId: 4 });
    expect(apart.cluster).toEqual([]);
    expect(apart.suggestions.every((s) => s.sources.every((x) => x.kind === 'own'))).toBe(true);
    p.close();
  });

  it('own labels are word-bounded and case-sensitive, and never another annotator’s', () => {
    const p = tempProject();
    mark(p, WIRE, 'Kim', 'ACTOR');
    const dir = tempDir();
    write(dir, 'a.jsonl', jsonl([{ text: 'Kimberly met Kim. KIM said kim. Kim-style talks.', meta: { title: 'K' } }]));
    imp(p.db, [dir], { as: 'model' });
    const id = (p.db.prepare("SELECT id FROM articles WHERE title = 'K'").get() as { id: number }).id;
    const found = p.handlers.listSuggestions({ articleId: id }).suggestions;
    expect(found.map((s) => [s.start, s.end])).toEqual([[13, 16]]);
    // bo sees none of ana's labels as suggestions.
    p.setAnnotator('bo');
    expect(p.handlers.listSuggestions({ articleId: id }).suggestions).toEqual([]);
    expect(p.handlers.listSuggestions({}).suggestions).toEqual([]);
    p.close();
  });

  it('a place the same label already covers is not suggested; another label there does not hide it', () => {
    const p = labelled();
    const before = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    mark(p, COPY, 'The White House’s National Security Council (NSC) spokeswoman Adrienne Watson', 'ACTOR');
    mark(p, COPY, 'Vladivostok', 'CLAIM');
    const after = p.handlers.listSuggestions({ articleId: COPY }).suggestions.map(view);
    expect(before.map(view)).toContain('ACTOR Adrienne Watson');
    expect(after).not.toContain('ACTOR Adrienne Watson');
    expect(after).toContain('LOCATION Vladivostok');
    p.close();
  });

  it('the whole set: every article’s suggestions, the same as asking article by article', () => {
    const p = labelled();
    const all = p.handlers.listSuggestions({}).suggestions;
    const each = [2, 3, 4, 5].flatMap((id) => p.handlers.listSuggestions({ articleId: id }).suggestions);
    // The wire article itself: its own other "Kim Jong Un"s.
    const wire = p.handlers.listSuggestions({ articleId: WIRE }).suggestions;
    expect(all.map((s) => s.id).sort()).toEqual([...wire, ...each].map((s) => s.id).sort());
    p.close();
  });
});

describe('accepting and dismissing', () => {
  it('accepting all in an article writes real spans in one batch; one undo takes them all back, redo restores', () => {
    const p = labelled();
    const offered = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    const batch = p.handlers.acceptSuggestions({ articleId: COPY });
    expect(batch.batch).toBeGreaterThan(0);
    const spans = p.handlers.listSpans({ articleId: COPY });
    expect(spans.map((s) => [s.start, s.end, s.labelId]).sort()).toEqual(
      offered.map((s) => [s.start, s.end, s.labelId]).sort(),
    );
    expect(new Set(spans.map((s) => s.origin))).toEqual(new Set(['suggestion:own', 'suggestion:copy']));
    expect(p.handlers.listSuggestions({ articleId: COPY }).suggestions).toEqual([]);
    const undone = p.handlers.undoSpanBatch({ batch: batch.batch });
    expect(undone.length).toBe(offered.length);
    expect(p.handlers.listSpans({ articleId: COPY })).toEqual([]);
    expect(p.handlers.listSuggestions({ articleId: COPY }).suggestions.map((s) => s.id)).toEqual(
      offered.map((s) => s.id),
    );
    p.handlers.redoSpanBatch({ batch: batch.batch });
    expect(
      p.handlers
        .listSpans({ articleId: COPY })
        .map((s) => s.id)
        .sort(),
    ).toEqual(batch.spans.map((s) => s.id).sort());
    // Another annotator cannot undo it.
    p.setAnnotator('bo');
    expect(appErrorCode(() => p.handlers.undoSpanBatch({ batch: batch.batch }))).toBe('FORBIDDEN');
    p.close();
  });

  it('accepts by id; an id no longer offered is refused and nothing is written', () => {
    const p = labelled();
    const [first, second] = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    const one = p.handlers.acceptSuggestions({ ids: [first!.id] });
    expect(one.spans.map((s) => [s.articleId, s.start, s.end])).toEqual([[COPY, first!.start, first!.end]]);
    expect(appErrorCode(() => p.handlers.acceptSuggestions({ ids: [second!.id, first!.id] }))).toBe('NOT_FOUND');
    expect(p.handlers.listSpans({ articleId: COPY }).length).toBe(1);
    p.close();
  });

  it('dismissed suggestions stay gone, also after the project is opened again', () => {
    const p = labelled();
    const offered = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    const gone = offered.find((s) => s.text === 'Vladivostok')!;
    expect(p.handlers.dismissSuggestions({ ids: [gone.id] })).toEqual({ dismissed: 1, ids: [gone.id] });
    expect(p.handlers.listSuggestions({ articleId: COPY }).suggestions.map((s) => s.id)).not.toContain(gone.id);
    const file = p.file;
    p.close();
    const again = ProjectClass.open(file, { resourcesDir: RESOURCES });
    const left = again.handlers.listSuggestions({ articleId: COPY }).suggestions;
    expect(left.map((s) => s.id)).toEqual(offered.filter((s) => s.id !== gone.id).map((s) => s.id));
    expect(again.handlers.dismissSuggestions({ articleId: COPY })).toEqual({
      dismissed: left.length,
      ids: left.map((s) => s.id),
    });
    expect(again.handlers.listSuggestions({ articleId: COPY }).suggestions).toEqual([]);
    expect(again.handlers.acceptSuggestions({ articleId: COPY })).toEqual({ batch: 0, spans: [] });
    again.close();
  });
});

/** Every file an export writes, by name, as text. */
async function exported(p: Project, format: (typeof EXPORT_FORMATS)[number]): Promise<string> {
  const out = path.join(tempDir(), format === 'brat' ? 'brat' : `out.${format}`);
  await exportProject(p.db, out, { format, layer: 'all', only: 'all', offsets: 'codepoint', seed: 0 });
  const read = (f: string): string =>
    fs.statSync(f).isDirectory()
      ? fs
          .readdirSync(f)
          .sort()
          .map((n) => `${n}:\n${read(path.join(f, n))}`)
          .join('\n')
      : fs.readFileSync(f, 'utf8');
  return read(out);
}

describe('undoing a dismissal', () => {
  it('forgets the dismissals named, so those suggestions are offered again, also after the project is opened again', () => {
    const p = labelled();
    const offered = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    const one = offered.find((s) => s.text === 'Vladivostok')!;
    p.handlers.dismissSuggestions({ ids: [one.id] });
    const all = p.handlers.dismissSuggestions({ articleId: COPY });
    expect(p.handlers.listSuggestions({ articleId: COPY }).suggestions).toEqual([]);
    // Undoing "dismiss all" brings back what it dismissed, not the one dismissed before it.
    expect(p.handlers.undismissSuggestions({ ids: all.ids })).toEqual({ forgotten: all.ids.length });
    const back = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    expect(back.map((s) => s.id)).toEqual(offered.filter((s) => s.id !== one.id).map((s) => s.id));
    // Undoing the first one too; a second undo of it forgets nothing more.
    expect(p.handlers.undismissSuggestions({ ids: [one.id] })).toEqual({ forgotten: 1 });
    expect(p.handlers.undismissSuggestions({ ids: [one.id] })).toEqual({ forgotten: 0 });
    const file = p.file;
    p.close();
    const again = ProjectClass.open(file, { resourcesDir: RESOURCES });
    expect(again.handlers.listSuggestions({ articleId: COPY }).suggestions).toEqual(offered);
    // Redone: dismissed again by the same ids.
    expect(again.handlers.dismissSuggestions({ ids: [one.id] }).dismissed).toBe(1);
    expect(again.handlers.listSuggestions({ articleId: COPY }).suggestions.map((s) => s.id)).not.toContain(one.id);
    again.close();
  });

  it('refuses an id that is not a suggestion id, forgetting nothing', () => {
    const p = labelled();
    const [first] = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    p.handlers.dismissSuggestions({ ids: [first!.id] });
    expect(appErrorCode(() => p.handlers.undismissSuggestions({ ids: [first!.id, 'nonsense'] }))).toBe('BAD_INPUT');
    expect(p.handlers.listSuggestions({ articleId: COPY }).suggestions.map((s) => s.id)).not.toContain(first!.id);
    p.close();
  });
});

describe('suggestion ids', () => {
  it('an id of another shape is refused by name, by the contract and by accept and dismiss, writing nothing', () => {
    const p = labelled();
    const [first] = p.handlers.listSuggestions({ articleId: COPY }).suggestions;
    const bad = [first!.id, '2-10-x-1'];
    for (const method of ['acceptSuggestions', 'dismissSuggestions', 'undismissSuggestions'] as const) {
      const r = dispatch(p.handlers, method, { ids: bad });
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error, method).toMatchObject({ code: 'BAD_INPUT' });
      if (!r.ok) expect(r.error.message, method).toContain('article-start-end-label');
    }
    // Past the contract (the CLI calls the backend directly): the same refusal, naming the id.
    const refused = new AppError('BAD_INPUT', '"2-10-x-1" is not a suggestion id (article-start-end-label)');
    expect(() => p.handlers.acceptSuggestions({ ids: bad })).toThrow(refused);
    expect(() => p.handlers.dismissSuggestions({ ids: bad })).toThrow(refused);
    expect(p.handlers.listSpans({ articleId: COPY })).toEqual([]);
    expect(p.handlers.listSuggestions({ articleId: COPY }).suggestions[0]).toEqual(first);
    p.close();
  });
});

describe('exports', () => {
  it('no suggestion (offered or dismissed) ever appears in any export format', async () => {
    const p = labelled();
    const before = new Map<string, string>();
    for (const format of EXPORT_FORMATS) before.set(format, await exported(p, format));
    const offered = p.handlers.listSuggestions({}).suggestions;
    expect(offered.length).toBeGreaterThan(10);
    p.handlers.dismissSuggestions({ ids: offered.slice(0, 3).map((s) => s.id) });
    expect(p.handlers.listSuggestions({}).suggestions.length).toBe(offered.length - 3);
    for (const format of EXPORT_FORMATS) expect(await exported(p, format), format).toBe(before.get(format));
    // Accepted, they are spans like any other and are exported.
    p.handlers.acceptSuggestions({ articleId: COPY });
    expect(await exported(p, 'spans')).not.toBe(before.get('spans'));
    p.close();
  });
});
