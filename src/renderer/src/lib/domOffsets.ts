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
  if (child instanceof HTMLElement && child.dataset['s'] !== undefined) return Number(child.dataset['s']);
  return Number(el.dataset['e'] ?? el.dataset['s']) + (el.dataset['e'] ? 0 : (el.textContent ?? '').length);
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
  const segs = document.querySelectorAll<HTMLElement>('[data-testid=article-text] .seg');
  for (const seg of segs) {
    const start = Number(seg.dataset['s']);
    const node = seg.firstChild;
    const len = node?.textContent?.length ?? 0;
    if (!node || offset < start || offset > start + len) continue;
    if (offset === start + len && len > 0) {
      // The end of a segment: measure its last character and use its right edge.
      const range = document.createRange();
      range.setStart(node, len - 1);
      range.setEnd(node, len);
      const r = [...range.getClientRects()].at(-1);
      return r ? new DOMRect(r.right, r.top, 0, r.height) : null;
    }
    const range = document.createRange();
    range.setStart(node, offset - start);
    range.setEnd(node, Math.min(len, offset - start + 1));
    return range.getClientRects()[0] ?? null;
  }
  return null;
}

/**
 * The offset one line above or below `offset` at horizontal position `x` (the column kept
 * across consecutive moves), or null when that line is not rendered.
 */
export function offsetOnNextLine(offset: number, dir: 1 | -1, x: number | null): { offset: number; x: number } | null {
  const rect = rectAtOffset(offset);
  if (!rect) return null;
  const para = [...document.querySelectorAll<HTMLElement>('[data-testid=article-text] .para')].find(
    (p) => Number(p.dataset['s']) <= offset && offset <= Number(p.dataset['e']),
  );
  const lineHeight = para ? parseFloat(getComputedStyle(para).lineHeight) || rect.height * 1.6 : rect.height * 1.6;
  const column = x ?? rect.left;
  const y = rect.top + rect.height / 2 + dir * lineHeight;
  const target = textOffsetAtPoint(column, y);
  return target === null || target === offset ? null : { offset: target, x: column };
}
