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

/** The paragraph element that renders `offset`, if it is rendered. */
function paraElementAt(offset: number): HTMLElement | null {
  for (const p of document.querySelectorAll<HTMLElement>('[data-testid=article-text] .para')) {
    if (offset >= Number(p.dataset['s']) && offset <= Number(p.dataset['e'])) return p;
  }
  return null;
}

/** The offset at the start (-1) or end (1) of the rendered line holding `offset`, or null if not rendered. */
export function lineEdge(text: string, offset: number, dir: 1 | -1): number | null {
  const rect = rectAtOffset(offset);
  const para = paraElementAt(offset);
  if (!rect || !para) return null;
  const box = para.getBoundingClientRect();
  const y = rect.top + rect.height / 2;
  let at = textOffsetAtPoint(dir === 1 ? box.right - 1 : box.left + 1, y);
  if (at === null) return null;
  const start = Number(para.dataset['s']);
  const end = Number(para.dataset['e']);
  at = Math.max(start, Math.min(end, at));
  // A wrapped line ends before the space it wraps at.
  if (dir === 1) while (at > start && at > offset && /\s/.test(text[at - 1]!)) at--;
  return at;
}

function scroller(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid=article-scroll]');
}

/** The first text offset at the top of the article's view. */
function firstOffsetInView(): number | null {
  const view = scroller()?.getBoundingClientRect();
  if (!view) return null;
  for (const p of document.querySelectorAll<HTMLElement>('[data-testid=article-text] .para')) {
    const box = p.getBoundingClientRect();
    if (box.bottom <= view.top + 4) continue;
    return textOffsetAtPoint(box.left + 1, Math.max(box.top, view.top) + 12) ?? Number(p.dataset['s']);
  }
  return null;
}

/**
 * When the view was scrolled away from the caret (the wheel, the scroll bar), the offset at
 * the top of the view, where the next movement key should start; null when the caret is in view.
 */
export function caretOutOfView(offset: number): number | null {
  const view = scroller()?.getBoundingClientRect();
  if (!view) return null;
  const rect = paraElementAt(offset) ? rectAtOffset(offset) : null;
  if (rect && rect.bottom > view.top && rect.top < view.bottom) return null;
  return firstOffsetInView();
}

/** Scrolls the article a page up or down; resolves with the offset at the same place in the new view. */
export function scrollPage(offset: number, dir: 1 | -1): Promise<number | null> {
  const el = scroller();
  if (!el) return Promise.resolve(null);
  const view = el.getBoundingClientRect();
  const rect = rectAtOffset(offset);
  const inView = rect && rect.bottom > view.top && rect.top < view.bottom;
  const x = inView ? rect.left : view.left + view.width / 2;
  const y = inView ? rect.top + rect.height / 2 : view.top + 24;
  const before = el.scrollTop;
  el.scrollBy({ top: dir * Math.max(40, el.clientHeight - 60), behavior: 'instant' });
  if (el.scrollTop === before) {
    // Already at the top or bottom: the caret goes to the first or last line in view.
    return Promise.resolve(dir === 1 ? null : firstOffsetInView());
  }
  // The virtualised paragraphs for the new position render in the next frame.
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const at = textOffsetAtPoint(Math.max(x, 0), y);
        resolve(at ?? firstOffsetInView());
      }),
    ),
  );
}
