// The agreement panel's reading of a report: which number a matrix cell shows for a metric and
// a label, what it was computed over, and the colour it gets. Pure functions of the report, so
// the panel and its tests read the same numbers the CLI prints.
import type { AgreementReport, PairReport } from '../../../shared/review';

export const METRICS = ['f1', 'f1_overlap', 'kappa'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_NAMES: Record<Metric, string> = {
  f1: 'Exact span F1',
  f1_overlap: 'Relaxed (overlap) span F1',
  kappa: "Cohen's kappa",
};

export const METRIC_DEFINITIONS: Record<Metric, string> = {
  f1: 'same start, end and label; 2·matches / (|A| + |B|)',
  f1_overlap: 'same label, sharing a code point, matched one to one; 2·M / (|A| + |B|)',
  kappa: 'per code point that is not white space: inside a span of the label or not',
};

/** The label a metric can show: kappa is per label only; F1 also has a micro overall. */
export type LabelChoice = string | null;

export interface Cell {
  value: number | null;
  /** What the number was computed over, in words. */
  over: string;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

export function pairFor(report: AgreementReport, a: string, b: string): PairReport | undefined {
  return report.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
}

/** The cell of a pair for a metric and label (null label: overall, F1 only). */
export function cellOf(pair: PairReport, metric: Metric, label: LabelChoice): Cell {
  const articles = plural(pair.articles, 'article');
  if (metric === 'kappa') {
    if (label === null) return { value: null, over: 'kappa is per label: choose a label' };
    const c = pair.kappa.over.by_label[label];
    return {
      value: pair.kappa.by_label[label] ?? null,
      over: c ? `${articles}, ${plural(c.units, 'unit')} (${c.both} both, ${c.a_only + c.b_only} one only)` : articles,
    };
  }
  const r = pair[metric];
  const c = label === null ? r.over.overall : r.over.by_label[label];
  return {
    value: label === null ? r.overall : (r.by_label[label] ?? null),
    over: c ? `${articles}, ${c.matches} matched of ${c.a_spans} + ${c.b_spans} spans` : articles,
  };
}

/** The number as the panel prints it: two decimals, or a dash where it is undefined. */
export function formatValue(v: number | null): string {
  if (v === null) return '—';
  const text = v.toFixed(2);
  // -0.001 and -0 print as 0.00: a sign on zero reads as disagreement that is not there.
  return Number(text) === 0 ? '0.00' : text;
}

/** The matrix's header sizes in px: names beside the rows, names tilted over the columns. */
export interface HeatmapHead {
  /** Width of the row names' column. */
  left: number;
  /** Height of the band of tilted column names. */
  top: number;
}

/** Px per character of a name at the matrix's font (13px): a generous average, so names fit. */
const NAME_CHAR_PX = 8;
/** The column names' tilt (degrees), as Heatmap draws them. */
export const NAME_TILT = 40;
/** Names longer than this are cut with an ellipsis (their full text is in the cells' tooltips). */
export const NAME_MAX_CHARS = 24;

export function shortName(name: string): string {
  return name.length > NAME_MAX_CHARS ? `${name.slice(0, NAME_MAX_CHARS - 1)}…` : name;
}

/** Header sizes from the longest (shortened) name, so short names leave no empty band. */
export function heatmapHead(names: readonly string[]): HeatmapHead {
  const longest = Math.max(1, ...names.map((n) => shortName(n).length)) * NAME_CHAR_PX;
  const rise = Math.sin((NAME_TILT * Math.PI) / 180);
  return { left: Math.ceil(longest + 12), top: Math.ceil(longest * rise + 20) };
}

// A sequential scale that stays readable in every kind of colour blindness (viridis' stops).
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The cell's fill for a value; values below 0 (kappa) take the lowest colour. */
export function colourOf(v: number | null): string {
  if (v === null) return 'transparent';
  const t = Math.max(0, Math.min(1, v)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const [a, b] = [STOPS[i]!, STOPS[i + 1]!];
  const mix = a.map((x, k) => Math.round(x + (b[k]! - x) * f));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

/** Dark text on the light end of the scale, light text on the dark end. */
export function textColourOf(v: number | null): string {
  return v !== null && v >= 0.55 ? '#111' : '#fff';
}

/** Alpha per label as bars: the value and what it was computed over. */
export function alphaBars(report: AgreementReport): { label: string; value: number | null; over: string }[] {
  return report.labels.map((label) => {
    const c = report.alpha.over.by_label[label];
    return {
      label,
      value: report.alpha.by_label[label] ?? null,
      over: c
        ? `${plural(c.articles, 'article')}, ${plural(c.units, 'unit')}, ${plural(c.values, 'value')}`
        : 'no articles',
    };
  });
}
