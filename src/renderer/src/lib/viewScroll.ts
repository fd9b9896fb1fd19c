// Whether the reader moved the view away from the caret (the wheel, the scroll bar, a touch
// pad) since the caret last moved: then the next movement key starts in view instead of
// jumping back. The editor's own scrolling (keeping the caret in view) does not count.
let scrolledByReader = false;

export function readerScrolled(): void {
  scrolledByReader = true;
}

/** True once after the reader scrolled; the caret has moved by the time it is asked again. */
export function takeReaderScroll(): boolean {
  const was = scrolledByReader;
  scrolledByReader = false;
  return was;
}
