import type { RecordedVersion } from '../../api/insight-types.ts';
import { percent } from './format-insights.ts';

/**
 * A classifier suite's confusion matrix on one version: expected classes down, predicted across,
 * the diagonal (right answers) in green, mistakes shaded by how many; accuracy, macro-F1 and per
 * class precision and recall beside it.
 */
export function ConfusionMatrixView({
  classification,
}: {
  classification: NonNullable<RecordedVersion['classification']>;
}) {
  const { labels, matrix } = classification.confusion;
  const largest = Math.max(1, ...matrix.flat());
  return (
    <div className="confusion" data-testid="confusion-matrix">
      <p className="small">
        Accuracy <strong>{percent(classification.accuracy)}</strong> · macro-F1{' '}
        <strong>{classification.macroF1.toFixed(3)}</strong> over {classification.cases} cases
      </p>
      <div className="table-wrap">
        <table className="matrix confusion-table">
          <thead>
            <tr>
              <th scope="col" className="corner">
                expected ↓ predicted →
              </th>
              {labels.map((label) => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
              <th scope="col">recall</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((expected, row) => {
              const perClass = classification.perClass.find((entry) => entry.label === expected);
              return (
                <tr key={expected}>
                  <th scope="row">{expected}</th>
                  {labels.map((predicted, column) => {
                    const count = matrix[row]![column]!;
                    const right = row === column;
                    const shade = count === 0 ? 0 : 0.15 + 0.6 * (count / largest);
                    return (
                      <td
                        key={predicted}
                        className={`count ${right ? 'right' : 'wrong'}`}
                        style={{ ['--shade' as string]: shade }}
                        title={`expected ${expected}, predicted ${predicted}: ${count}`}
                      >
                        {count}
                      </td>
                    );
                  })}
                  <td className="muted small">{perClass ? percent(perClass.recall, 0) : '—'}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row" className="muted small">
                precision
              </th>
              {labels.map((label) => {
                const perClass = classification.perClass.find((entry) => entry.label === label);
                return (
                  <td key={label} className="muted small">
                    {perClass ? percent(perClass.precision, 0) : '—'}
                  </td>
                );
              })}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
