// Projects of a few synthetic articles of chosen sizes, with nested spans, for the browser
// benches; and reading the app's performance measures back from the page.
import type { Page } from 'playwright-core';
import { addArticle } from '../../src/main/backend/articles';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { Project } from '../../src/main/backend/project';
import { RESOURCES_DIR } from '../../tests/e2e/host/discover';
import { syntheticSpans, syntheticText } from './text';

export interface SizedArticle {
  title: string;
  bytes: number;
  spans: number;
  seed: number;
}

/** Writes the articles (in the order given) with the person `bench`'s spans; their ids by key. */
export function buildSizedProject<K extends string>(
  file: string,
  articles: Record<K, SizedArticle>,
): Record<K, number> {
  const project = Project.open(file, { resourcesDir: RESOURCES_DIR, demo: false });
  project.setAnnotator('bench');
  const annotator = project.requireAnnotator();
  const insert = project.db.prepare(
    `INSERT INTO spans (id, article_id, annotator_id, label_id, start_offset, end_offset, origin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'bench', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  );
  const ids = writeTransaction(project.db, (w) => {
    const out = {} as Record<K, number>;
    for (const key of Object.keys(articles) as K[]) {
      const { title, bytes, spans, seed } = articles[key];
      const text = syntheticText(bytes, seed);
      const { id } = addArticle(w, { title, source: 'bench', text });
      for (const s of syntheticSpans(text, spans))
        insert.run(crypto.randomUUID(), id, annotator, s.label, s.start, s.end);
      out[key] = id;
    }
    return out;
  });
  project.close();
  return ids;
}

/** The durations of the page's performance measures of this name. */
export async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}
