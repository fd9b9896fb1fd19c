// Keyboard-first editing: one window-level handler mapping keys to store actions, by the
// chords of the one keymap (src/shared/keymap.ts) that the menu and the cheat sheet also read.
// Keys typed into form fields are left alone.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../../shared/contract';
import { bindingMatches, KEYMAP, matches, type Binding } from '../../../../shared/keymap';
import { offsetOnNextLine } from '../../lib/domOffsets';
import { useStore } from '../../store';
import { selectReviewMode } from '../../store/review';
import { handleReviewKey, reviewCommand } from '../review/reviewKeys';

function inFormField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Runs a menu command (from the native menu, or its key). */
export function runCommand(command: MenuCommand): void {
  const s = useStore.getState();
  if (selectReviewMode(s) && reviewCommand(command)) return;
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
    case 'showAgreement':
      return void s.openAgreement();
    case 'workPacks':
      return s.openPacksSheet('panel');
    case 'assignWork':
      return s.openPacksSheet('assign');
    case 'exportWork':
      return void s.exportMyWork();
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
  }
}

/** Commands with a chord, except C (label keys may take any letter and win over it). */
const COMMAND_BINDINGS = (Object.values(KEYMAP) as Binding[]).filter(
  (b): b is Binding & { command: MenuCommand } => b.command !== undefined && b.command !== 'toggleSnap',
);

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
  if (selectReviewMode(s)) return false;
  if (s.selectedSpanId && (matches('nudgeEnd', e) || matches('nudgeStart', e))) {
    s.nudgeSelectedSpan(matches('nudgeStart', e) ? 'start' : 'end', e.key === 'ArrowRight' ? 1 : -1);
    return true;
  }
  const horizontal = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
  if (horizontal && (matches('moveChar', e) || matches('selectChar', e))) {
    s.moveCaret(e.key === 'ArrowRight' ? 1 : -1, 'char', e.shiftKey);
    return true;
  }
  if (horizontal && (matches('moveWord', e) || matches('selectWord', e))) {
    // With a span selected, word keys step by character (its boundaries are nudged instead).
    s.moveCaret(e.key === 'ArrowRight' ? 1 : -1, s.selectedSpanId ? 'char' : 'word', e.shiftKey);
    return true;
  }
  if ((matches('moveLine', e) || matches('selectChar', e)) && !s.selectedSpanId && s.selection) {
    // By line, keeping the column across consecutive moves, as in a text editor.
    const next = offsetOnNextLine(s.selection.focus, e.key === 'ArrowDown' ? 1 : -1, verticalColumn);
    if (!next) return false;
    verticalColumn = next.x;
    s.setSelection({ anchor: e.shiftKey ? s.selection.anchor : next.offset, focus: next.offset });
    keepColumn = true;
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
