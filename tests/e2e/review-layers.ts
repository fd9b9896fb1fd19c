// Annotators' layers written into a project file as merged work packs would leave them: each
// person's spans on an article, the article marked done by them. Its own connection to the
// file, so it serves either host (the app keeps its connection open; WAL lets both in).
import { ensureAnnotator } from '../../src/main/backend/annotators';
import { writeTransaction } from '../../src/main/backend/db/handles';
import { openDb } from '../../src/main/backend/db/open';
import { createSpan } from '../../src/main/backend/spans';
import { setStatus } from '../../src/main/backend/status';

/** Per annotator: [text to find in the article, label] (the first occurrence is labelled). */
export type LayerSpec = Record<string, [string, string][]>;

export function writeLayers(projectFile: string, articleId: number, layers: LayerSpec): void {
  const { db } = openDb(projectFile);
  try {
    const text = (db.prepare('SELECT text FROM articles WHERE id = ?').get(articleId) as { text: string }).text;
    const labelId = (name: string) =>
      (db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number }).id;
    for (const [who, spans] of Object.entries(layers)) {
      const annotator = writeTransaction(db, (w) => ensureAnnotator(w, who).id);
      for (const [phrase, label] of spans) {
        const start = text.indexOf(phrase);
        if (start < 0) throw new Error(`${JSON.stringify(phrase)} is not in article ${articleId}`);
        createSpan(db, annotator, { articleId, labelId: labelId(label), start, end: start + phrase.length });
      }
      writeTransaction(db, (w) => setStatus(w, annotator, articleId, 'done'));
    }
  } finally {
    db.close();
  }
}
