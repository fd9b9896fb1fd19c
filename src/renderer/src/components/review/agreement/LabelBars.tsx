// Krippendorff's alpha per label as horizontal bars from −1 to 1, each with its number and what
// it was computed over, so the weakest label stands out at a glance.
import type { AgreementReport } from '../../../../../shared/review';
import { alphaBars, colourOf, formatValue } from '../../../lib/agreementView';

const WIDTH = 240;

export function LabelBars({ report }: { report: AgreementReport }) {
  const bars = alphaBars(report);
  return (
    <table className="label-bars" data-testid="alpha-bars">
      <caption>Krippendorff’s alpha (nominal) per label, over every annotator</caption>
      <tbody>
        {bars.map((b) => {
          const v = b.value;
          // Zero sits in the middle: negative alpha (worse than chance) grows to the left.
          const from = v === null ? 0 : v < 0 ? (WIDTH / 2) * (1 + v) : WIDTH / 2;
          const len = v === null ? 0 : (Math.abs(v) * WIDTH) / 2;
          return (
            <tr key={b.label} data-testid="alpha-bar" data-label={b.label} data-value={v ?? ''}>
              <th scope="row">{b.label}</th>
              <td>
                <svg width={WIDTH} height={16} aria-hidden="true">
                  <rect x={0} y={7} width={WIDTH} height={2} className="bar-track" />
                  <line x1={WIDTH / 2} x2={WIDTH / 2} y1={0} y2={16} className="bar-zero" />
                  <rect x={from} y={2} width={len} height={12} fill={colourOf(v)} rx={2} />
                </svg>
              </td>
              <td className="bar-value">{formatValue(v)}</td>
              <td className="bar-over">{v === null ? `undefined (every value the same) — ${b.over}` : b.over}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
