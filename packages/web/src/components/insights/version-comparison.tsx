import { namePath, query } from '../../api/client.ts';
import type { EvalComparison } from '../../api/insight-types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { percent } from './format-insights.ts';

/**
 * Two recorded versions of a suite compared as `promptops compare` does (GET /api/eval-comparison):
 * the pass rates with McNemar's exact test, the correct-class rate for classifiers, the cases that
 * regressed or improved and why, and a paired test (Wilcoxon signed-rank) on each per-case metric.
 */
export function VersionComparison({
  kind,
  name,
  suite,
  a,
  b,
}: {
  kind: string;
  name: string;
  suite: string;
  a: number;
  b: number;
}) {
  const result = useApi<EvalComparison>(
    `/api/eval-comparison/${kind}/${namePath(name)}${query({ suite, a, b })}`,
  );
  const data = result.data;
  if (result.error) return <ErrorNote error={result.error} />;
  if (!data) return <p className="muted">Comparing…</p>;
  const { comparison } = data;
  const measured = comparison.metrics.filter((metric) => metric.pairs > 0 && metric.test !== null);
  return (
    <div className="comparison" data-testid="comparison">
      <div className="tiles">
        <div>
          <dt>Pass rate v{data.a.version}</dt>
          <dd>{percent(comparison.passRate.a)}</dd>
        </div>
        <div>
          <dt>Pass rate v{data.b.version}</dt>
          <dd>{percent(comparison.passRate.b)}</dd>
        </div>
        <div>
          <dt>McNemar p</dt>
          <dd>{formatP(comparison.passRate.test.pValue)}</dd>
        </div>
      </div>
      <p
        className={`verdict-line ${comparison.passRate.significant ? (comparison.passRate.difference < 0 ? 'bad-text' : 'good-text') : ''}`}
        data-testid="comparison-verdict"
      >
        {comparison.passRate.verdict}
      </p>
      {comparison.classification && <p className="small">Classes: {comparison.classification.verdict}</p>}
      <p className="small muted">
        {comparison.paired} cases paired at α = {comparison.alpha}
        {comparison.onlyInA.length > 0 && ` · ${comparison.onlyInA.length} only in v${data.a.version}`}
        {comparison.onlyInB.length > 0 && ` · ${comparison.onlyInB.length} only in v${data.b.version}`}
      </p>
      <div className="change-lists">
        <ChangeList
          title={`Regressions (${comparison.regressions.length})`}
          tone="bad"
          changes={comparison.regressions}
        />
        <ChangeList
          title={`Improvements (${comparison.improvements.length})`}
          tone="good"
          changes={comparison.improvements}
        />
      </div>
      {measured.length > 0 && (
        <div className="table-wrap">
          <table className="metric-table">
            <thead>
              <tr>
                <th>Metric</th>
                <th>v{data.a.version}</th>
                <th>v{data.b.version}</th>
                <th>p</th>
              </tr>
            </thead>
            <tbody>
              {measured.map((metric) => (
                <tr key={metric.metric}>
                  <td>
                    {metric.label}
                    <div className={`small ${metric.significant ? '' : 'muted'}`}>{metric.verdict}</div>
                  </td>
                  <td>{formatMean(metric.meanA)}</td>
                  <td>{formatMean(metric.meanB)}</td>
                  <td title={metric.test?.method}>{metric.test ? formatP(metric.test.pValue) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ChangeList({
  title,
  tone,
  changes,
}: {
  title: string;
  tone: 'good' | 'bad';
  changes: EvalComparison['comparison']['regressions'];
}) {
  return (
    <div>
      <h4 className={`${tone}-text`}>{title}</h4>
      {changes.length === 0 ? (
        <p className="muted small">none</p>
      ) : (
        <ul className="small">
          {changes.map((change) => (
            <li key={change.caseId}>
              <code>{change.caseId}</code>
              {change.reason && <span className="muted"> — {change.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const formatP = (value: number): string => (value < 0.001 ? '< 0.001' : value.toFixed(3));
const formatMean = (value: number | null): string =>
  value === null ? '—' : Math.abs(value) >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
