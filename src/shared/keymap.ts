// Every key binding, once: the renderer's key handler matches key events against these chords,
// Electron's menu shows them as accelerators, and the `?` cheat sheet lists them. A chord is
// `Mod+Shift+Z`-style: Mod is Ctrl (Cmd on macOS), then Alt, Shift and the key (KeyboardEvent.key).
import type { MenuCommand } from './contract';

export type KeyGroup =
  'Labeling' | 'Spans' | 'Selection' | 'Every occurrence' | 'Suggestions' | 'Articles' | 'Review' | 'App';

export interface Binding {
  /** The chords that trigger it; empty for bindings that are not single chords (label keys, mouse). */
  chords: readonly string[];
  /** What the cheat sheet shows, when the chords alone would not say it. */
  display?: string;
  action: string;
  group: KeyGroup;
  /** The menu command it runs (from the key or from the native menu). */
  command?: MenuCommand;
  /** Listed in the cheat sheet by its pair (undo shows redo's keys too). */
  shownWith?: string;
}

export const KEYMAP = {
  label: {
    chords: [],
    display: '1 – 9',
    action: 'Apply a label to the selection (or relabel the selected span)',
    group: 'Labeling',
  },
  toggleSnap: {
    chords: ['C'],
    action: 'Toggle word snapping / character precision',
    group: 'Labeling',
    command: 'toggleSnap',
  },
  walkSpans: {
    chords: ['Tab', 'Shift+Tab'],
    display: 'Tab / Shift+Tab',
    action: 'Select the next / previous span',
    group: 'Spans',
  },
  clickMark: {
    chords: [],
    display: 'Click a mark',
    action: 'Select the innermost span there; click again for the enclosing one',
    group: 'Spans',
  },
  deleteSpan: {
    chords: ['Delete', 'Backspace'],
    display: 'Delete / Backspace',
    action: 'Delete the selected span',
    group: 'Spans',
  },
  nudgeEnd: {
    chords: ['Shift+ArrowLeft', 'Shift+ArrowRight', 'Mod+Shift+ArrowLeft', 'Mod+Shift+ArrowRight'],
    display: 'Shift+← / Shift+→ (span selected)',
    action: 'Move the selected span’s end (only once a span is selected: Tab, a click or Enter)',
    group: 'Spans',
  },
  nudgeStart: {
    chords: ['Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowRight', 'Mod+Alt+Shift+ArrowLeft', 'Mod+Alt+Shift+ArrowRight'],
    display: 'Alt+Shift+← / Alt+Shift+→ (span selected)',
    action: 'Move the selected span’s start',
    group: 'Spans',
  },
  undo: {
    chords: ['Mod+Z'],
    display: 'Ctrl+Z / Ctrl+Shift+Z',
    action: 'Undo / redo (across articles)',
    group: 'Spans',
    command: 'undo',
  },
  redo: { chords: ['Mod+Shift+Z', 'Mod+Y'], action: 'Redo', group: 'Spans', command: 'redo', shownWith: 'undo' },
  escape: { chords: ['Escape'], display: 'Esc', action: 'Clear the selection', group: 'Spans' },
  moveChar: {
    chords: ['ArrowLeft', 'ArrowRight'],
    display: '← / →',
    action: 'Move the caret one character',
    group: 'Selection',
  },
  moveWord: {
    chords: ['Mod+ArrowLeft', 'Mod+ArrowRight', 'Alt+ArrowLeft', 'Alt+ArrowRight'],
    display: 'Ctrl+← / Ctrl+→ (Alt on macOS)',
    action: 'Move the caret one word',
    group: 'Selection',
  },
  moveLine: {
    chords: ['ArrowUp', 'ArrowDown'],
    display: '↑ / ↓',
    action: 'Move the caret one line',
    group: 'Selection',
  },
  selectChar: {
    chords: ['Shift+ArrowLeft', 'Shift+ArrowRight', 'Shift+ArrowUp', 'Shift+ArrowDown'],
    display: 'Shift+arrows',
    action: 'Select by character or line, from the caret (after a new span too: it is not resized)',
    group: 'Selection',
  },
  selectWord: {
    chords: ['Mod+Shift+ArrowLeft', 'Mod+Shift+ArrowRight', 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowRight'],
    display: 'Ctrl+Shift+← / →',
    action: 'Select by word',
    group: 'Selection',
  },
  mouseSelect: { chords: [], display: 'Drag, double-click', action: 'Select text with the mouse', group: 'Selection' },
  // Moving and selecting by the units of news text (src/shared/textUnits.ts); Shift extends.
  pickSpan: {
    chords: ['Enter'],
    action: 'Select the span just made, or the innermost span at the caret (again: the enclosing one), to resize it',
    group: 'Spans',
  },
  moveLineEdge: {
    chords: ['Home', 'End', 'Shift+Home', 'Shift+End'],
    display: 'Home / End',
    action: 'To the start / end of the line (Shift selects)',
    group: 'Selection',
  },
  moveArticleEdge: {
    chords: ['Mod+Home', 'Mod+End', 'Mod+Shift+Home', 'Mod+Shift+End'],
    display: 'Ctrl+Home / Ctrl+End',
    action: 'To the start / end of the article (Shift selects)',
    group: 'Selection',
  },
  moveSentence: {
    chords: ['(', ')'],
    display: '( / )',
    action: 'To the previous / next sentence',
    group: 'Selection',
  },
  moveParagraph: {
    chords: ['Mod+ArrowUp', 'Mod+ArrowDown', 'Mod+Shift+ArrowUp', 'Mod+Shift+ArrowDown'],
    display: 'Ctrl+↑ / Ctrl+↓',
    action: 'To the previous / next paragraph (Shift selects)',
    group: 'Selection',
  },
  movePage: {
    chords: ['PageUp', 'PageDown', 'Shift+PageUp', 'Shift+PageDown'],
    display: 'PageUp / PageDown',
    action: 'Scroll a page; the caret moves with the view (Shift selects)',
    group: 'Selection',
  },
  selectQuotation: {
    chords: ['"'],
    action: 'Select the whole quotation around the caret (between its quote marks); again: the enclosing one',
    group: 'Selection',
  },
  selectClause: {
    chords: [','],
    action: 'Select the clause around the caret (between commas, colons, dashes, quote marks)',
    group: 'Selection',
  },
  selectSentence: {
    chords: ['.'],
    action: 'Select the sentence around the caret',
    group: 'Selection',
  },
  preciseLabel: {
    chords: [],
    display: 'Alt+1 – 9',
    action: 'Label with character precision, for this span only (no snapping to words)',
    group: 'Labeling',
  },

  // Every occurrence (docs/across.md): the offer after a label, its preview and what it applies.
  // The preview's own keys take Alt, so that no label key is taken from the editor for them.
  labelOccurrences: {
    chords: ['Mod+Shift+L'],
    action:
      'Label every occurrence of the span just labelled (or the selected span): a preview of them, in this article or the whole set',
    group: 'Every occurrence',
    command: 'labelOccurrences',
  },
  occurrenceScope: {
    chords: ['Alt+S'],
    display: 'Alt+S (preview)',
    action: 'This article / the whole set',
    group: 'Every occurrence',
  },
  occurrenceCase: {
    chords: ['Alt+C'],
    display: 'Alt+C (preview)',
    action: 'Case-sensitive on / off',
    group: 'Every occurrence',
  },
  applyOccurrences: {
    chords: ['Enter'],
    display: 'Enter (preview)',
    action: 'Label them all, in one step (Ctrl+Z takes them all back, in every article)',
    group: 'Every occurrence',
  },
  closeOccurrences: {
    chords: ['Escape'],
    display: 'Esc (preview)',
    action: 'Close the preview',
    group: 'Every occurrence',
  },

  find: {
    chords: ['Mod+F'],
    action: 'Find in the article; Enter selects the next match, ready to label',
    group: 'Selection',
    command: 'find',
  },
  searchAll: {
    chords: ['Mod+Shift+F'],
    action: 'Search all articles: ↓ / ↑ walk the hits, Enter opens one selected, ready to label',
    group: 'Selection',
    command: 'searchAll',
  },
  labelAllHits: {
    chords: [],
    display: 'Alt+1 – 9 (search)',
    action: 'Label every hit of the search as that label: a preview first, Enter applies, one undo',
    group: 'Labeling',
  },
  markDone: {
    chords: ['Mod+Enter'],
    action: 'Mark the article done and open the next undone one',
    group: 'Articles',
    command: 'markDone',
  },
  nextArticle: {
    chords: ['Alt+ArrowDown'],
    display: 'Alt+↓ / Alt+↑',
    action: 'Next / previous article',
    group: 'Articles',
    command: 'nextArticle',
  },
  prevArticle: {
    chords: ['Alt+ArrowUp'],
    action: 'Previous article',
    group: 'Articles',
    command: 'prevArticle',
    shownWith: 'nextArticle',
  },
  listKeys: {
    chords: [],
    display: '↑ / ↓, Enter (in the list)',
    action: 'Move through the article list, open',
    group: 'Articles',
  },
  toggleReviewMode: {
    chords: ['Mod+Shift+R'],
    action: 'Review mode on / off: every annotator’s layer and the gold layer, the review queue',
    group: 'Review',
    command: 'toggleReviewMode',
  },
  nextConflict: {
    chords: ['J'],
    display: 'J / K',
    action: 'Next / previous open conflict (after the last one, the next article with open conflicts)',
    group: 'Review',
  },
  prevConflict: { chords: ['K'], action: 'Previous open conflict', group: 'Review', shownWith: 'nextConflict' },
  takeVersion: {
    chords: [],
    display: '1 – 9 (review)',
    action: 'Take that annotator’s version into gold',
    group: 'Review',
  },
  highlightVersion: {
    chords: ['ArrowDown', 'ArrowUp', 'Tab', 'Shift+Tab'],
    display: '↑ / ↓ or Tab (review)',
    action: 'Highlight the next / previous version',
    group: 'Review',
  },
  acceptVersion: { chords: ['A'], action: 'Accept the highlighted version', group: 'Review' },
  rejectCluster: { chords: ['R'], action: 'Reject: no span here (recorded as a decision)', group: 'Review' },
  editGold: {
    chords: ['E'],
    action:
      'Edit the gold span, starting from the highlighted version: Shift+← / → moves its end, Alt+Shift+← / → its start, label keys relabel, Ctrl+Z steps back',
    group: 'Review',
  },
  recordEdit: { chords: ['Enter'], display: 'Enter (editing)', action: 'Record the edited gold span', group: 'Review' },
  cancelEdit: { chords: ['Escape'], display: 'Esc (editing)', action: 'Cancel the edit', group: 'Review' },
  undoDecision: {
    chords: ['Mod+Z'],
    display: 'Ctrl+Z / Ctrl+Shift+Z (review)',
    action: 'Undo your last decision (a policy run at once) / record it again',
    group: 'Review',
  },
  redoDecision: {
    chords: ['Mod+Shift+Z', 'Mod+Y'],
    action: 'Record the undone decision again',
    group: 'Review',
    shownWith: 'undoDecision',
  },
  adjudicate: {
    chords: ['Mod+Enter'],
    display: 'Ctrl+Enter (review)',
    action: 'Mark the article adjudicated and open the next with open conflicts',
    group: 'Review',
  },
  queueKeys: {
    chords: [],
    display: '↑ / ↓, Enter (in the queue)',
    action: 'Move through the review queue, open',
    group: 'Review',
  },
  toggleSidePanel: {
    chords: ['Mod+\\'],
    action: 'Show / hide the side panel',
    group: 'App',
    command: 'toggleSidePanel',
  },
  showAgreement: {
    chords: ['Mod+Shift+A'],
    action: 'Agreement between annotators: matrix, alpha per label, against gold',
    group: 'Review',
    command: 'showAgreement',
  },
  openSettings: { chords: ['Mod+,'], action: 'Labels and settings', group: 'App', command: 'openSettings' },
  showShortcuts: {
    chords: ['?'],
    action: 'The keyboard shortcuts (this sheet)',
    group: 'App',
    command: 'showShortcuts',
  },
  workPacks: {
    chords: ['Mod+Shift+P'],
    action: 'Work packs: assign, open, import, export my work, inbox folder',
    group: 'App',
    command: 'workPacks',
  },
  assignWork: { chords: ['Mod+Alt+A'], action: 'Assign work to annotators', group: 'App', command: 'assignWork' },
  exportWork: {
    chords: ['Mod+Shift+E'],
    action: 'Export my work as a pack for the reviewer',
    group: 'App',
    command: 'exportWork',
  },
  restoreBackup: {
    chords: ['Mod+Shift+B'],
    action: 'Restore a backup of the project (File → Restore backup…)',
    group: 'App',
    command: 'restoreBackup',
  },
  // The File actions, in the window as well as in the native menu.
  openProject: { chords: ['Mod+O'], action: 'Open another project file', group: 'App', command: 'openProject' },
  importFiles: {
    chords: ['Mod+I'],
    action: 'Import articles (text, JSONL, doccano, Label Studio, Prodigy, CoNLL)',
    group: 'App',
    command: 'importFiles',
  },
  exportProject: { chords: ['Mod+E'], action: 'Export the project', group: 'App', command: 'exportProject' },
  // Beside Ctrl+Enter (done): the other ways an article is closed for now, and back.
  skipArticle: {
    chords: ['Mod+Shift+S'],
    action: 'Skip the article (left out, not annotated) and open the next undone one',
    group: 'Articles',
    command: 'skipArticle',
  },
  flagArticle: {
    chords: ['Mod+Shift+G'],
    action: 'Flag the article with a note (needs someone else’s eyes) and open the next undone one',
    group: 'Articles',
    command: 'flagArticle',
  },
  reopenArticle: {
    chords: ['Mod+Shift+O'],
    action: 'Reopen a done, skipped or flagged article',
    group: 'Articles',
    command: 'reopenArticle',
  },
  // Suggestions: dashed marks the annotator's own labels and their labelled copies propose.
  // Brackets, Enter and Delete take no letter a label might want.
  nextSuggestion: {
    chords: [']'],
    display: '] / [',
    action: 'Focus the next / previous suggestion (the dashed marks)',
    group: 'Suggestions',
    command: 'nextSuggestion',
  },
  prevSuggestion: {
    chords: ['['],
    action: 'Focus the previous suggestion',
    group: 'Suggestions',
    command: 'prevSuggestion',
    shownWith: 'nextSuggestion',
  },
  acceptSuggestion: {
    chords: ['Enter'],
    display: 'Enter (suggestion focused), click',
    action: 'Accept the suggestion as your span, and focus the next one',
    group: 'Suggestions',
  },
  dismissSuggestion: {
    chords: ['Delete', 'Backspace'],
    display: 'Delete (suggestion focused)',
    action: 'Dismiss the suggestion: it is not offered again',
    group: 'Suggestions',
  },
  acceptAllSuggestions: {
    chords: ['Mod+Shift+Enter'],
    action: 'Accept every suggestion in the article (one undo takes them all back)',
    group: 'Suggestions',
    command: 'acceptAllSuggestions',
  },
  dismissAllSuggestions: {
    chords: ['Mod+Shift+Backspace', 'Mod+Shift+Delete'],
    display: 'Ctrl+Shift+Backspace',
    action: 'Dismiss every suggestion in the article',
    group: 'Suggestions',
    command: 'dismissAllSuggestions',
  },
  showCopies: {
    chords: ['Mod+Shift+K'],
    action: 'Go to the copies of the article (its near-duplicates): ↑ / ↓, Enter opens one, Esc returns',
    group: 'Suggestions',
    command: 'showCopies',
  },
} as const satisfies Record<string, Binding>;

export type BindingId = keyof typeof KEYMAP;

interface Chord {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parse(chord: string): Chord {
  const parts = chord.split('+');
  // The key itself may be '+' or end in one ('Mod++'): it is whatever follows the last separator.
  const key = chord.endsWith('++') ? '+' : parts[parts.length - 1]!;
  const mods = new Set(parts.slice(0, chord.endsWith('++') ? -2 : -1));
  return { mod: mods.has('Mod'), alt: mods.has('Alt'), shift: mods.has('Shift'), key };
}

/** The modifier and key state of a keyboard event, as matching needs it. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Symbols typed with Shift on common layouts: their chords do not name Shift. */
const SHIFTED_SYMBOLS = new Set(['?', '!', '"', ':', '<', '>', '{', '}', '|', '~', '(', ')']);

export function chordMatches(chord: string, e: KeyLike): boolean {
  const c = parse(chord);
  const mod = e.ctrlKey || e.metaKey;
  if (c.mod !== mod || c.alt !== e.altKey) return false;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (SHIFTED_SYMBOLS.has(c.key)) return key === c.key;
  if (c.shift !== e.shiftKey) return false;
  return key === (c.key.length === 1 ? c.key.toLowerCase() : c.key);
}

export function bindingMatches(binding: Binding, e: KeyLike): boolean {
  return binding.chords.some((chord) => chordMatches(chord, e));
}

/** True when the event is one of the binding's chords. */
export function matches(id: BindingId, e: KeyLike): boolean {
  return bindingMatches(KEYMAP[id], e);
}

/** The first chord of the binding that runs `command`, as an Electron accelerator (Mod → CmdOrCtrl). */
export function acceleratorFor(command: MenuCommand): string | undefined {
  const binding = Object.values(KEYMAP as Record<string, Binding>).find((b) => b.command === command);
  const chord = binding?.chords[0];
  if (!chord) return undefined;
  const c = parse(chord);
  const key = c.key.startsWith('Arrow') ? c.key.slice(5) : c.key.length === 1 ? c.key.toUpperCase() : c.key;
  return [c.mod && 'CmdOrCtrl', c.alt && 'Alt', c.shift && 'Shift', key === 'Enter' ? 'Enter' : key]
    .filter(Boolean)
    .join('+');
}

/** A binding's first chord as people read it (Ctrl+I), for buttons' tooltips and hints. */
export function shortcutText(id: BindingId): string {
  const chord = (KEYMAP[id] as Binding).chords[0];
  return chord === undefined ? '' : chord.replaceAll('Mod+', 'Ctrl+');
}

/** The cheat sheet's rows: bindings that describe themselves (pairs show on their first half). */
export function cheatSheet(): { id: BindingId; keys: string; action: string; group: KeyGroup }[] {
  return (Object.entries(KEYMAP) as [BindingId, Binding][])
    .filter(([, b]) => b.shownWith === undefined)
    .map(([id, b]) => ({
      id,
      keys: b.display ?? b.chords.join(' / ').replaceAll('Mod+', 'Ctrl+'),
      action: b.action,
      group: b.group,
    }));
}

/**
 * The binding a label hotkey would take over: any chord typed without Ctrl/Cmd or Alt (C, J,
 * ?, the arrows, Tab, Enter…), whichever mode it belongs to, so that a label never silently
 * disables one of the editor's own keys.
 */
export function editorKeyTaken(key: string): Binding | undefined {
  const typed = key.length === 1 ? key.toLowerCase() : key;
  return Object.values(KEYMAP as Record<string, Binding>).find((b) =>
    b.chords.some((chord) => {
      const c = parse(chord);
      return !c.mod && !c.alt && (c.key.length === 1 ? c.key.toLowerCase() : c.key) === typed;
    }),
  );
}

/** Why a label cannot have this hotkey (format, or one of the editor's keys), or null when it can. */
export function labelHotkeyProblem(key: string): string | null {
  const taken = editorKeyTaken(key);
  const shown = key.length === 1 ? key.toUpperCase() : key;
  if (taken) return `${shown} is the editor’s key for “${taken.action}”: choose another key for the label`;
  if (!/^[0-9a-z]$/i.test(key)) return `A label’s key is one digit or letter, not ${shown}`;
  return null;
}
