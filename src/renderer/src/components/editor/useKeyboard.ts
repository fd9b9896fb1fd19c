// Keyboard-first editing: one window-level handler mapping keys to store actions. Keys typed
// into form fields are left alone.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../../shared/contract';
import { offsetOnNextLine } from '../../lib/domOffsets';
import { useStore } from '../../store';

function inFormField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Runs a menu command (from the native menu, or its key). */
export function runCommand(command: MenuCommand): void {
  const s = useStore.getState();
  switch (command) {
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
  }
}

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
  const mod = e.ctrlKey || e.metaKey;
  // An import or export sheet owns the keyboard; Esc closes it wherever the focus is.
  if (s.importPaths || s.exportOpen) {
    if (e.key !== 'Escape') return false;
    s.closeJobSheets();
    return true;
  }
  if (e.key === 'Escape') {
    if (s.overlay !== 'none') s.setOverlay('none');
    else if (s.selectedSpanId) s.selectSpan(null);
    else if (s.selection) s.setSelection({ anchor: s.selection.focus, focus: s.selection.focus });
    return true;
  }
  // The find bar does not block the editor: after Enter picks a match, label keys work.
  if ((s.overlay !== 'none' && s.overlay !== 'find') || inFormField(e.target)) return false;
  if (!s.session?.annotator) return false;

  if (mod && e.key.toLowerCase() === 'z') {
    runCommand(e.shiftKey ? 'redo' : 'undo');
    return true;
  }
  if (mod && e.key.toLowerCase() === 'y') {
    runCommand('redo');
    return true;
  }
  if (mod && e.key === 'Enter') {
    runCommand('markDone');
    return true;
  }
  if (mod && e.key === '\\') {
    runCommand('toggleSidePanel');
    return true;
  }
  if (mod && e.key.toLowerCase() === 'f') {
    runCommand('find');
    return true;
  }
  if (mod && e.key === ',') {
    runCommand('openSettings');
    return true;
  }
  if (e.altKey && !e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    runCommand(e.key === 'ArrowDown' ? 'nextArticle' : 'prevArticle');
    return true;
  }
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    const dir = e.key === 'ArrowRight' ? 1 : -1;
    if (s.selectedSpanId && e.shiftKey) {
      s.nudgeSelectedSpan(e.altKey ? 'start' : 'end', dir);
      return true;
    }
    const wordWise = (e.ctrlKey || e.altKey) && !s.selectedSpanId;
    s.moveCaret(dir, wordWise ? 'word' : 'char', e.shiftKey);
    return true;
  }
  if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !mod && !e.altKey && !s.selectedSpanId && s.selection) {
    // By line, keeping the column across consecutive moves, as in a text editor.
    const next = offsetOnNextLine(s.selection.focus, e.key === 'ArrowDown' ? 1 : -1, verticalColumn);
    if (!next) return false;
    verticalColumn = next.x;
    s.setSelection({ anchor: e.shiftKey ? s.selection.anchor : next.offset, focus: next.offset });
    keepColumn = true;
    return true;
  }
  if (mod || e.altKey) return false;

  if (e.key === 'Tab') {
    s.selectAdjacentSpan(e.shiftKey ? -1 : 1);
    return true;
  }
  if (e.key === 'Delete' || e.key === 'Backspace') {
    s.deleteSelectedSpan();
    return true;
  }
  if (e.key === '?') {
    runCommand('showShortcuts');
    return true;
  }
  // Label hotkeys first: a label may take a letter, even C.
  const label = s.labels.find((l) => l.hotkey !== null && l.hotkey === e.key.toLowerCase());
  if (label) {
    s.applyLabel(label.id);
    return true;
  }
  if (e.key.toLowerCase() === 'c' && !e.shiftKey) {
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
