// A label's key never takes one of the editor's own keys: the keys a label may not have are read
// from the keymap (every chord typed without Ctrl/Cmd or Alt), so a key added there is refused
// here without this test changing.
import { describe, expect, it } from 'vitest';
import { createLabel, updateLabel } from '../../src/main/backend/labels';
import { editorKeyTaken, KEYMAP, labelHotkeyProblem, type Binding } from '../../src/shared/keymap';
import { AppError } from '../../src/shared/result';
import { tempProject } from './helpers';

/** Every plain key of the keymap: a chord with neither Mod nor Alt, its key as typed. */
const plainKeys = [
  ...new Set(
    Object.values(KEYMAP as Record<string, Binding>)
      .flatMap((b) => b.chords)
      .filter((c) => !c.startsWith('Mod+') && !c.includes('Alt+'))
      .map((c) => (c.endsWith('++') ? '+' : c.split('+').at(-1)!)),
  ),
];
const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the hotkey to be refused');
}

describe('label hotkeys and the editor’s keys', () => {
  it('the keymap has plain keys to protect: C, ?, the arrows, Tab and the review letters among them', () => {
    for (const k of ['C', '?', 'ArrowLeft', 'Tab', 'J', 'K', 'A', 'R', 'E']) expect(plainKeys).toContain(k);
    for (const k of plainKeys) expect(editorKeyTaken(k), k).toBeDefined();
  });

  it('refuses every plain key of the keymap, naming what it does', () => {
    for (const k of plainKeys) {
      const problem = labelHotkeyProblem(k);
      expect(problem, k).not.toBeNull();
      expect(problem).toContain(editorKeyTaken(k)!.action);
    }
    expect(labelHotkeyProblem('c')).toBe(
      'C is the editor’s key for “Toggle word snapping / character precision”: choose another key for the label',
    );
  });

  it('allows the digits and letters the keymap does not use, and nothing else', () => {
    const taken = new Set(plainKeys.filter((k) => k.length === 1).map((k) => k.toLowerCase()));
    for (const k of letters) expect(labelHotkeyProblem(k) === null, k).toBe(!taken.has(k));
    expect(labelHotkeyProblem('!')).toMatch(/one digit or letter/);
  });

  it('the backend refuses them on create and update, and the label is unchanged', () => {
    const p = tempProject({ demo: false });
    const actor = p.handlers.listLabels({}).find((l) => l.name === 'ACTOR')!;
    for (const k of letters.filter((l) => labelHotkeyProblem(l) !== null)) {
      const err = refusal(() => updateLabel(p.db, { id: actor.id, hotkey: k }));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toBe(labelHotkeyProblem(k));
      expect(refusal(() => createLabel(p.db, { name: `EVENT_${k}`, hotkey: k })).code).toBe('CONFLICT');
    }
    expect(p.handlers.listLabels({}).find((l) => l.id === actor.id)).toEqual(actor);
    expect(p.handlers.listLabels({}).map((l) => l.name)).toEqual(['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION']);
    // A free letter is fine.
    const free = letters.find((k) => labelHotkeyProblem(k) === null && !/[0-9]/.test(k))!;
    expect(updateLabel(p.db, { id: actor.id, hotkey: free }).hotkey).toBe(free);
  });
});
