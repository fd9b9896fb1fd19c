// Keyboard-first editing: one window-level handler mapping keys to store actions, by the
// chords of the one keymap (src/shared/keymap.ts) that the menu and the cheat sheet also read.
// Keys typed into form fields are left alone.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../../shared/contract';
import { bindingMatches, KEYMAP, matches, type Binding, type BindingId } from '../../../../shared/keymap';
import {
  nextParagraphStart,
  nextSentenceStart,
  paragraphAt,
  prevParagraphStart,
  prevSentenceStart,
} from '../../../../shared/textUnits';
import { caretOutOfView, lineEdge, offsetOnNextLine, scrollPage } from '../../lib/domOffsets';
import { takeReaderScroll } from '../../lib/viewScroll';
import { useStore } from '../../store';
import { caretAt, selectKeyMode, selectSelectedSpan, type TextUnit } from '../../store/selection';
import { selectReviewMode } from '../../store/review';
import { selectFocusedSuggestion } from '../../store/suggestions';
import { handleReviewKey, reviewCommand } from '../review/reviewKeys';

function inFormField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Enter on a focused button or list belongs to it. */
function onControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a, [role=button], [role=listbox]') !== null;
}

const SUGGESTION_COMMANDS = new Set<MenuCommand>([
  'nextSuggestion',
  'prevSuggestion',
  'acceptAllSuggestions',
  'dismissAllSuggestions',
  'showCopies',
]);

/** Runs a menu command (from the native menu, or its key). */
export function runCommand(command: MenuCommand): void {
  const s = useStore.getState();
  if (selectReviewMode(s) && reviewCommand(command)) return;
  // Suggestions belong to the editor, which review mode does not show.
  if (selectReviewMode(s) && SUGGESTION_COMMANDS.has(command)) return;
  switch (command) {
    case 'toggleReviewMode':
      return void s.setReviewMode(!selectReviewMode(s));
    case 'undo':
      return void s.undo();
    case 'redo':
      return void s.redo();
    case 'markDone':
      return void s.markDoneAndNext();
    case 'nextArticle':
      return void s.goArticle(1);
    case 'prevArticle':
      return void s.goArticle(-1);
    case 'toggleSnap':
      return s.toggleSnap();
    case 'toggleSidePanel':
      return s.toggleSidePanel();
    case 'openSettings':
      return s.setOverlay('settings');
    case 'showShortcuts':
      return s.setOverlay('shortcuts');
    case 'find':
      return s.openFind();
    case 'searchAll':
      return s.openSearch();
    case 'showAgreement':
      return void s.openAgreement();
    case 'workPacks':
      return s.openPacksSheet('panel');
    case 'assignWork':
      return s.openPacksSheet('assign');
    case 'exportWork':
      return void s.exportMyWork();
    case 'restoreBackup':
      return void s.openBackups();
    case 'openProject':
      return void s.chooseProject();
    case 'importFiles':
      return void s.chooseImport();
    case 'exportProject':
      return void s.openExport();
    case 'skipArticle':
      return void s.skipAndNext();
    case 'flagArticle':
      return s.article ? s.setOverlay('flag') : undefined;
    case 'reopenArticle':
      return void s.reopenArticle();
    case 'labelOccurrences':
      return s.openOccurrences();
    case 'nextSuggestion':
      return s.focusSuggestion(1);
    case 'prevSuggestion':
      return s.focusSuggestion(-1);
    case 'acceptAllSuggestions':
      return void s.acceptAllSuggestions();
    case 'dismissAllSuggestions':
      return void s.dismissAllSuggestions();
    case 'showCopies':
      return s.focusCopies();
  }
}

/** Commands with a chord, except C (label keys may take any letter and win over it). */
const COMMAND_BINDINGS = (Object.values(KEYMAP) as Binding[]).filter(
  (b): b is Binding & { command: MenuCommand } => b.command !== undefined && b.command !== 'toggleSnap',
);

/** Keys that move the caret or select from it: they start in view (see caretOutOfView). */
const MOVEMENT: BindingId[] = [
  'moveChar',
  'moveWord',
  'moveLine',
  'selectChar',
  'selectWord',
  'moveLineEdge',
  'moveSentence',
  'moveParagraph',
  'selectQuotation',
  'selectClause',
  'selectSentence',
];

const UNITS: [BindingId, TextUnit][] = [
  ['selectQuotation', 'quotation'],
  ['selectClause', 'clause'],
  ['selectSentence', 'sentence'],
];

/** The x position that Up/Down keep while they are pressed in a row. */
let verticalColumn: number | null = null;
let keepColumn = false;

export function handleKey(e: KeyboardEvent): boolean {
  const handled = dispatchKey(e);
  if (!keepColumn) verticalColumn = null;
  keepColumn = false;
  return handled;
}

function dispatchKey(e: KeyboardEvent): boolean {
  const s = useStore.getState();
  // An import or export sheet owns the keyboard; Esc closes it wherever the focus is.
  if (s.importPaths || s.exportOpen) {
    if (!matches('escape', e)) return false;
    s.closeJobSheets();
    return true;
  }
  // Review mode takes its keys first (Esc ends a gold edit before it closes anything).
  if (selectReviewMode(s) && s.overlay === 'none' && !inFormField(e.target) && handleReviewKey(e)) return true;
  if (matches('escape', e)) {
    if (s.overlay !== 'none') s.setOverlay('none');
    else if (s.selectedSpanId) s.selectSpan(null);
    else if (s.selection) s.setSelection({ anchor: s.selection.focus, focus: s.selection.focus });
    return true;
  }
  // The find bar does not block the editor: after Enter picks a match, label keys work.
  if ((s.overlay !== 'none' && s.overlay !== 'find') || inFormField(e.target)) return false;
  if (!s.session?.annotator) return false;

  // The ? key is typed with Shift: it is checked before label keys so a label cannot take it.
  const command = COMMAND_BINDINGS.find((b) => bindingMatches(b, e));
  if (command) {
    runCommand(command.command);
    return true;
  }
  // The editor's keys act on the editor, which review mode does not show.
  if (selectReviewMode(s) || !s.article) return false;
  if (s.flash) useStore.setState({ flash: null });
  // Enter and Delete on a focused suggestion accept and dismiss it (the caret is where focusing put it).
  const suggestion = selectFocusedSuggestion(s);
  if (suggestion && matches('acceptSuggestion', e) && !onControl(e.target)) {
    void s.acceptSuggestion(suggestion.id, { focusNext: true });
    return true;
  }
  if (suggestion && matches('dismissSuggestion', e)) {
    void s.dismissSuggestion(suggestion.id);
    return true;
  }
  if (matches('pickSpan', e)) {
    if (onControl(e.target)) return false;
    s.pickSpan();
    return true;
  }
  const text = s.article.text;
  const picked = selectKeyMode(s) === 'span' ? selectSelectedSpan(s) : undefined;
  if (picked && (matches('nudgeEnd', e) || matches('nudgeStart', e))) {
    s.nudgeSelectedSpan(matches('nudgeStart', e) ? 'start' : 'end', e.key === 'ArrowRight' ? 1 : -1);
    return true;
  }
  const movement = MOVEMENT.some((id) => matches(id, e));
  // After the reader scrolled the view away from the caret (wheel, scroll bar), movement starts in view.
  if (movement && takeReaderScroll() && !picked && s.selection && s.selection.anchor === s.selection.focus) {
    const top = caretOutOfView(s.selection.focus);
    if (top !== null) s.setSelection(caretAt(top));
  }
  const st = useStore.getState();
  const back = e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'PageUp' || e.key === '(';
  // Where a move starts: the caret, or the picked span's edge in the direction of the move.
  const focus = picked ? (back ? picked.start : picked.end) : (st.selection?.focus ?? 0);
  const horizontal = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
  if (horizontal && (matches('moveChar', e) || matches('selectChar', e))) {
    st.moveCaret(e.key === 'ArrowRight' ? 1 : -1, 'char', e.shiftKey);
    return true;
  }
  if (horizontal && (matches('moveWord', e) || matches('selectWord', e))) {
    st.moveCaret(e.key === 'ArrowRight' ? 1 : -1, 'word', e.shiftKey);
    return true;
  }
  if (matches('moveParagraph', e)) {
    st.moveTo(back ? prevParagraphStart(text, focus) : nextParagraphStart(text, focus), e.shiftKey);
    return true;
  }
  if (matches('moveLine', e) || matches('selectChar', e)) {
    // By line, keeping the column across consecutive moves, as in a text editor.
    const next = offsetOnNextLine(focus, e.key === 'ArrowDown' ? 1 : -1, verticalColumn);
    if (!next) return false;
    verticalColumn = next.x;
    st.moveTo(next.offset, e.shiftKey);
    keepColumn = true;
    return true;
  }
  if (matches('moveLineEdge', e)) {
    const edge = lineEdge(text, focus, back ? -1 : 1);
    const para = paragraphAt(text, focus);
    st.moveTo(edge ?? (back ? para.start : para.end), e.shiftKey);
    return true;
  }
  if (matches('moveArticleEdge', e)) {
    st.moveTo(back ? 0 : text.length, e.shiftKey);
    return true;
  }
  if (matches('moveSentence', e)) {
    st.moveTo(back ? prevSentenceStart(text, focus) : nextSentenceStart(text, focus), false);
    return true;
  }
  if (matches('movePage', e)) {
    const extend = e.shiftKey;
    void scrollPage(focus, back ? -1 : 1).then((at) => {
      if (at !== null) useStore.getState().moveTo(at, extend);
    });
    return true;
  }
  const unit = UNITS.find(([id]) => matches(id, e));
  if (unit) {
    st.selectUnit(unit[1]);
    return true;
  }
  if (matches('walkSpans', e)) {
    s.selectAdjacentSpan(e.shiftKey ? -1 : 1);
    return true;
  }
  if (matches('deleteSpan', e)) {
    s.deleteSelectedSpan();
    return true;
  }
  // Alt with a label key: character precision for this one span. Read from the physical key,
  // since Alt (Option) changes the character typed on some layouts.
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    const key = /^(?:Digit|Key)(.)$/.exec(e.code)?.[1]?.toLowerCase();
    const precise = key ? s.labels.find((l) => l.hotkey === key) : undefined;
    if (precise) {
      s.applyLabel(precise.id, { precise: true });
      return true;
    }
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  // Label hotkeys first: a label may take a letter, even C.
  const label = s.labels.find((l) => l.hotkey !== null && l.hotkey === e.key.toLowerCase());
  if (label) {
    s.applyLabel(label.id);
    return true;
  }
  if (matches('toggleSnap', e)) {
    runCommand('toggleSnap');
    return true;
  }
  return false;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleKey(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
