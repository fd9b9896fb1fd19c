// The keyboard map as data: the cheat sheet and tooltips read it; useKeyboard implements it.
export interface Shortcut {
  keys: string;
  action: string;
  group: 'Labeling' | 'Spans' | 'Selection' | 'Articles' | 'App';
}

export const SHORTCUTS: Shortcut[] = [
  { keys: '1 – 9', action: 'Apply a label to the selection (or relabel the selected span)', group: 'Labeling' },
  { keys: 'C', action: 'Toggle word snapping / character precision', group: 'Labeling' },
  { keys: 'Tab / Shift+Tab', action: 'Select the next / previous span', group: 'Spans' },
  {
    keys: 'Click a mark',
    action: 'Select the innermost span there; click again for the enclosing one',
    group: 'Spans',
  },
  { keys: 'Delete / Backspace', action: 'Delete the selected span', group: 'Spans' },
  { keys: 'Shift+← / Shift+→', action: 'Move the selected span’s end', group: 'Spans' },
  { keys: 'Alt+Shift+← / Alt+Shift+→', action: 'Move the selected span’s start', group: 'Spans' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', action: 'Undo / redo (across articles)', group: 'Spans' },
  { keys: 'Esc', action: 'Clear the selection', group: 'Spans' },
  { keys: '← / →', action: 'Move the caret one character', group: 'Selection' },
  { keys: 'Ctrl+← / Ctrl+→ (Alt on macOS)', action: 'Move the caret one word', group: 'Selection' },
  { keys: '↑ / ↓', action: 'Move the caret one line', group: 'Selection' },
  { keys: 'Shift+arrows, Ctrl+Shift+arrows', action: 'Select by character or line / by word', group: 'Selection' },
  { keys: 'Drag, double-click', action: 'Select text with the mouse', group: 'Selection' },
  { keys: 'Ctrl+Enter', action: 'Mark the article done and open the next undone one', group: 'Articles' },
  { keys: 'Alt+↓ / Alt+↑', action: 'Next / previous article', group: 'Articles' },
  { keys: '↑ / ↓, Enter (in the list)', action: 'Move through the article list, open', group: 'Articles' },
  { keys: 'Ctrl+F', action: 'Find in the article; Enter selects the next match, ready to label', group: 'Selection' },
  { keys: 'Ctrl+\\', action: 'Show / hide the side panel', group: 'App' },
  { keys: 'Ctrl+,', action: 'Labels and settings', group: 'App' },
  { keys: '?', action: 'This cheat sheet', group: 'App' },
];
