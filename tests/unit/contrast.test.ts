// Marks on the dark theme: every label colour of the palette is drawn at 4.5:1 or more against
// the page, computed with WCAG's formula from the theme's own background in styles/app.css.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, PALETTE } from '../../src/main/backend/labels';
import {
  contrastRatio,
  DARK_MARK_CONTRAST,
  markColor,
  readableOn,
  THEME_BACKGROUND,
} from '../../src/renderer/src/lib/contrast';

const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/renderer/src/styles/app.css'), 'utf8');

/** --bg in the light :root block and in the dark media query's :root block. */
function themeBackgrounds(): { light: string; dark: string } {
  const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  const light = css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'));
  const bg = (block: string) => /--bg:\s*(#[0-9a-fA-F]{6})/.exec(block)![1]!.toLowerCase();
  return { light: bg(light), dark: bg(dark) };
}

describe('WCAG contrast', () => {
  it('matches the reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('the background the marks are computed against is the stylesheet’s', () => {
    expect(themeBackgrounds()).toEqual(THEME_BACKGROUND);
  });

  it('ACTOR’s underline on the dark page reaches 4.5:1 (its own colour gives about 3:1)', () => {
    const { dark } = themeBackgrounds();
    const actor = DEFAULT_LABELS.find((l) => l.name === 'ACTOR')!.color;
    expect(contrastRatio(actor, dark)).toBeLessThan(DARK_MARK_CONTRAST);
    expect(contrastRatio(markColor(actor, 'dark'), dark)).toBeGreaterThanOrEqual(4.5);
  });

  it('every palette colour is readable on the dark page; the light theme keeps the label’s colour', () => {
    const { dark } = themeBackgrounds();
    for (const c of PALETTE) {
      expect(contrastRatio(markColor(c, 'dark'), dark), c).toBeGreaterThanOrEqual(4.5);
      expect(markColor(c, 'light')).toBe(c);
    }
    // A colour that is already readable is not touched.
    expect(readableOn('#F0E442', dark, 4.5)).toBe('#f0e442');
  });
});
