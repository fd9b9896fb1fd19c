// Keys → articles, in typed arrays: a whole set's keys (millions) held without a JavaScript
// object per entry. Open addressing on the key; each slot heads a chain of (article, next).

export class KeyTable {
  private slots: Int32Array;
  private heads: Int32Array;
  private counts: Int32Array;
  private articles = new Int32Array(1024);
  private next = new Int32Array(1024);
  private used = 0;
  private entries = 0;

  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.counts = new Int32Array(size);
  }

  private slot(key: number): number {
    const mask = this.slots.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (i &= mask; this.heads[i] !== -1 && this.slots[i] !== key; i = (i + 1) & mask);
    return i;
  }

  add(key: number, article: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.grow();
    const i = this.slot(key);
    if (this.heads[i] === -1) {
      this.slots[i] = key;
      this.used++;
    }
    if (this.entries === this.articles.length) {
      const a = new Int32Array(this.entries * 2);
      a.set(this.articles);
      this.articles = a;
      const n = new Int32Array(this.entries * 2);
      n.set(this.next);
      this.next = n;
    }
    this.articles[this.entries] = article;
    this.next[this.entries] = this.heads[i]!;
    this.heads[i] = this.entries++;
    this.counts[i]!++;
  }

  /** How many articles hold the key. */
  count(key: number): number {
    const i = this.slot(key);
    return this.heads[i] === -1 ? 0 : this.counts[i]!;
  }

  /** The articles holding the key, latest first. */
  *get(key: number): Generator<number> {
    const i = this.slot(key);
    for (let e = this.heads[i]!; e !== -1; e = this.next[e]!) yield this.articles[e]!;
  }

  private grow(): void {
    const { slots, heads, counts } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.heads = new Int32Array(slots.length * 2).fill(-1);
    this.counts = new Int32Array(slots.length * 2);
    for (let i = 0; i < slots.length; i++) {
      if (heads[i] === -1) continue;
      const j = this.slot(slots[i]!);
      this.slots[j] = slots[i]!;
      this.heads[j] = heads[i]!;
      this.counts[j] = counts[i]!;
    }
  }
}
