// Maps between DOM positions in the rendered article and UTF-16 text offsets. Every text
// segment is an element with data-s (its start offset) holding one text node.

/** Text offset for a DOM (node, offset) position inside the article, or null outside it. */
export function textOffsetAt(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement?.closest<HTMLElement>('[data-s]');
    if (!seg) return null;
    const base = Number(seg.dataset['s']);
    return seg.dataset['chip'] !== undefined ? base : base + offset;
  }
  if (!(node instanceof HTMLElement)) return null;
  // A marker inside a paragraph without an offset of its own (the caret): it stands where the
  // next segment starts.
  if (node.dataset['s'] === undefined && node.parentElement?.classList.contains('para')) {
    return placeOf(node.nextElementSibling, node.parentElement);
  }
  const el = node.closest<HTMLElement>('[data-s]');
  if (!el) {
    // A position between paragraphs (e.g. on the column itself): use the nearest child.
    const child = node.childNodes[Math.min(offset, node.childNodes.length - 1)];
    const para = child instanceof HTMLElement ? (child.querySelector<HTMLElement>('[data-e]') ?? child) : null;
    if (!para?.dataset['s']) return null;
    return offset >= node.childNodes.length
      ? Number(para.dataset['e'] ?? para.dataset['s'])
      : Number(para.dataset['s']);
  }
  const child = el.childNodes[offset];
  if (child instanceof HTMLElement && el.classList.contains('para')) return placeOf(child, el);
  return Number(el.dataset['e'] ?? el.dataset['s']) + (el.dataset['e'] ? 0 : (el.textContent ?? '').length);
}

/** The offset of the first segment from `from` on within a paragraph, else the paragraph's end. */
function placeOf(from: Element | null, para: HTMLElement): number {
  for (let el = from; el; el = el.nextElementSibling) {
    if (el instanceof HTMLElement && el.dataset['s'] !== undefined) return Number(el.dataset['s']);
  }
  return Number(para.dataset['e']);
}

/** Offset under a viewport point (mouse position), via the browser's caret hit-testing. */
export function textOffsetAtPoint(x: number, y: number): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos) return textOffsetAt(pos.offsetNode, pos.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? textOffsetAt(range.startContainer, range.startOffset) : null;
}

/** The viewport rectangle of the character at `offset` (or just before it, at a paragraph's end), if rendered. */
export function rectAtOffset(offset: number): DOMRect | null {
  const segs = [...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg')];
  const measure = (node: Node, from: number, to: number) => {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    return [...range.getClientRects()];
  };
  // The segment holding the character at `offset` (segments are cut at the caret, so the one
  // ending there is only the fallback, for the end of a paragraph).
  let endOf: { node: Node; len: number } | null = null;
  for (const seg of segs) {
    const start = Number(seg.dataset['s']);
    const node = seg.firstChild;
    const len = node?.textContent?.length ?? 0;
    if (!node || len === 0) continue;
    if (offset >= start && offset < start + len) return measure(node, offset - start, offset - start + 1)[0] ?? null;
    if (offset === start + len) endOf = { node, len };
  }
  if (!endOf) return null;
  const r = measure(endOf.node, endOf.len - 1, endOf.len).at(-1);
  return r ? new DOMRect(r.right, r.top, 0, r.height) : null;
}

/**
 * The offset one rendered line above or below `offset` at horizontal position `x` (the column
 * kept across consecutive moves), or null at the first or last rendered line. Steps the
 * hit-test point a few pixels at a time until it reaches another line: lines are taller than
 * their glyphs (underline lanes) and paragraphs have gaps between them.
 */
export function offsetOnNextLine(offset: number, dir: 1 | -1, x: number | null): { offset: number; x: number } | null {
  const rect = rectAtOffset(offset);
  if (!rect) return null;
  const column = x ?? rect.left;
  const mid = rect.top + rect.height / 2;
  for (let dy = 4; dy < 400; dy += 4) {
    const target = textOffsetAtPoint(column, mid + dir * dy);
    if (target === null) continue;
    const r = rectAtOffset(target);
    if (!r) continue;
    const otherLine = dir === 1 ? r.top > rect.bottom - 1 : r.bottom < rect.top + 1;
    if (otherLine) {
      // Found the line; hit it again at its middle (a gap hit lands on the nearest end).
      const settled = textOffsetAtPoint(column, r.top + r.height / 2);
      return { offset: settled ?? target, x: column };
    }
  }
  return null;
}
