// The agreement report: every number named and beside what it was computed over. Numbers sit
// where a reader of {"pairs":[{"f1":{"overall","by_label"}}], "alpha":{"by_label"}} expects
// them; the counts behind them are in an "over" object next to them.
import type { AgreementReport, AlphaReport, ConfusionReport, F1Report } from '../../../shared/review';
export type { AgreementReport } from '../../../shared/review';
import { AgreementTally, alpha, kappa, type KappaCount } from './agreement';
import type { Confusion } from './confusion';
import { addCount, emptyCount, f1, type F1Count } from './f1';
import { GoldTally } from './gold';
import type { ReviewInput } from './model';

function f1Report(labels: readonly string[], counts: readonly F1Count[]): F1Report {
  const overall = emptyCount();
  const by_label: Record<string, number | null> = {};
  const over: Record<string, F1Count> = {};
  labels.forEach((label, l) => {
    const c = counts[l]!;
    addCount(overall, c);
    by_label[label] = f1(c);
    over[label] = { ...c };
  });
  return { overall: f1(overall), by_label, over: { overall, by_label: over } };
}

function confusionReport(a: string, b: string, articles: number, c: Confusion): ConfusionReport {
  return { a, b, articles, cells: c.cells() };
}

/** Reads the articles once and computes every metric. */
export function agreementReport(input: ReviewInput): AgreementReport {
  const { annotators, labels } = input;
  const tally = new AgreementTally(annotators, labels);
  const goldTally = new GoldTally(annotators, labels);
  for (const article of input.articles) {
    tally.add(article);
    goldTally.add(article);
  }
  const gold = goldTally.articles > 0 ? goldTally : null;
  const pairs = tally.pairs.map((p) => {
    const k: Record<string, number | null> = {};
    const kOver: Record<string, KappaCount> = {};
    labels.forEach((label, l) => {
      const c = p.byLabel[l]!.kappa;
      k[label] = kappa(c);
      kOver[label] = { ...c };
    });
    return {
      a: p.a,
      b: p.b,
      articles: p.articles,
      f1: f1Report(
        labels,
        p.byLabel.map((t) => t.exact),
      ),
      f1_overlap: f1Report(
        labels,
        p.byLabel.map((t) => t.overlap),
      ),
      kappa: { by_label: k, over: { by_label: kOver } },
    };
  });
  const alphaBy: Record<string, number | null> = {};
  const alphaOver: AlphaReport['over']['by_label'] = {};
  labels.forEach((label, l) => {
    const c = tally.alpha.byLabel[l]!;
    alphaBy[label] = alpha(c);
    alphaOver[label] = { articles: c.articles, units: c.units, values: c.values };
  });
  return {
    annotators: [...annotators],
    labels: [...labels],
    units: 'code points (not white space)',
    pairs,
    alpha: { by_label: alphaBy, over: { by_label: alphaOver } },
    gold: gold && {
      articles: gold.articles,
      by_annotator: gold.byAnnotator.map((t) => ({
        a: t.annotator,
        b: 'gold' as const,
        articles: t.articles,
        f1: f1Report(labels, t.exact),
        f1_overlap: f1Report(labels, t.overlap),
      })),
    },
    confusion: {
      pairs: tally.pairs.map((p) => confusionReport(p.a, p.b, p.articles, p.confusion)),
      gold: gold && gold.byAnnotator.map((t) => confusionReport(t.annotator, 'gold', t.articles, t.confusion)),
    },
  };
}

function num(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

/** The report as text for a terminal. */
export function formatAgreement(r: AgreementReport): string {
  const out: string[] = [];
  if (r.annotators.length < 2) {
    out.push(
      `${r.annotators.length} annotator${r.annotators.length === 1 ? ' has' : 's have'} marked articles done: agreement needs two.`,
    );
    return out.join('\n');
  }
  out.push(
    `Agreement of ${r.annotators.length} annotators (${r.annotators.join(', ')}) over the articles they marked done.`,
    'Offsets are code points; kappa and alpha count every code point that is not white space as a unit.',
  );
  for (const p of r.pairs) {
    out.push('', `${p.a} × ${p.b}: ${p.articles} article${p.articles === 1 ? '' : 's'} both marked done`);
    const rows = r.labels.map((label) => {
      const e = p.f1.over.by_label[label]!;
      const k = p.kappa.over.by_label[label]!;
      return [
        label,
        num(p.f1.by_label[label] ?? null),
        num(p.f1_overlap.by_label[label] ?? null),
        `${e.a_spans} / ${e.b_spans}`,
        num(p.kappa.by_label[label] ?? null),
        k.units.toLocaleString('en-US'),
      ];
    });
    const o = p.f1.over.overall;
    rows.push(['all labels', num(p.f1.overall), num(p.f1_overlap.overall), `${o.a_spans} / ${o.b_spans}`, '', '']);
    out.push(...table(['label', 'exact F1', 'overlap F1', 'spans', 'kappa', 'units'], rows).map((l) => `  ${l}`));
  }
  out.push('', "Krippendorff's alpha (nominal), all annotators:");
  const rows = r.labels.map((label) => {
    const c = r.alpha.over.by_label[label]!;
    return [label, num(r.alpha.by_label[label] ?? null), c.units.toLocaleString('en-US'), String(c.articles)];
  });
  out.push(...table(['label', 'alpha', 'units', 'articles'], rows).map((l) => `  ${l}`));
  if (r.gold) {
    out.push('', `Against gold (${r.gold.articles} adjudicated articles):`);
    const g = r.gold.by_annotator.map((c) => [c.a, String(c.articles), num(c.f1.overall), num(c.f1_overlap.overall)]);
    out.push(...table(['annotator', 'articles', 'exact F1', 'overlap F1'], g).map((l) => `  ${l}`));
  }
  out.push('', '— marks a value that is undefined: no spans in either layer, or no variation to agree on.');
  return out.join('\n');
}
