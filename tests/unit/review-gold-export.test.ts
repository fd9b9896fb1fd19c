// Exporting the gold layer: adjudicated articles by default, --only all adds articles with
// decisions not yet adjudicated; every gold span carries its provenance in spans, doccano and
// Label Studio, and those files import back into Spanwise.
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/main/backend/importers';
import { decide, setAdjudicated } from '../../src/main/backend/review/decisions';
import { applyPolicy } from '../../src/main/backend/review/policy';
import { reviewArticle } from '../../src/main/backend/review/queue';
import { emptyProject, exportText, lines, write } from './fixtures/io';
import { tempDir } from './helpers';
import { labelIdOf, reviewProject, SUMMIT } from './fixtures/adjudication';

/**
 * SUMMIT adjudicated (Kim unanimous, Putin bob's, Moscow edited, Monday rejected), an emoji
 * article decided but not adjudicated, and an article with no decision.
 */
function adjudicated() {
  const r = reviewProject([
    SUMMIT,
    { title: 'Emoji', text: '😀 Kim waved.', layers: { alice: [[3, 6, 'ACTOR']], bob: [[3, 6, 'ACTOR']] } },
    { title: 'Untouched', text: 'Nobody decided.', layers: { alice: [[0, 6, 'ACTOR']], bob: [] } },
  ]);
  const { db, ids, reviewer } = r;
  const [summit, emoji, untouched] = ids;
  applyPolicy(db, reviewer);
  expect(reviewArticle(db, untouched!).clusters.map((c) => [c.kinds, c.status])).toEqual([[['partial'], 'open']]);
  // The policy accepts the unanimous Kims; the untouched article's partial cluster stays open.
  const c = reviewArticle(db, summit!).clusters;
  decide(db, reviewer, { articleId: summit!, clusterId: c[1]!.id, action: { take: 'bob' } });
  decide(db, reviewer, {
    articleId: summit!,
    clusterId: c[2]!.id,
    action: { edit: { start: 17, end: 23, labelId: labelIdOf(db, 'LOCATION') } },
  });
  decide(db, reviewer, { articleId: summit!, clusterId: c[3]!.id, action: { reject: true } });
  setAdjudicated(db, summit!, true);
  return { ...r, summit: summit!, emoji: emoji!, untouched: untouched! };
}

describe('gold export', () => {
  it('spans JSONL: adjudicated articles by default, each span with sources and decision', async () => {
    const { db, summit } = adjudicated();
    const out = lines(await exportText(db, { layer: 'gold', only: undefined }));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: summit, layer: 'gold', status: 'done', text: SUMMIT.text });
    expect(out[0]!['spans']).toEqual([
      { start: 0, end: 3, label: 'ACTOR', text: 'Kim', sources: ['alice', 'bob'], decision: 'unanimous' },
      { start: 8, end: 13, label: 'CLAIM', text: 'Putin', sources: ['bob'], decision: 'accepted' },
      { start: 17, end: 23, label: 'LOCATION', text: 'Moscow', sources: [], decision: 'edited' },
    ]);
    expect(lines(await exportText(db, { layer: 'gold', only: 'done' }))).toEqual(out);
  });

  it('--only all adds articles with decisions that are not adjudicated yet, in code points', async () => {
    const { db, summit, emoji } = adjudicated();
    const out = lines(await exportText(db, { layer: 'gold', only: 'all' }));
    expect(out.map((l) => [l['id'], l['status']])).toEqual([
      [summit, 'done'],
      [emoji, 'in_progress'],
    ]);
    // 😀 is one code point: Kim is 2..5 in the export (3..6 in UTF-16).
    expect(out[1]!['spans']).toEqual([
      { start: 2, end: 5, label: 'ACTOR', text: 'Kim', sources: ['alice', 'bob'], decision: 'unanimous' },
    ]);
    const utf16 = lines(await exportText(db, { layer: 'gold', only: 'all', offsets: 'utf16' }));
    expect((utf16[1]!['spans'] as { start: number }[])[0]!.start).toBe(3);
  });

  it('doccano: provenance beside the label list, one entry per span; re-imports with it as metadata', async () => {
    const { db } = adjudicated();
    const text = await exportText(db, { format: 'doccano', layer: 'gold', only: undefined });
    const [line] = lines(text);
    expect(line!['label']).toEqual([
      [0, 3, 'ACTOR'],
      [8, 13, 'CLAIM'],
      [17, 23, 'LOCATION'],
    ]);
    expect(line!['provenance']).toEqual([
      { sources: ['alice', 'bob'], decision: 'unanimous' },
      { sources: ['bob'], decision: 'accepted' },
      { sources: [], decision: 'edited' },
    ]);
    const p = emptyProject();
    importPaths(p.db, [write(tempDir(), 'gold.jsonl', text)], { format: 'doccano', as: 'gold', offsets: 'auto' });
    const meta = JSON.parse((p.db.prepare('SELECT meta FROM articles').get() as { meta: string }).meta) as {
      provenance: unknown;
    };
    expect(meta.provenance).toEqual(line!['provenance']);
    const n = p.db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number };
    expect(n.n).toBe(3);
  });

  it('Label Studio: a ground-truth annotation whose regions carry their provenance', async () => {
    const { db } = adjudicated();
    const text = await exportText(db, { format: 'label-studio', layer: 'gold', only: undefined });
    const tasks = JSON.parse(text) as {
      annotations: {
        ground_truth: boolean;
        spanwise: unknown;
        result: { value: { labels: string[] }; meta: unknown; spanwise: unknown }[];
      }[];
    }[];
    expect(tasks).toHaveLength(1);
    const [ann] = tasks[0]!.annotations;
    expect(ann!.ground_truth).toBe(true);
    expect(ann!.spanwise).toEqual({ layer: 'gold', status: 'done' });
    expect(ann!.result.map((r) => [r.value.labels, r.meta, r.spanwise])).toEqual([
      [['ACTOR'], { text: ['unanimous: alice, bob'] }, { sources: ['alice', 'bob'], decision: 'unanimous' }],
      [['CLAIM'], { text: ['accepted: bob'] }, { sources: ['bob'], decision: 'accepted' }],
      [['LOCATION'], { text: ['edited'] }, { sources: [], decision: 'edited' }],
    ]);
    const p = emptyProject();
    importPaths(p.db, [write(tempDir(), 'gold.json', text)], { format: 'label-studio', offsets: 'auto' });
    const rows = p.db
      .prepare(
        'SELECT a.name, s.start_offset, s.end_offset FROM spans s JOIN annotators a ON a.id = s.annotator_id ORDER BY 2',
      )
      .raw(true)
      .all();
    expect(rows).toEqual([
      ['gold', 0, 3],
      ['gold', 8, 13],
      ['gold', 17, 23],
    ]);
  });

  it('BIO and CoNLL carry the gold spans without provenance', async () => {
    const { db } = adjudicated();
    const [bio] = lines(await exportText(db, { format: 'bio', layer: 'gold', only: undefined }));
    expect(bio!['ner_tags']).toEqual(['B-ACTOR', 'O', 'B-CLAIM', 'O', 'B-LOCATION', 'O', 'O', 'O']);
    expect(Object.keys(bio!)).not.toContain('provenance');
  });
});
