// The article column: title, source and the text as virtualised paragraphs, so that a
// 1 MB article opens as fast as a short one. Mouse selection is read from the DOM and
// turned into offsets; everything else (caret, selection, marks) is drawn from the store.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { sourceLabel } from '../../../../shared/source-label';
import { paragraphs } from '../../../../shared/text';
import { markColor } from '../../lib/contrast';
import { rectAtOffset, textOffsetAt } from '../../lib/domOffsets';
import { paragraphIndexAt } from '../../lib/marks';
import { afterPaint, measureStartup, measureWhenPainted } from '../../lib/perf';
import { preloadPanels } from '../shell/lazyPanels';
import { readerScrolled } from '../../lib/viewScroll';
import { useColorScheme } from '../../lib/useColorScheme';
import { useStore } from '../../store';
import { selectLabelsById } from '../../store/session';
import { selectFocusedSuggestion, selectVisibleSuggestions } from '../../store/suggestions';
import { ArticleActions } from './ArticleActions';
import { Paragraph } from './Paragraph';
import { useParagraphBuckets } from './useParagraphBuckets';
import { visiblePlain } from '../../lib/invisibles';
import { ShownText } from '../text/ShownText';

/** Rough height of a paragraph before it is measured: ~70 characters a line. */
function estimateHeight(length: number): number {
  return Math.max(1, Math.ceil(length / 70)) * 42 + 18;
}

export function ArticleView() {
  const article = useStore((s) => s.article);
  const spans = useStore((s) => s.spans);
  const selection = useStore((s) => s.selection);
  const selectedSpanId = useStore((s) => s.selectedSpanId);
  const spanPicked = useStore((s) => s.spanPicked);
  const flash = useStore((s) => s.flash);
  const suggestions = useStore(selectVisibleSuggestions);
  const focusedSuggestionId = useStore((s) => selectFocusedSuggestion(s)?.id ?? null);
  const acceptSuggestionAt = useStore((s) => s.acceptSuggestionAt);
  const labelsList = useStore((s) => s.labels);
  const scheme = useColorScheme();
  // Marks in the theme's colours: on the dark page a label's colour is lightened to stay readable.
  const labels = useMemo(
    () => selectLabelsById(labelsList.map((l) => ({ ...l, color: markColor(l.color, scheme) }))),
    [labelsList, scheme],
  );
  const setSelection = useStore((s) => s.setSelection);
  const clickAt = useStore((s) => s.clickAt);
  const snap = useStore((s) => s.snap);

  const text = article?.text ?? '';
  const paras = useMemo(() => paragraphs(text), [text]);
  const buckets = useParagraphBuckets(paras, spans);
  const suggestionBuckets = useParagraphBuckets(paras, suggestions);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: paras.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateHeight(paras[i]!.end - paras[i]!.start),
    overscan: 6,
    getItemKey: (i) => `${article?.id ?? 0}:${i}`,
  });

  useLayoutEffect(() => {
    measureWhenPainted('render');
    measureWhenPainted('open');
    if (article) {
      measureStartup();
      afterPaint(preloadPanels);
    }
  }, [article]);
  useLayoutEffect(() => measureWhenPainted('edit'), [spans]);
  useLayoutEffect(() => measureWhenPainted('undo'), [flash]);
  const suggestionsRead = useStore((s) => s.suggestionList);
  useLayoutEffect(() => measureWhenPainted('suggestions'), [suggestionsRead]);

  // Keep the caret, the picked span or an undone change in view (keyboard navigation, Tab,
  // undo). A newly opened article starts at the top unless the caret is further down (an undo
  // that opened it at the change).
  const picked = spanPicked && selectedSpanId ? spans.find((s) => s.id === selectedSpanId) : undefined;
  const focusOffset = flash?.start ?? (picked ? picked.start : selection?.focus);
  const shownArticle = useRef<number | null>(null);
  useEffect(() => {
    const opened = shownArticle.current !== (article?.id ?? null);
    shownArticle.current = article?.id ?? null;
    if (opened) scrollRef.current?.scrollTo({ top: 0 });
    if (focusOffset === undefined || paras.length === 0) return;
    const index = paragraphIndexAt(paras, focusOffset);
    const visible = !opened && virtualizer.getVirtualItems().some((v) => v.index === index);
    if (!visible && index > 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // After the paint, so that an edit's frame is not held up by a forced layout. Paragraphs
    // above the target may be measured taller than estimated: until the target is rendered,
    // scroll to it again.
    const selector = flash ? '.flash' : picked ? '.sel-start' : '.caret';
    const reveal = (attempts: number) =>
      afterPaint(() => {
        const scroller = scrollRef.current;
        if (!scroller) return;
        const el = scroller.querySelector<HTMLElement>(selector);
        if (!el) {
          if (attempts > 0 && index > 0) {
            virtualizer.scrollToIndex(index, { align: 'center' });
            reveal(attempts - 1);
          }
          return;
        }
        const box = el.getBoundingClientRect();
        const view = scroller.getBoundingClientRect();
        if (box.top < view.top || box.bottom > view.bottom) el.scrollIntoView({ block: flash ? 'center' : 'nearest' });
      });
    reveal(3);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article?.id, focusOffset, selectedSpanId, spanPicked, paras, flash?.seq]);

  // Scrolling by the reader (not by the editor) takes the caret along on the next movement key.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onPointerDown = (e: PointerEvent) => {
      if (e.target === el) readerScrolled(); // the scroll bar
    };
    el.addEventListener('wheel', readerScrolled, { passive: true });
    el.addEventListener('touchmove', readerScrolled, { passive: true });
    el.addEventListener('pointerdown', onPointerDown);
    return () => {
      el.removeEventListener('wheel', readerScrolled);
      el.removeEventListener('touchmove', readerScrolled);
      el.removeEventListener('pointerdown', onPointerDown);
    };
  }, [article?.id]);

  // A drag that starts in the text may end anywhere (the margin, the status bar): the
  // selection is read on the window's mouseup.
  const pressed = useRef(false);
  const textRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onMouseUp = (e: MouseEvent) => {
      if (!pressed.current) return;
      pressed.current = false;
      const sel = window.getSelection();
      const container = textRef.current;
      if (!sel || sel.rangeCount === 0 || !container) return;
      // An end outside the text (margin, status bar, side panel) clamps to the rendered text.
      const at = (node: Node | null, offset: number): number | null => {
        if (!node) return null;
        if (container.contains(node)) return textOffsetAt(node, offset);
        const paras = container.querySelectorAll<HTMLElement>('.para');
        if (paras.length === 0) return null;
        // An ancestor's offset is a child index: after the text when past the child holding it.
        const after = node.contains(container)
          ? offset > [...node.childNodes].findIndex((c) => c.contains(container))
          : Boolean(container.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
        return after ? Number(paras[paras.length - 1]!.dataset['e']) : Number(paras[0]!.dataset['s']);
      };
      const anchor = at(sel.anchorNode, sel.anchorOffset);
      const focus = at(sel.focusNode, sel.focusOffset);
      sel.removeAllRanges();
      if (anchor === null || focus === null) return;
      if (anchor !== focus) return setSelection({ anchor, focus });
      // A click: the caret lands before the nearer edge of a character; the character under
      // the pointer is the one before the caret when the click was on its right half.
      const before = focus > 0 ? rectAtOffset(focus - 1) : null;
      const onBefore =
        before !== null &&
        e.clientX >= before.left &&
        e.clientX <= before.right &&
        e.clientY >= before.top &&
        e.clientY <= before.bottom;
      const offset = onBefore ? focus - 1 : focus;
      // A click on a suggestion (where no span is) accepts it.
      if (!acceptSuggestionAt(offset)) clickAt(offset);
    };
    window.addEventListener('mouseup', onMouseUp);
    return () => window.removeEventListener('mouseup', onMouseUp);
  }, [clickAt, setSelection, acceptSuggestionAt]);

  if (!article) return null;
  const selStart = selection ? Math.min(selection.anchor, selection.focus) : null;
  const selEnd = selection ? Math.max(selection.anchor, selection.focus) : null;
  const caret = selection && selection.anchor === selection.focus && !picked ? selection.focus : null;
  const items = virtualizer.getVirtualItems();

  return (
    <div className="article-scroll" ref={scrollRef} data-testid="article-scroll">
      <article className={`article ${snap ? '' : 'char-mode'}`} aria-label={visiblePlain(article.title)}>
        <header className="article-head">
          <h1 data-testid="article-title">
            <ShownText text={article.title} />
          </h1>
          <div className="article-source" title={visiblePlain(article.source)} data-testid="article-source">
            <ShownText text={sourceLabel(article.source, article.meta)} />
          </div>
          <ArticleActions />
        </header>
        {paras.length === 0 ? <p className="empty">This article has no text.</p> : null}
        <div
          className="article-text"
          data-testid="article-text"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          ref={textRef}
          onMouseDown={() => (pressed.current = true)}
        >
          {items.map((v) => {
            const para = paras[v.index]!;
            const inSel =
              selStart !== null && selEnd !== null && selEnd > selStart && selStart < para.end && selEnd > para.start;
            const bucket = buckets[v.index]!;
            const proposed = suggestionBuckets[v.index]!;
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                className="para-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
              >
                <Paragraph
                  index={v.index}
                  para={para}
                  text={text}
                  spans={bucket}
                  suggestions={proposed}
                  focusedSuggestionId={
                    focusedSuggestionId && proposed.some((g) => g.id === focusedSuggestionId)
                      ? focusedSuggestionId
                      : null
                  }
                  labels={labels}
                  selStart={inSel ? Math.max(selStart, para.start) : null}
                  selEnd={inSel ? Math.min(selEnd, para.end) : null}
                  caret={caret !== null && caret >= para.start && caret <= para.end ? caret : null}
                  flash={flash && flash.start < para.end && flash.end > para.start ? flash : null}
                  selectedSpanId={selectedSpanId && bucket.some((s) => s.id === selectedSpanId) ? selectedSpanId : null}
                />
              </div>
            );
          })}
        </div>
      </article>
    </div>
  );
}
