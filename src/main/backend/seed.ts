import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addArticle } from './articles';
import type { Db } from './db/open';
import { seedDefaultLabels } from './labels';
import { setSetting } from './settings';

const Manifest = z.object({
  articles: z.array(z.object({ file: z.string(), title: z.string(), source: z.string() })),
});

/** Default labels and the guidelines: what every new project starts with. */
export function seedProject(db: Db, resourcesDir: string): void {
  db.transaction(() => {
    seedDefaultLabels(db);
    const guidelines = path.join(resourcesDir, 'guidelines.md');
    setSetting(db, 'guidelines', fs.existsSync(guidelines) ? fs.readFileSync(guidelines, 'utf8') : '');
  })();
}

/** The demo article set, text byte-for-byte as shipped in resources/articles. */
export function seedDemoArticles(db: Db, resourcesDir: string): number {
  const dir = path.join(resourcesDir, 'articles');
  const manifest = Manifest.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  return db.transaction(() => {
    let added = 0;
    for (const entry of manifest.articles) {
      const text = fs.readFileSync(path.join(dir, entry.file), 'utf8');
      if (addArticle(db, { title: entry.title, source: entry.source, text, meta: { demo: true } }).added) added++;
    }
    return added;
  })();
}
