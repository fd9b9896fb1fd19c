// The texts of articles this window has opened, by article id with the text's hash, so that
// opening one again (next/previous, undo across articles, the list) asks for its spans only.
// A text never changes under its article; the hash makes sure. Bounded by characters, oldest
// dropped first.
import type { Article, ArticleRead } from '../../../shared/model';

const MAX_CHARS = 32_000_000;

export class ArticleTexts {
  private readonly texts = new Map<number, { hash: string; text: string }>();
  private chars = 0;

  /** The hash to name the article's text by when asking for it, if this window holds it. */
  hashOf(id: number): string | undefined {
    return this.texts.get(id)?.hash;
  }

  /** The article with its text: the one sent, or the one held when none was. */
  article(read: ArticleRead): Article {
    const id = read.article.id;
    const held = this.texts.get(id);
    let text: string;
    if (read.text !== null) text = read.text;
    else if (held && held.hash === read.textHash) text = held.text;
    else throw new Error(`the text of article ${id} was not sent and is not held`);
    this.remember(id, read.textHash, text);
    return { ...read.article, text };
  }

  /** Forgets every text (another project: its article ids name other articles). */
  clear(): void {
    this.texts.clear();
    this.chars = 0;
  }

  private remember(id: number, hash: string, text: string): void {
    const held = this.texts.get(id);
    if (held) {
      this.texts.delete(id);
      this.chars -= held.text.length;
    }
    this.texts.set(id, { hash, text });
    this.chars += text.length;
    for (const [oldest, entry] of this.texts) {
      if (this.chars <= MAX_CHARS || oldest === id) break;
      this.texts.delete(oldest);
      this.chars -= entry.text.length;
    }
  }
}
