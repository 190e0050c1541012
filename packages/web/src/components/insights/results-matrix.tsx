import type { RecordedCase, RecordedVersion } from '../../api/insight-types.ts';
import { formatTime } from '../format.ts';
import { percent } from './format-insights.ts';

export interface CellChoice {
  version: number;
  caseId: string;
}

/**
 * A suite's cases × versions: pass or fail per cell (from each version's recorded cases), the pass
 * rate per version in the header; a cell opens the case's outputs and assertion reasons.
 */
export function ResultsMatrix({
  versions,
  selected,
  onSelect,
}: {
  versions: readonly RecordedVersion[];
  selected: CellChoice | undefined;
  onSelect(choice: CellChoice): void;
}) {
  const caseIds = orderedCaseIds(versions);
  const byVersion = new Map(
    versions.map((entry) => [entry.version, new Map((entry.cases ?? []).map((each) => [each.caseId, each]))]),
  );
  const descriptions = new Map<string, string>();
  for (const entry of versions) {
    for (const each of entry.cases ?? [])
      if (each.description) descriptions.set(each.caseId, each.description);
  }
  return (
    <div className="table-wrap matrix-wrap">
      <table className="matrix" data-testid="results-matrix">
        <thead>
          <tr>
            <th scope="col">Case</th>
            {versions.map((entry) => (
              <th
                scope="col"
                key={entry.version}
                title={`recorded ${formatTime(entry.recordedAt)} by ${entry.recordedBy}`}
              >
                v{entry.version}
                <div className={`rate ${entry.passed === entry.total ? 'good-text' : 'bad-text'}`}>
                  {entry.passed}/{entry.total} · {percent(entry.passRate, 0)}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {caseIds.map((caseId) => (
            <tr key={caseId}>
              <th scope="row">
                <code>{caseId}</code>
                {descriptions.get(caseId) && <div className="muted small">{descriptions.get(caseId)}</div>}
              </th>
              {versions.map((entry) => {
                const result = byVersion.get(entry.version)?.get(caseId);
                const isSelected = selected?.version === entry.version && selected.caseId === caseId;
                return (
                  <td key={entry.version} className="cell">
                    {result ? (
                      <button
                        type="button"
                        className={`verdict ${result.pass ? 'pass' : 'fail'}${isSelected ? ' selected' : ''}`}
                        aria-label={`${caseId} on v${entry.version}: ${result.pass ? 'pass' : 'fail'}`}
                        aria-pressed={isSelected}
                        onClick={() => onSelect({ version: entry.version, caseId })}
                      >
                        {result.pass ? '✓' : '✗'}
                        {result.repeats.length > 1 && (
                          <span className="small"> {percent(result.passRate, 0)}</span>
                        )}
                      </button>
                    ) : (
                      <span
                        className="muted"
                        title={entry.cases ? 'not in this run' : 'recorded without per-case results'}
                      >
                        —
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {versions.some((entry) => entry.cases === null) && (
        <p className="muted small">
          “—” in a whole column: that version's result was recorded without per-case results (its totals are
          in the header).
        </p>
      )}
    </div>
  );
}

/** Case ids in the order the newest version ran them, then any only older versions had. */
function orderedCaseIds(versions: readonly RecordedVersion[]): string[] {
  const ids = new Set<string>();
  for (const entry of [...versions].reverse()) {
    for (const each of entry.cases ?? ([] as RecordedCase[])) ids.add(each.caseId);
  }
  return [...ids];
}
