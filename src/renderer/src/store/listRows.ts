// The article list's loaded rows: which article is at each index of the filtered list, and
// each article's row by id. Kept in place, so an edit replaces one row (a Map lookup) instead
// of copying every loaded row; the slice's `listRowsVersion` tells components that rows changed.
import type { ArticleListItem } from '../../../shared/model';

export class ListRows {
  private readonly idAt = new Map<number, number>();
  private readonly byId = new Map<number, ArticleListItem>();

  /** The row at `index` of the filtered list, if loaded. */
  at(index: number): ArticleListItem | undefined {
    const id = this.idAt.get(index);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The row of article `id`, if loaded. */
  byArticle(id: number): ArticleListItem | undefined {
    return this.byId.get(id);
  }

  /** Rows loaded from `from` on. */
  put(from: number, items: readonly ArticleListItem[]): void {
    items.forEach((item, i) => {
      this.idAt.set(from + i, item.id);
      this.byId.set(item.id, item);
    });
  }

  /** Replaces the row of article `id` with a patched copy; false when that row is not loaded. */
  patch(id: number, patch: Partial<ArticleListItem>): boolean {
    const row = this.byId.get(id);
    if (!row) return false;
    this.byId.set(id, { ...row, ...patch });
    return true;
  }

  get size(): number {
    return this.idAt.size;
  }
}
