// WCAG 2 contrast between two colours, and a label colour made readable on the theme's
// background: underlines and chips in the dark theme are lightened until they reach the
// contrast asked for (a deep blue on a near-black page would otherwise be about 3:1).

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1 – 21) between two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour, mixed towards white (on a dark background) or black (on a light one) just enough
 * to reach `min` contrast against `background`; unchanged when it already does.
 */
export function readableOn(color: string, background: string, min: number): string {
  if (contrastRatio(color, background) >= min) return color.toLowerCase();
  const towards = luminance(background) < 0.5 ? 255 : 0;
  const from = channels(color);
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = toHex(from.map((c) => c + (towards - c) * t) as [number, number, number]);
    if (contrastRatio(mixed, background) >= min) return mixed;
  }
  return towards === 255 ? '#ffffff' : '#000000';
}

/** The page background of each theme (--bg in styles/app.css; a unit test keeps them equal). */
export const THEME_BACKGROUND = { light: '#fbfbf8', dark: '#1b1d22' } as const;
export type ColorScheme = keyof typeof THEME_BACKGROUND;

/** Contrast a label's underline must have on the dark theme's page. */
export const DARK_MARK_CONTRAST = 4.5;

/** A label's colour as the editor draws its marks in this theme. */
export function markColor(color: string, scheme: ColorScheme): string {
  return scheme === 'dark' ? readableOn(color, THEME_BACKGROUND.dark, DARK_MARK_CONTRAST) : color;
}
