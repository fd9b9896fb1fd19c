// A decision stays attached to the versions it saw, known by identity: a label renamed or a
// namesake joining the project (whose arrival adds a short id to a display name) reopens
// nothing; a decision stored before fingerprints named people by uid still counts as current.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensureAnnotatorByUid } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { decide } from '../../src/main/backend/review/decisions';
import { reviewArticle, reviewQueue } from '../../src/main/backend/review/queue';
import { setStatus } from '../../src/main/backend/status';
import { reviewProject, SUMMIT } from './fixtures/adjudication';

function decideAll(r: ReturnType<typeof reviewProject>): void {
  const id = r.ids[0]!;
  for (const c of reviewArticle(r.db, id).clusters) {
    if (c.unanimous) continue;
    decide(r.db, r.reviewer, { articleId: id, clusterId: c.id, action: { reject: true } });
  }
}

const statuses = (r: ReturnType<typeof reviewProject>) => reviewArticle(r.db, r.ids[0]!).clusters.map((c) => c.status);

describe('decisions keep to the versions they saw, by identity', () => {
  it('a label renamed reopens nothing', () => {
    const r = reviewProject([SUMMIT]);
    decideAll(r);
    expect(reviewQueue(r.db, 'all').progress).toEqual({ resolved: 3, conflicts: 3 });
    r.p.handlers.updateLabel({ id: r.p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!.id, name: 'PERSON' });
    expect(statuses(r)).not.toContain('reopened');
    expect(reviewQueue(r.db, 'all').progress).toEqual({ resolved: 3, conflicts: 3 });
  });

  it('a namesake joining the project reopens nothing, though the display names change', () => {
    const r = reviewProject([SUMMIT]);
    decideAll(r);
    // A second "alice" arrives with work on another article: the first now reads "alice (xxxxxx)".
    writeTransaction(r.db, (w) => {
      const other = ensureAnnotatorByUid(w, 'a11ce000-0000-4000-8000-000000000002', 'alice', true).annotator;
      const { id } = w
        .prepare(
          "INSERT INTO articles (title, source, text, content_hash, created_at) VALUES ('x', 's', 'Other text.', 'h-other', 'n') RETURNING id",
        )
        .get() as { id: number };
      setStatus(w, other.id, id, 'done');
    });
    const layers = reviewArticle(r.db, r.ids[0]!).layers.map((l) => l.annotator);
    expect(layers[0]).toMatch(/^alice \([0-9a-f]{6}\)$/);
    expect(statuses(r)).not.toContain('reopened');
    expect(reviewQueue(r.db, 'all').progress).toEqual({ resolved: 3, conflicts: 3 });
  });

  it('a decision stored with the earlier, name-based fingerprint is still current', () => {
    const r = reviewProject([SUMMIT]);
    const article = reviewArticle(r.db, r.ids[0]!);
    const putin = article.clusters.find((c) => c.start === 8)!;
    decide(r.db, r.reviewer, { articleId: article.id, clusterId: putin.id, action: { take: 'bob' } });
    // What the earlier code stored: the hash over layer names and label names.
    const members = putin.members
      .map((m) => [m.span.id, m.span.start, m.span.end, m.span.label] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const legacy = hash('sha256', JSON.stringify([['alice', 'bob'], members]), 'hex').slice(0, 20);
    const triggers = r.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'decisions'")
      .pluck()
      .all() as string[];
    for (const t of triggers) r.db.exec(`DROP TRIGGER ${t}`);
    r.db.prepare('UPDATE decisions SET fingerprint = ?').run(legacy);
    expect(reviewArticle(r.db, article.id).clusters.find((c) => c.id === putin.id)!.status).toBe('decided');
    // And a different legacy fingerprint means other versions: reopened.
    r.db.prepare('UPDATE decisions SET fingerprint = ?').run('0'.repeat(20));
    expect(reviewArticle(r.db, article.id).clusters.find((c) => c.id === putin.id)!.status).toBe('reopened');
  });
});
