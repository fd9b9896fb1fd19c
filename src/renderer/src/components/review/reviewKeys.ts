// Keyboard adjudication: the review mode's keys, by the chords of the one keymap. The editor's
// handler (components/editor/useKeyboard.ts) hands every key to this one while review mode is on.
import type { MenuCommand } from '../../../../shared/contract';
import { bindingMatches, KEYMAP, matches, type Binding } from '../../../../shared/keymap';
import { useStore } from '../../store';

/** Runs an action (a promise's errors land in the status bar through the store) and takes the key. */
function run(action: () => unknown): true {
  void action();
  return true;
}

/** What an open gold edit says to a key or command that would act elsewhere and drop it. */
export const EDIT_OPEN = 'Enter records the edit, Esc drops it';

/** Commands that would leave or overwrite the open gold edit. */
const LEAVES_EDIT: ReadonlySet<MenuCommand> = new Set(['redo', 'markDone', 'nextArticle', 'prevArticle']);

/** Menu commands that mean something else while reviewing; false when the editor's meaning holds. */
export function reviewCommand(command: MenuCommand): boolean {
  const s = useStore.getState();
  // While the edit is open, Undo steps back within it; Redo or Mark done would act on another
  // decision or article and drop it.
  if (s.goldEdit && command === 'undo') return (s.stepBackGoldEdit(), true);
  if (s.goldEdit && LEAVES_EDIT.has(command)) return (s.notify(EDIT_OPEN), true);
  switch (command) {
    case 'undo':
      return run(() => s.undoReview());
    case 'redo':
      return run(() => s.redoReview());
    case 'markDone':
      return run(() => s.adjudicateAndNext());
    case 'nextArticle':
      return run(() => s.goQueueArticle(1));
    case 'prevArticle':
      return run(() => s.goQueueArticle(-1));
    case 'toggleSnap':
    case 'find':
    case 'labelOccurrences':
      // The review view has no caret to snap or search from, and no span of its own to look for.
      return true;
    default:
      return false;
  }
}

/** The keys of the review view; true when the key was taken. */
export function handleReviewKey(e: KeyboardEvent): boolean {
  const s = useStore.getState();
  if (s.goldEdit) return handleEditKey(e);
  if (matches('undoDecision', e)) return run(() => s.undoReview());
  if (matches('redoDecision', e)) return run(() => s.redoReview());
  if (matches('adjudicate', e)) return run(() => s.adjudicateAndNext());
  if (matches('highlightVersion', e)) {
    s.moveVersion(e.key === 'ArrowUp' || (e.key === 'Tab' && e.shiftKey) ? -1 : 1);
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (matches('nextConflict', e)) return run(() => s.goConflict(1));
  if (matches('prevConflict', e)) return run(() => s.goConflict(-1));
  if (matches('acceptVersion', e)) return run(() => s.acceptHighlighted());
  if (matches('rejectCluster', e)) return run(() => s.rejectCluster());
  if (matches('editGold', e)) return run(() => s.startGoldEdit());
  if (/^[1-9]$/.test(e.key) && !e.shiftKey) return (void s.takeVersion(Number(e.key)), true);
  return false;
}

/** While a gold span is edited: the editor's nudge keys, label hotkeys, Ctrl+Z within it, Enter and Esc. */
function handleEditKey(e: KeyboardEvent): boolean {
  const s = useStore.getState();
  if (matches('cancelEdit', e)) return run(() => s.cancelGoldEdit());
  if (matches('recordEdit', e)) return run(() => s.recordGoldEdit());
  if (matches('nudgeStart', e) || matches('nudgeEnd', e)) {
    s.nudgeGoldEdit(matches('nudgeStart', e) ? 'start' : 'end', e.key === 'ArrowRight' ? 1 : -1);
    return true;
  }
  if (matches('undoDecision', e)) return (s.stepBackGoldEdit(), true);
  if (e.ctrlKey || e.metaKey || e.altKey) {
    // A chord of the keymap (Ctrl+Z, Ctrl+Enter, …) would act elsewhere: the keys are the edit's.
    if (!(Object.values(KEYMAP) as Binding[]).some((b) => bindingMatches(b, e))) return false;
    s.notify(EDIT_OPEN);
    return true;
  }
  const label = s.labels.find((l) => l.hotkey !== null && l.hotkey === e.key.toLowerCase());
  if (label) return run(() => s.relabelGoldEdit(label.id));
  return false;
}
