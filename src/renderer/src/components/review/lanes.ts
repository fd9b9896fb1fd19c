// How an annotator's lane is drawn: a dash pattern per annotator (told apart without colour),
// in the colour of the span's label (so a label conflict shows as two colours). The gold layer
// is a solid band above the text.

/** Dash patterns, by annotator index; more annotators than patterns reuse them in order. */
export const LANE_PATTERNS = ['solid', 'dashed', 'dotted', 'dash-dot', 'long-dash', 'double-dot'] as const;
export type LanePattern = (typeof LANE_PATTERNS)[number];

export function lanePattern(index: number): LanePattern {
  return LANE_PATTERNS[index % LANE_PATTERNS.length]!;
}

/** A CSS background image drawing the pattern horizontally in `color`. */
export function patternImage(pattern: LanePattern, color: string): string {
  const stops: Record<LanePattern, string> = {
    solid: `${color} 0 100%`,
    dashed: `${color} 0 7px, transparent 7px 11px`,
    dotted: `${color} 0 3px, transparent 3px 6px`,
    'dash-dot': `${color} 0 8px, transparent 8px 11px, ${color} 11px 14px, transparent 14px 17px`,
    'long-dash': `${color} 0 14px, transparent 14px 18px`,
    'double-dot': `${color} 0 3px, transparent 3px 5px, ${color} 5px 8px, transparent 8px 14px`,
  };
  return pattern === 'solid'
    ? `linear-gradient(${color},${color})`
    : `repeating-linear-gradient(90deg, ${stops[pattern]})`;
}

/** Vertical space per annotator lane under the text, and the gold band above it, in px. */
export const LANE_PX = 6;
export const LINE_PX = 3;
export const GOLD_PX = 4;
