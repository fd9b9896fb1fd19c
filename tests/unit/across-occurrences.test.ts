// "Label every occurrence": the other places a labelled text occurs, in its article or the
// whole set (exact, word-bounded, case-sensitive unless asked), with context; applied in one
// batch that one undo takes back, skipping places the same label already covers.
import { describe, expect, it } from 'vitest';
import { findOccurrences } from '../../src/main/backend/across/occurrences';
import type { Project } from '../../src/main/backend/project';
import { isWordAt } from '../../src/shared/text';
import { imp, jsonl, write } from './fixtures/io';
import { appErrorCode, tempDir, tempProject } from './helpers';

function label(p: Project, name: string): number {
  return p.handlers.listLabels({}).find((l) => l.name === name)!.id;
}

function at(p: Project, articleId: number, text: string, nth = 0): { start: number; end: number } {
  const body = p.handlers.getArticle({ id: articleId }).text;
  let i = -1;
  for (let k = 0; k <= nth; k++) i = body.indexOf(text, i + 1);
  expect(i, text).toBeGreaterThanOrEqual(0);
  return { start: i, end: i + text.length };
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('label every occurrence', () => {
  it('finds the other occurrences in the article, then in the whole set, with context', () => {
    const p = tempProject();
    const actor = label(p, 'ACTOR');
    const first = at(p, 1, 'Kim Jong Un');
    p.handlers.createSpan({ articleId: 1, labelId: actor, ...first });
    const here = p.handlers.findOccurrences({
      articleId: 1,
      labelId: actor,
      ...first,
      scope: 'article',
      caseSensitive: true,
    });
    const text1 = p.handlers.getArticle({ id: 1 }).text;
    expect(here.occurrences.length).toBe(count(text1, 'Kim Jong Un') - 1);
    expect(here.covered).toBe(0);
    for (const o of here.occurrences) {
      expect(o.articleId).toBe(1);
      expect(text1.slice(o.start, o.end)).toBe('Kim Jong Un');
      expect(o.text).toBe('Kim Jong Un');
      expect(o.before.length + o.after.length).toBeGreaterThan(20);
      expect(o.before + o.text + o.after).not.toMatch(/\n/);
    }
    const set = p.handlers.findOccurrences({
      articleId: 1,
      labelId: actor,
      ...first,
      scope: 'set',
      caseSensitive: true,
    });
    let expected = 0;
    for (let id = 1; id <= 5; id++) expected += count(p.handlers.getArticle({ id }).text, 'Kim Jong Un');
    expect(set.occurrences.length).toBe(expected - 1);
    // This article first, then the others in order; 004's "Kim Jong-un" is not the same text.
    expect(set.occurrences.map((o) => o.articleId)).toEqual(
      [...set.occurrences.map((o) => o.articleId)].sort((a, b) => (a === 1 ? -1 : b === 1 ? 1 : a - b)),
    );
    expect(set.occurrences.some((o) => o.articleId === 5)).toBe(false);
    p.close();
  });

  it('is word-bounded and case-sensitive by default; the toggle finds other cases', () => {
    const p = tempProject();
    const dir = tempDir();
    write(
      dir,
      'a.jsonl',
      jsonl([{ text: 'Kim met KIM and kim. Kimberly and Kim-style talks. Kim left.', meta: { title: 'K' } }]),
    );
    imp(p.db, [dir], { as: 'model' });
    const id = (p.db.prepare("SELECT id FROM articles WHERE title = 'K'").get() as { id: number }).id;
    const q = {
      articleId: id,
      start: 0,
      end: 3,
      labelId: label(p, 'ACTOR'),
      scope: 'article' as const,
      caseSensitive: true,
    };
    const exact = p.handlers.findOccurrences(q);
    expect(exact.occurrences.map((o) => o.start)).toEqual([51]);
    const any = p.handlers.findOccurrences({ ...q, caseSensitive: false });
    expect(any.occurrences.map((o) => o.start)).toEqual([8, 16, 51]);
    expect(appErrorCode(() => p.handlers.findOccurrences({ ...q, start: 3, end: 4 }))).toBe('BAD_INPUT');
    p.close();
  });

  it('applies them in one batch, skipping places the same label already covers; one undo takes all back', () => {
    const p = tempProject();
    const actor = label(p, 'ACTOR');
    const first = at(p, 1, 'Adrienne Watson');
    p.handlers.createSpan({ articleId: 1, labelId: actor, ...first });
    // In 001 a longer ACTOR span already covers the name; a CLAIM over it in 002 does not count.
    const longer = at(p, 2, 'spokeswoman Adrienne Watson');
    p.handlers.createSpan({ articleId: 2, labelId: actor, ...longer });
    const claim = at(p, 3, 'National Security Council (NSC) spokeswoman Adrienne Watson said');
    p.handlers.createSpan({ articleId: 3, labelId: label(p, 'CLAIM'), ...claim });
    const q = { articleId: 1, labelId: actor, ...first, scope: 'set' as const, caseSensitive: true };
    const preview = p.handlers.findOccurrences(q);
    expect(preview.covered).toBe(1);
    expect(preview.occurrences.map((o) => o.articleId)).toEqual([3, 5]);
    const done = p.handlers.labelOccurrences(q);
    expect(done.spans.map((s) => [s.articleId, s.start, s.end])).toEqual(
      preview.occurrences.map((o) => [o.articleId, o.start, o.end]),
    );
    expect(done.spans.every((s) => s.origin === 'occurrence' && s.labelId === actor)).toBe(true);
    expect(p.handlers.findOccurrences(q).occurrences).toEqual([]);
    // Nothing left: applying again writes nothing.
    expect(p.handlers.labelOccurrences(q).batch).toBe(0);
    const undone = p.handlers.undoSpanBatch({ batch: done.batch });
    expect(undone.map((s) => s.id).sort()).toEqual(done.spans.map((s) => s.id).sort());
    expect(p.handlers.listSpans({ articleId: 5 })).toEqual([]);
    expect(p.handlers.listSpans({ articleId: 3 }).length).toBe(1);
    expect(p.handlers.findOccurrences(q).occurrences.length).toBe(2);
    expect(p.handlers.redoSpanBatch({ batch: done.batch }).length).toBe(2);
    // A span the person deleted by hand after the batch stays deleted through undo and redo.
    p.handlers.deleteSpan({ id: done.spans[0]!.id });
    expect(p.handlers.undoSpanBatch({ batch: done.batch }).length).toBe(1);
    expect(appErrorCode(() => p.handlers.undoSpanBatch({ batch: 999 }))).toBe('NOT_FOUND');
    p.close();
  });

  it('a capped preview stops after the article that fills it and says how many articles it left unread', () => {
    const p = tempProject();
    const dir = tempDir();
    // 12 articles holding "Volt": 3 places each, except the 7th (only "volt", another case).
    const texts = Array.from({ length: 12 }, (_, i) =>
      i === 6 ? `Note ${i}: the volt and the volt.` : `Note ${i}: Volt met Volt; Volt left.`,
    );
    write(dir, 'v.jsonl', jsonl(texts.map((text, i) => ({ text, meta: { title: `V${i}` } }))));
    imp(p.db, [dir], { as: 'model' });
    const ids = (
      p.db.prepare("SELECT id FROM articles WHERE title LIKE 'V%' ORDER BY id").all() as { id: number }[]
    ).map((r) => r.id);
    const me = (p.db.prepare("SELECT value FROM settings WHERE key = 'current_annotator'").get() as { value: string })
      .value;
    const origin = ids[2]!;
    const start = p.handlers.getArticle({ id: origin }).text.indexOf('Volt');
    const q = {
      articleId: origin,
      start,
      end: start + 4,
      labelId: label(p, 'ACTOR'),
      scope: 'set' as const,
      caseSensitive: true,
    };
    // 2 more in the origin, then the 1st article's 3 pass the cap of 4: listed up to it, and no
    // article after that one is read.
    const capped = findOccurrences(p.db, Number(me), q, 4);
    expect(capped.occurrences.map((o) => o.articleId)).toEqual([origin, origin, ids[0], ids[0]]);
    expect(capped.total).toBeUndefined();
    // Left unread: every article holding the word after the 1st, but the origin (read first).
    expect(capped.unread).toBe(10);
    const whole = findOccurrences(p.db, Number(me), q, 1000);
    expect(whole.unread).toBeUndefined();
    expect(whole.total).toBe(11 * 3 - 1);
    expect(whole.occurrences.length).toBe(whole.total);
    // Labelling counts and writes every place, not only the preview's.
    expect(p.handlers.labelOccurrences(q).spans.length).toBe(32);
    p.close();
  });

  it('counts exactly the word-bounded places, case-sensitive or not, through punctuation, diacritics and joiners', () => {
    const p = tempProject();
    const dir = tempDir();
    const texts = [
      'Zoë met zoë and ZOË. Zoe is not Zoë. “Zoë” said: Zoë’s book; Zoë-like, Zoë.Zoë and (Zoë)!',
      'Zoëtrope, aZoë and Zoë\u0301 are not her; Zoë—again—and Zoë… Zoë\nZoë\r\nZoë\u00a0Zoë.',
      'ZOË ZOË zoë. No one here: Zoe, ZOE, zoe.',
    ];
    write(dir, 'z.jsonl', jsonl(texts.map((text, i) => ({ text, meta: { title: `Z${i}` } }))));
    imp(p.db, [dir], { as: 'model' });
    const rows = p.db.prepare("SELECT id, text FROM articles WHERE title LIKE 'Z%' ORDER BY id").all() as {
      id: number;
      text: string;
    }[];
    // The rule, spelled out: the same characters (or the same up to case), not inside a word.
    const reference = (needle: string, caseSensitive: boolean): number => {
      let n = 0;
      for (const { text } of rows) {
        const hay = caseSensitive ? text : text.toLowerCase();
        const pin = caseSensitive ? needle : needle.toLowerCase();
        for (let i = hay.indexOf(pin); i >= 0; i = hay.indexOf(pin, i + 1)) {
          const end = i + pin.length;
          const inside =
            (isWordAt(text, i) && isWordAt(text, i - 1)) || (isWordAt(text, end - 1) && isWordAt(text, end));
          if (!inside) n++;
        }
      }
      return n;
    };
    const origin = rows[0]!.id;
    const q = { articleId: origin, start: 0, end: 3, labelId: label(p, 'ACTOR'), scope: 'set' as const };
    const exact = p.handlers.findOccurrences({ ...q, caseSensitive: true });
    const folded = p.handlers.findOccurrences({ ...q, caseSensitive: false });
    // The span itself is not one of "the others".
    expect(exact.total).toBe(reference('Zoë', true) - 1);
    expect(folded.total).toBe(reference('Zoë', false) - 1);
    expect(exact.total).toBe(9);
    expect(folded.total).toBeGreaterThan(exact.total!);
    for (const o of exact.occurrences) {
      const text = rows.find((r) => r.id === o.articleId)!.text;
      expect(text.slice(o.start, o.end)).toBe('Zoë');
    }
    p.close();
  });
});
