// `spanwise stats`: articles, annotators, and spans per label per layer.
import { displayName } from '../annotators';
import type { Db } from '../db/open';

export interface ProjectStats {
  articles: number;
  labels: string[];
  layers: {
    /** The display name: with a short id where two people share a name. */
    name: string;
    spans: number;
    byLabel: Record<string, number>;
    status: { todo: number; in_progress: number; done: number; skipped: number; flagged: number };
  }[];
}

export function projectStats(db: Db): ProjectStats {
  const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  const labels = (db.prepare('SELECT name FROM labels ORDER BY position, id').all() as { name: string }[]).map(
    (r) => r.name,
  );
  const annotators = db.prepare('SELECT id, uid, name FROM annotators ORDER BY name, uid').all() as {
    id: number;
    uid: string;
    name: string;
  }[];
  const spanRows = db
    .prepare(
      `SELECT s.annotator_id AS who, l.name AS label, count(*) AS n FROM spans s JOIN labels l ON l.id = s.label_id
        WHERE s.deleted = 0 GROUP BY s.annotator_id, l.name`,
    )
    .all() as { who: number; label: string; n: number }[];
  const statusRows = db
    .prepare('SELECT annotator_id AS who, status, count(*) AS n FROM article_status GROUP BY annotator_id, status')
    .all() as { who: number; status: string; n: number }[];
  const layers = annotators.map((a) => {
    const byLabel: Record<string, number> = {};
    let spans = 0;
    for (const r of spanRows.filter((r) => r.who === a.id)) {
      byLabel[r.label] = r.n;
      spans += r.n;
    }
    const counted = { in_progress: 0, done: 0, skipped: 0, flagged: 0 };
    for (const r of statusRows.filter((r) => r.who === a.id)) {
      if (r.status in counted) counted[r.status as keyof typeof counted] = r.n;
    }
    return {
      name: displayName(a, annotators),
      spans,
      byLabel,
      status: {
        todo: articles - counted.in_progress - counted.done - counted.skipped - counted.flagged,
        ...counted,
      },
    };
  });
  return { articles, labels, layers };
}

export function formatStats(s: ProjectStats): string {
  const lines = [
    `${s.articles} article${s.articles === 1 ? '' : 's'}, ${s.layers.length} annotator layer${s.layers.length === 1 ? '' : 's'}`,
  ];
  const labels = [...new Set([...s.labels, ...s.layers.flatMap((l) => Object.keys(l.byLabel))])];
  if (s.layers.length === 0) return lines.join('\n');
  const head = ['layer', ...labels, 'total', 'done', 'in progress', 'skipped', 'flagged', 'todo'];
  const rows = s.layers.map((l) => [
    l.name,
    ...labels.map((name) => String(l.byLabel[name] ?? 0)),
    String(l.spans),
    String(l.status.done),
    String(l.status.in_progress),
    String(l.status.skipped),
    String(l.status.flagged),
    String(l.status.todo),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push('', fmt(head), ...rows.map(fmt));
  return lines.join('\n');
}
