import type { Migration } from './index';

// The article list's rows. An article's row carries its text (~3 KB in a typical set), so it
// fills a page of its own, and a page of the list (200 titles and sources) read from the table
// reads 200 of the file's pages. Every write by another connection (an import, a merge, the
// CLI) empties this connection's page cache, so after an import's commit each page of the list
// the window asks for reads them all again, while the import's checkpoint is still writing the
// file. This index holds the list's columns beside the id, about sixty articles to a page: a
// page of the list reads a handful of pages instead. It costs an import one more b-tree write
// per article.
export const listRows: Migration = {
  version: 11,
  name: 'list-rows',
  step: 'indexing the article list',
  up(db) {
    db.exec('CREATE INDEX articles_list ON articles (id, title, source)');
  },
};
