import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addArticle } from './articles';
import { writeTransaction, type ReadDb } from './db/handles';
import { seedDefaultLabels } from './labels';
import { setSetting } from './settings';

const Manifest = z.object({
  articles: z.array(z.object({ file: z.string(), title: z.string(), source: z.string() })),
});

/** Default labels and the guidelines: what every new project starts with. */
export function seedProject(db: ReadDb, resourcesDir: string): void {
  writeTransaction(db, (w) => {
    seedDefaultLabels(w);
    const guidelines = path.join(resourcesDir, 'guidelines.md');
    setSetting(w, 'guidelines', fs.existsSync(guidelines) ? fs.readFileSync(guidelines, 'utf8') : '');
  });
}

/** The demo article set, text byte-for-byte as shipped in resources/articles. */
export function seedDemoArticles(db: ReadDb, resourcesDir: string): number {
  const dir = path.join(resourcesDir, 'articles');
  const manifest = Manifest.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  return writeTransaction(db, (w) => {
    let added = 0;
    for (const entry of manifest.articles) {
      const text = fs.readFileSync(path.join(dir, entry.file), 'utf8');
      if (addArticle(w, { title: entry.title, source: entry.source, text, meta: { demo: true } }).added) added++;
    }
    return added;
  });
}
