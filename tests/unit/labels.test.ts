// labels.ts: the default set, creating with automatic hotkey and colour, editing, conflicts
// that leave everything as it was, and spans that follow their label through a rename.
import { describe, expect, it } from 'vitest';
import { createLabel, DEFAULT_LABELS, getLabel, PALETTE, updateLabel } from '../../src/main/backend/labels';
import type { Project } from '../../src/main/backend/project';
import type { Label } from '../../src/shared/model';
import { AppError } from '../../src/shared/result';
import { tempProject } from './helpers';

const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'];

function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  if (message) expect((caught as AppError).message).toMatch(message);
}

const labels = (p: Project): Label[] => p.handlers.listLabels({});
const byName = (p: Project, name: string): Label => labels(p).find((l) => l.name === name)!;

describe('default labels', () => {
  it('are ACTOR, CLAIM, LOCATION, SANCTION with hotkeys 1–4 and the first four Okabe–Ito colours', () => {
    const p = tempProject({ demo: false });
    const list = labels(p);
    expect(list.map((l) => [l.name, l.hotkey, l.color, l.position])).toEqual([
      ['ACTOR', '1', '#0072B2', 0],
      ['CLAIM', '2', '#E69F00', 1],
      ['LOCATION', '3', '#009E73', 2],
      ['SANCTION', '4', '#D55E00', 3],
    ]);
    expect(PALETTE).toEqual(OKABE_ITO);
    for (const l of list) expect(l.description.length).toBeGreaterThan(10);
    expect(byName(p, 'SANCTION').description).toMatch(/UN resolution/);
    expect(list.map((l) => l.description)).toEqual(DEFAULT_LABELS.map((l) => l.description));
  });

  it('come with the guidelines, which describe every default label', () => {
    const p = tempProject({ demo: false });
    const guidelines = p.handlers.getGuidelines({});
    for (const name of ['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION']) expect(guidelines).toContain(name);
  });
});

describe('createLabel', () => {
  it('picks the next free hotkey and the next palette colour, and appends at the end', () => {
    const p = tempProject({ demo: false });
    const a = p.handlers.createLabel({ name: 'EVENT' });
    expect(a).toMatchObject({ name: 'EVENT', hotkey: '5', color: '#CC79A7', position: 4, description: '' });
    const b = p.handlers.createLabel({ name: 'WEAPON', description: 'Arms and munitions.' });
    expect(b).toMatchObject({ hotkey: '6', color: '#56B4E9', position: 5, description: 'Arms and munitions.' });
    expect(labels(p).map((l) => l.name)).toEqual(['ACTOR', 'CLAIM', 'LOCATION', 'SANCTION', 'EVENT', 'WEAPON']);
    expect(getLabel(p.db, b.id)).toEqual(b);
  });

  it('fills the lowest free digit first, and gives none when 1–9 are all taken', () => {
    const p = tempProject({ demo: false });
    p.handlers.updateLabel({ id: byName(p, 'CLAIM').id, hotkey: 'x' });
    expect(p.handlers.createLabel({ name: 'X2' }).hotkey).toBe('2');
    for (let i = 5; i <= 9; i++) expect(p.handlers.createLabel({ name: `X${i}` }).hotkey).toBe(String(i));
    expect(p.handlers.createLabel({ name: 'NOKEY' }).hotkey).toBeNull();
  });

  it('keeps an explicit hotkey, colour, or an explicit null hotkey', () => {
    const p = tempProject({ demo: false });
    expect(p.handlers.createLabel({ name: 'A', hotkey: 'q', color: '#123456' })).toMatchObject({
      hotkey: 'q',
      color: '#123456',
    });
    expect(p.handlers.createLabel({ name: 'B', hotkey: null }).hotkey).toBeNull();
    // Two labels without a hotkey do not clash.
    expect(p.handlers.createLabel({ name: 'C', hotkey: null }).hotkey).toBeNull();
  });

  it('an automatic colour avoids colours already in use while the palette has free ones', () => {
    const p = tempProject({ demo: false });
    p.handlers.updateLabel({ id: byName(p, 'ACTOR').id, color: '#CC79A7' });
    const created = p.handlers.createLabel({ name: 'EVENT' });
    const others = labels(p).filter((l) => l.id !== created.id);
    expect(others.map((l) => l.color.toUpperCase())).not.toContain(created.color.toUpperCase());
    expect(PALETTE).toContain(created.color);
  });

  it('refuses a duplicate name, case-insensitively, with CONFLICT and changes nothing', () => {
    const p = tempProject({ demo: false });
    const before = labels(p);
    const changes = p.db.prepare('SELECT total_changes() AS n').get();
    expectCode(() => p.handlers.createLabel({ name: 'actor' }), 'CONFLICT', /ACTOR/);
    expectCode(() => p.handlers.createLabel({ name: 'Claim', hotkey: 'z' }), 'CONFLICT');
    expect(labels(p)).toEqual(before);
    expect(p.db.prepare('SELECT total_changes() AS n').get()).toEqual(changes);
  });

  it('refuses a hotkey in use with CONFLICT naming the label that has it', () => {
    const p = tempProject({ demo: false });
    const before = labels(p);
    expectCode(() => p.handlers.createLabel({ name: 'NEW', hotkey: '3' }), 'CONFLICT', /hotkey 3 .*LOCATION/);
    expect(labels(p)).toEqual(before);
    expect(labels(p).some((l) => l.name === 'NEW')).toBe(false);
  });
});

describe('updateLabel', () => {
  it('renames, recolours, re-keys and re-describes, one field at a time', () => {
    const p = tempProject({ demo: false });
    const actor = byName(p, 'ACTOR');
    expect(p.handlers.updateLabel({ id: actor.id, name: 'PERSON' })).toEqual({ ...actor, name: 'PERSON' });
    expect(p.handlers.updateLabel({ id: actor.id, color: '#abcdef' })).toMatchObject({
      name: 'PERSON',
      color: '#abcdef',
      hotkey: '1',
    });
    expect(p.handlers.updateLabel({ id: actor.id, hotkey: 'p' })).toMatchObject({ hotkey: 'p', color: '#abcdef' });
    expect(p.handlers.updateLabel({ id: actor.id, description: 'People.' })).toMatchObject({
      name: 'PERSON',
      color: '#abcdef',
      hotkey: 'p',
      description: 'People.',
      position: 0,
    });
    expect(p.handlers.updateLabel({ id: actor.id, hotkey: null }).hotkey).toBeNull();
    // The freed key can now go to another label.
    expect(p.handlers.updateLabel({ id: byName(p, 'CLAIM').id, hotkey: '1' }).hotkey).toBe('1');
    expect(labels(p).some((l) => l.name.toLowerCase() === 'actor')).toBe(false);
    expect(labels(p).find((l) => l.name.toLowerCase() === 'person')?.id).toBe(actor.id);
  });

  it('may change the case of its own name and keep its own hotkey', () => {
    const p = tempProject({ demo: false });
    const actor = byName(p, 'ACTOR');
    expect(p.handlers.updateLabel({ id: actor.id, name: 'Actor', hotkey: '1' })).toMatchObject({
      name: 'Actor',
      hotkey: '1',
    });
  });

  it("refuses another label's name or hotkey with CONFLICT and changes nothing", () => {
    const p = tempProject({ demo: false });
    const actor = byName(p, 'ACTOR');
    const before = labels(p);
    expectCode(() => p.handlers.updateLabel({ id: actor.id, name: 'location' }), 'CONFLICT');
    expectCode(() => p.handlers.updateLabel({ id: actor.id, hotkey: '2' }), 'CONFLICT', /CLAIM/);
    // Part of the change was fine (colour) but the whole update is refused.
    expectCode(() => p.handlers.updateLabel({ id: actor.id, color: '#000000', hotkey: '4' }), 'CONFLICT');
    expect(labels(p)).toEqual(before);
  });

  it('an unknown label is NOT_FOUND', () => {
    const p = tempProject({ demo: false });
    expectCode(() => p.handlers.updateLabel({ id: 999, name: 'X' }), 'NOT_FOUND', /999/);
    expectCode(() => getLabel(p.db, 999), 'NOT_FOUND');
  });

  it('the backend functions work on the database directly too (what the CLI uses)', () => {
    const p = tempProject({ demo: false });
    const l = createLabel(p.db, { name: 'DIRECT' });
    expect(updateLabel(p.db, { id: l.id, name: 'DIRECT2' }).name).toBe('DIRECT2');
  });
});

describe('renaming never orphans spans', () => {
  it('spans keep their label id and list under the new name; no span row is touched', () => {
    const p = tempProject({ demo: true });
    const article = p.handlers.listArticles({ status: 'all', at: 0, limit: 1 }).items[0]!;
    const actor = byName(p, 'ACTOR');
    const claim = byName(p, 'CLAIM');
    const s1 = p.handlers.createSpan({ articleId: article.id, labelId: actor.id, start: 0, end: 3 });
    const s2 = p.handlers.createSpan({ articleId: article.id, labelId: actor.id, start: 4, end: 8 });
    const s3 = p.handlers.createSpan({ articleId: article.id, labelId: claim.id, start: 0, end: 8 });
    const rowsBefore = p.db.prepare('SELECT * FROM spans ORDER BY id').all();

    p.handlers.updateLabel({ id: actor.id, name: 'PERSON', color: '#111111', hotkey: 'p' });

    expect(p.db.prepare('SELECT * FROM spans ORDER BY id').all()).toEqual(rowsBefore);
    const names = new Map(labels(p).map((l) => [l.id, l.name]));
    const listed = p.handlers.listSpans({ articleId: article.id });
    expect(listed.map((s) => [s.id, names.get(s.labelId)]).sort()).toEqual(
      [
        [s1.id, 'PERSON'],
        [s2.id, 'PERSON'],
        [s3.id, 'CLAIM'],
      ].sort(),
    );
    // No span refers to a label that does not exist.
    const orphans = p.db.prepare('SELECT count(*) AS n FROM spans WHERE label_id NOT IN (SELECT id FROM labels)').get();
    expect(orphans).toEqual({ n: 0 });
  });
});
