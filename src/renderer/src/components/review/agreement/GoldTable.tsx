// Each annotator against the adjudicated gold: exact and relaxed F1, overall and per label.
import type { AgreementReport } from '../../../../../shared/review';
import { formatValue } from '../../../lib/agreementView';

export function GoldTable({ report }: { report: AgreementReport }) {
  const gold = report.gold;
  if (!gold)
    return <p className="agreement-note">No article is adjudicated yet: gold comparisons appear once one is.</p>;
  return (
    <table className="gold-table" data-testid="gold-table">
      <caption>
        Against gold, over {gold.articles} adjudicated article{gold.articles === 1 ? '' : 's'} (exact / relaxed F1)
      </caption>
      <thead>
        <tr>
          <th scope="col">Annotator</th>
          <th scope="col">Overall</th>
          {report.labels.map((l) => (
            <th key={l} scope="col">
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {gold.by_annotator.map((g) => (
          <tr key={g.a}>
            <th scope="row">{g.a}</th>
            <td>
              {formatValue(g.f1.overall)} / {formatValue(g.f1_overlap.overall)}
            </td>
            {report.labels.map((l) => (
              <td key={l}>
                {formatValue(g.f1.by_label[l] ?? null)} / {formatValue(g.f1_overlap.by_label[l] ?? null)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
