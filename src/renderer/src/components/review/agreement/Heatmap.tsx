// The pairwise matrix: one cell per pair of annotators, coloured by the chosen metric, with the
// number printed in it and what it was computed over in its tooltip. A click lists the pair's
// conflicts. Plain SVG: a few dozen cells need no chart library.
import type { KeyboardEvent } from 'react';
import type { AgreementReport } from '../../../../../shared/review';
import {
  cellOf,
  colourOf,
  formatValue,
  heatmapHead,
  NAME_TILT,
  pairFor,
  shortName,
  textColourOf,
  type LabelChoice,
  type Metric,
} from '../../../lib/agreementView';

const CELL = 64;

export interface HeatmapProps {
  report: AgreementReport;
  metric: Metric;
  label: LabelChoice;
  selected: { a: string; b: string } | null;
  onSelect(a: string, b: string): void;
}

export function Heatmap({ report, metric, label, selected, onSelect }: HeatmapProps) {
  const names = report.annotators;
  const head = heatmapHead(names);
  const width = head.left + names.length * CELL;
  const height = head.top + names.length * CELL;
  const activate = (a: string, b: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(a, b);
    }
  };
  return (
    <svg
      className="heatmap"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="grid"
      aria-label="Agreement between each pair of annotators"
      data-testid="agreement-heatmap"
    >
      {names.map((n, i) => (
        <g key={n}>
          <text
            x={head.left - 8}
            y={head.top + i * CELL + CELL / 2}
            className="heatmap-name"
            textAnchor="end"
            dominantBaseline="middle"
          >
            {shortName(n)}
          </text>
          <text
            x={head.left + i * CELL + CELL / 2}
            y={head.top - 8}
            className="heatmap-name"
            transform={`rotate(-${NAME_TILT} ${head.left + i * CELL + CELL / 2} ${head.top - 8})`}
          >
            {shortName(n)}
          </text>
        </g>
      ))}
      {names.map((a, i) =>
        names.map((b, j) => {
          const x = head.left + j * CELL;
          const y = head.top + i * CELL;
          if (a === b)
            return <rect key={`${a}|${b}`} x={x} y={y} width={CELL} height={CELL} className="heatmap-self" />;
          const pair = pairFor(report, a, b);
          const cell = pair ? cellOf(pair, metric, label) : { value: null, over: 'no article both marked done' };
          const isSelected =
            selected !== null && ((selected.a === a && selected.b === b) || (selected.a === b && selected.b === a));
          return (
            <g
              key={`${a}|${b}`}
              role="gridcell"
              tabIndex={0}
              aria-label={`${a} and ${b}: ${formatValue(cell.value)} over ${cell.over}`}
              aria-selected={isSelected}
              data-testid="heatmap-cell"
              data-pair={`${a}|${b}`}
              data-value={cell.value ?? ''}
              className={`heatmap-cell ${isSelected ? 'selected' : ''}`}
              onClick={() => onSelect(a, b)}
              onKeyDown={activate(a, b)}
            >
              <title>{`${a} × ${b}: ${formatValue(cell.value)} — ${cell.over}`}</title>
              <rect x={x + 1} y={y + 1} width={CELL - 2} height={CELL - 2} fill={colourOf(cell.value)} rx={3} />
              <text
                x={x + CELL / 2}
                y={y + CELL / 2}
                textAnchor="middle"
                dominantBaseline="middle"
                fill={cell.value === null ? 'currentColor' : textColourOf(cell.value)}
              >
                {formatValue(cell.value)}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
