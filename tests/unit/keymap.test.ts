// The one keymap: the renderer's key handler, Electron's menu accelerators and the cheat sheet
// all read src/shared/keymap.ts, so a chord changed there changes all three.
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../src/shared/contract';
import {
  acceleratorFor,
  bindingMatches,
  chordMatches,
  cheatSheet,
  KEYMAP,
  labelHotkeyProblem,
  matches,
  type Binding,
} from '../../src/shared/keymap';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe('chords', () => {
  it('Mod is Ctrl or Cmd; modifiers must match exactly; letters match either case', () => {
    expect(chordMatches('Mod+Z', key('z', { ctrl: true }))).toBe(true);
    expect(chordMatches('Mod+Z', key('Z', { meta: true }))).toBe(true);
    expect(chordMatches('Mod+Z', key('z', { ctrl: true, shift: true }))).toBe(false);
    expect(chordMatches('Mod+Shift+Z', key('Z', { ctrl: true, shift: true }))).toBe(true);
    expect(chordMatches('Mod+Z', key('z'))).toBe(false);
    expect(chordMatches('Alt+ArrowDown', key('ArrowDown', { alt: true }))).toBe(true);
    expect(chordMatches('Alt+ArrowDown', key('ArrowDown', { alt: true, shift: true }))).toBe(false);
  });

  it('a symbol typed with Shift (?) matches whatever the layout needed', () => {
    expect(chordMatches('?', key('?', { shift: true }))).toBe(true);
    expect(chordMatches('?', key('?'))).toBe(true);
    expect(chordMatches('?', key('?', { ctrl: true }))).toBe(false);
  });

  it('the editor keys resolve as before: undo, redo, nudging, word steps', () => {
    expect(matches('undo', key('z', { ctrl: true }))).toBe(true);
    expect(matches('redo', key('y', { ctrl: true }))).toBe(true);
    expect(matches('nudgeEnd', key('ArrowRight', { shift: true }))).toBe(true);
    expect(matches('nudgeStart', key('ArrowLeft', { shift: true, alt: true }))).toBe(true);
    expect(matches('nudgeEnd', key('ArrowLeft', { shift: true, alt: true }))).toBe(false);
    expect(matches('moveWord', key('ArrowRight', { alt: true }))).toBe(true);
    expect(matches('walkSpans', key('Tab', { shift: true }))).toBe(true);
  });
});

describe('moving and selecting by the units of news text', () => {
  it('sentence jumps and the quotation key match whatever Shift the layout needs', () => {
    expect(matches('moveSentence', key('(', { shift: true }))).toBe(true);
    expect(matches('moveSentence', key(')'))).toBe(true); // AZERTY types ) without Shift
    expect(matches('selectQuotation', key('"', { shift: true }))).toBe(true);
    expect(matches('selectClause', key(','))).toBe(true);
    expect(matches('selectClause', key(',', { ctrl: true }))).toBe(false); // Ctrl+, is settings
    expect(matches('openSettings', key(',', { ctrl: true }))).toBe(true);
    expect(matches('selectSentence', key('.'))).toBe(true);
  });

  it('lines, the article, paragraphs and pages, with Shift to select', () => {
    expect(matches('moveLineEdge', key('Home'))).toBe(true);
    expect(matches('moveLineEdge', key('End', { shift: true }))).toBe(true);
    expect(matches('moveArticleEdge', key('End', { ctrl: true }))).toBe(true);
    expect(matches('moveArticleEdge', key('Home', { meta: true, shift: true }))).toBe(true);
    expect(matches('moveLineEdge', key('Home', { ctrl: true }))).toBe(false);
    expect(matches('moveParagraph', key('ArrowDown', { ctrl: true }))).toBe(true);
    expect(matches('moveLine', key('ArrowDown', { ctrl: true }))).toBe(false);
    expect(matches('nextArticle', key('ArrowDown', { alt: true }))).toBe(true);
    expect(matches('movePage', key('PageDown', { shift: true }))).toBe(true);
    expect(matches('pickSpan', key('Enter'))).toBe(true);
    expect(matches('markDone', key('Enter', { ctrl: true }))).toBe(true);
    expect(matches('pickSpan', key('Enter', { ctrl: true }))).toBe(false);
  });

  it('the cheat sheet says which keys resize a span and which select text', () => {
    const rows = cheatSheet();
    expect(rows.find((r) => r.keys === 'Enter')?.action).toMatch(/^Select the span just made/);
    expect(rows.find((r) => r.keys.startsWith('Shift+← / Shift+→'))?.keys).toBe('Shift+← / Shift+→ (span selected)');
    for (const keys of ['"', ',', '.', '( / )', 'Home / End', 'Ctrl+Home / Ctrl+End', 'Ctrl+↑ / Ctrl+↓', 'Alt+1 – 9']) {
      expect(
        rows.some((r) => r.keys === keys),
        keys,
      ).toBe(true);
    }
  });
});

describe('the menu and the cheat sheet follow the keymap', () => {
  it('every menu command has a binding; accelerators are what Electron expects', () => {
    for (const command of MENU_COMMANDS) expect(acceleratorFor(command), command).toBeDefined();
    expect(acceleratorFor('undo')).toBe('CmdOrCtrl+Z');
    expect(acceleratorFor('redo')).toBe('CmdOrCtrl+Shift+Z');
    expect(acceleratorFor('markDone')).toBe('CmdOrCtrl+Enter');
    expect(acceleratorFor('nextArticle')).toBe('Alt+Down');
    expect(acceleratorFor('prevArticle')).toBe('Alt+Up');
    expect(acceleratorFor('toggleSidePanel')).toBe('CmdOrCtrl+\\');
    expect(acceleratorFor('openSettings')).toBe('CmdOrCtrl+,');
    expect(acceleratorFor('find')).toBe('CmdOrCtrl+F');
    expect(acceleratorFor('searchAll')).toBe('CmdOrCtrl+Shift+F');
    expect(acceleratorFor('flagArticle')).toBe('CmdOrCtrl+Shift+G');
    expect(acceleratorFor('toggleSnap')).toBe('C');
    expect(acceleratorFor('showShortcuts')).toBe('?');
    expect(acceleratorFor('toggleReviewMode')).toBe('CmdOrCtrl+Shift+R');
    expect(acceleratorFor('showAgreement')).toBe('CmdOrCtrl+Shift+A');
    expect(acceleratorFor('assignWork')).toBe('CmdOrCtrl+Alt+A');
    expect(acceleratorFor('openProject')).toBe('CmdOrCtrl+O');
    expect(acceleratorFor('importFiles')).toBe('CmdOrCtrl+I');
    expect(acceleratorFor('exportProject')).toBe('CmdOrCtrl+E');
  });

  it('no chord runs two commands', () => {
    const seen = new Map<string, string>();
    for (const [id, b] of Object.entries(KEYMAP as Record<string, Binding>)) {
      if (!b.command) continue;
      for (const chord of b.chords) {
        expect(seen.get(chord), `${chord} is bound to ${seen.get(chord)} and ${id}`).toBeUndefined();
        seen.set(chord, id);
      }
    }
  });

  it('the cheat sheet lists every binding once, pairs on one row', () => {
    const rows = cheatSheet();
    expect(rows.find((r) => r.action.startsWith('Undo'))?.keys).toBe('Ctrl+Z / Ctrl+Shift+Z');
    expect(rows.some((r) => r.action === 'Redo')).toBe(false);
    expect(rows.find((r) => r.action === 'Labels and settings')?.keys).toBe('Ctrl+,');
    expect(new Set(rows.map((r) => r.keys)).size).toBe(rows.length);
    const shown = Object.values(KEYMAP as Record<string, Binding>).filter((b) => b.shownWith === undefined).length;
    expect(rows).toHaveLength(shown);
  });

  it('the review keys are listed under Review, each with what it does', () => {
    const review = cheatSheet().filter((r) => r.group === 'Review');
    expect(review.map((r) => r.keys)).toEqual([
      'Ctrl+Shift+R',
      'J / K',
      '1 – 9 (review)',
      '↑ / ↓ or Tab (review)',
      'A',
      'R',
      'E',
      'Enter (editing)',
      'Esc (editing)',
      'Ctrl+Z / Ctrl+Shift+Z (review)',
      'Ctrl+Enter (review)',
      '↑ / ↓, Enter (in the queue)',
      'Ctrl+Shift+A',
    ]);
    expect(matches('nextConflict', key('J', { shift: false }))).toBe(true);
    expect(matches('undoDecision', key('z', { ctrl: true }))).toBe(true);
    expect(matches('adjudicate', key('Enter', { meta: true }))).toBe(true);
  });
});

describe('every occurrence', () => {
  it('Ctrl+Shift+L opens the preview and nothing else; the menu shows it', () => {
    const chord = key('L', { ctrl: true, shift: true });
    expect(matches('labelOccurrences', chord)).toBe(true);
    const others = Object.entries(KEYMAP as Record<string, Binding>).filter(
      ([id, b]) => id !== 'labelOccurrences' && bindingMatches(b, chord),
    );
    expect(others.map(([id]) => id)).toEqual([]);
    expect(acceleratorFor('labelOccurrences')).toBe('CmdOrCtrl+Shift+L');
    expect(matches('labelOccurrences', key('l', { ctrl: true }))).toBe(false);
  });

  it('the preview’s keys take Alt, so no letter is taken from the labels for them', () => {
    expect(matches('occurrenceScope', key('s', { alt: true }))).toBe(true);
    expect(matches('occurrenceScope', key('s'))).toBe(false);
    expect(matches('occurrenceCase', key('c', { alt: true }))).toBe(true);
    for (const letter of ['s', 'l']) expect(labelHotkeyProblem(letter), letter).toBeNull();
    expect(
      cheatSheet()
        .filter((r) => r.group === 'Every occurrence')
        .map((r) => r.keys),
    ).toEqual(['Ctrl+Shift+L', 'Alt+S (preview)', 'Alt+C (preview)', 'Enter (preview)', 'Esc (preview)']);
  });
});

describe('the suggestion keys', () => {
  const all = Object.entries(KEYMAP as Record<string, Binding>);
  const suggestionIds = all.filter(([, b]) => b.group === 'Suggestions').map(([id]) => id);

  it('are listed under Suggestions in the cheat sheet, each with what it does', () => {
    const rows = cheatSheet().filter((r) => r.group === 'Suggestions');
    expect(rows.map((r) => r.keys)).toEqual([
      '] / [',
      'Enter (suggestion focused), click',
      'Delete (suggestion focused)',
      'Ctrl+Shift+Enter',
      'Ctrl+Shift+Backspace',
      'Ctrl+Shift+K',
    ]);
  });

  it('their chords are free: only Enter and Delete are shared, with the span keys a focused suggestion takes over (and the preview’s Enter)', () => {
    const shared = new Map<string, string[]>();
    for (const [id, b] of all) for (const chord of b.chords) shared.set(chord, [...(shared.get(chord) ?? []), id]);
    for (const id of suggestionIds) {
      for (const chord of (KEYMAP as Record<string, Binding>)[id]!.chords) {
        const others = shared.get(chord)!.filter((other) => other !== id);
        if (id === 'acceptSuggestion') expect(others, chord).toEqual(['pickSpan', 'applyOccurrences', 'recordEdit']);
        else if (id === 'dismissSuggestion') expect(others, chord).toEqual(['deleteSpan']);
        else expect(others, `${chord} is also ${others.join(', ')}`).toEqual([]);
      }
    }
  });

  it('match the keys people press, and the menu shows them', () => {
    expect(matches('nextSuggestion', key(']'))).toBe(true);
    expect(matches('prevSuggestion', key('['))).toBe(true);
    expect(matches('acceptAllSuggestions', key('Enter', { ctrl: true, shift: true }))).toBe(true);
    expect(matches('markDone', key('Enter', { ctrl: true, shift: true }))).toBe(false);
    expect(matches('dismissAllSuggestions', key('Backspace', { ctrl: true, shift: true }))).toBe(true);
    expect(matches('showCopies', key('K', { ctrl: true, shift: true }))).toBe(true);
    expect(acceleratorFor('acceptAllSuggestions')).toBe('CmdOrCtrl+Shift+Enter');
    expect(acceleratorFor('nextSuggestion')).toBe(']');
  });
});
