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
