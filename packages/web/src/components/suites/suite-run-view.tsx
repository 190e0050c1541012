import { useState } from 'react';
import type { RecordedCase } from '../../api/insight-types.ts';
import { failureReason, type SuiteRunReport, type SuiteRunResult } from '../../api/suite-types.ts';
import { CaseDetail } from '../insights/case-detail.tsx';

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** Pass or fail as a badge; `undefined` (not run there) as a dash. */
export function PassBadge({ pass }: { pass: boolean | undefined }) {
  if (pass === undefined) return <span className="muted">—</span>;
  return <span className={`badge ${pass ? 'good' : 'bad'}`}>{pass ? 'pass' : 'fail'}</span>;
}

/**
 * A server suite run (POST /api/eval-runs): per suite the pass count and the gate, the failing
 * cases with why, and the cases proposed from production (they count in no figure). With a
 * `baseline` run (what the environment serves), proposed and changed cases show both sides.
 */
export function SuiteRunView({
  report,
  baseline,
  label,
  baselineLabel,
}: {
  report: SuiteRunReport;
  baseline?: SuiteRunReport | undefined;
  label: string;
  baselineLabel?: string;
}) {
  return (
    <div className="suite-run" data-testid="suite-run">
      {report.suites.map((suite) => (
        <SuiteResult
          key={suite.suite}
          suite={suite}
          baseline={baseline?.suites.find((entry) => entry.suite === suite.suite)}
          label={label}
          baselineLabel={baselineLabel ?? 'before'}
        />
      ))}
    </div>
  );
}

function SuiteResult({
  suite,
  baseline,
  label,
  baselineLabel,
}: {
  suite: SuiteRunResult;
  baseline: SuiteRunResult | undefined;
  label: string;
  baselineLabel: string;
}) {
  const [open, setOpen] = useState<RecordedCase | undefined>();
  const gateMet = suite.thresholdFailures.length === 0;
  const failing = suite.cases.filter((result) => !result.pass);
  const before = new Map(baseline?.cases.map((result) => [result.caseId, result.pass]));
  const changed = baseline ? suite.cases.filter((result) => before.get(result.caseId) !== result.pass) : [];
  const proposedBefore = new Map(baseline?.proposed.map((result) => [result.candidate, result.pass]));
  return (
    <section className="card" data-testid={`suite-${suite.suite}`}>
      <div className="section-head">
        <h3 style={{ margin: 0 }}>
          {suite.suite} <span className="muted small">{suite.kind}</span>
        </h3>
        {suite.total > 0 && (
          <span className={`badge ${gateMet ? 'good' : 'bad'}`} data-testid="suite-gate">
            {suite.passed}/{suite.total} passed ({percent(suite.passRate)}){gateMet ? '' : ' · gate missed'}
          </span>
        )}
        {suite.recorded && <span className="muted small">recorded</span>}
      </div>
      {suite.thresholdFailures.length > 0 && (
        <ul className="issues">
          {suite.thresholdFailures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      )}
      {failing.length > 0 && (
        <>
          <h4>Failing cases</h4>
          <ul className="case-list" data-testid="failing-cases">
            {failing.map((result) => (
              <li key={result.caseId}>
                <button type="button" className="link" onClick={() => setOpen(result)}>
                  <code>{result.caseId}</code>
                </button>{' '}
                <span className="muted small">{failureReason(result)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {changed.length > 0 && (
        <>
          <h4>
            Cases that changed ({baselineLabel} → {label})
          </h4>
          <ul className="case-list" data-testid="changed-cases">
            {changed.map((result) => (
              <li key={result.caseId}>
                <code>{result.caseId}</code> <PassBadge pass={before.get(result.caseId)} /> →{' '}
                <PassBadge pass={result.pass} />
              </li>
            ))}
          </ul>
        </>
      )}
      {suite.proposed.length > 0 && (
        <>
          <h4>Cases proposed from production</h4>
          <p className="muted small">
            Run beside the suite; they count in no figure above until written into {suite.file} (
            <code>promptops evals add-case {suite.suite} --from-candidate ID</code>).
          </p>
          <div className="table-wrap">
            <table data-testid="proposed-cases">
              <thead>
                <tr>
                  <th>Case</th>
                  <th>Proposed by</th>
                  {baseline && <th>{baselineLabel}</th>}
                  <th>{label}</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {suite.proposed.map((result) => (
                  <tr key={result.candidate} data-testid={`proposed-${result.candidate}`}>
                    <td>
                      <button type="button" className="link" onClick={() => setOpen(result)}>
                        #{result.candidate} <code>{result.caseId}</code>
                      </button>
                      {result.description && <div className="small muted">{result.description}</div>}
                    </td>
                    <td>{result.proposedBy.replace(/^user:/, '')}</td>
                    {baseline && (
                      <td>
                        <PassBadge pass={proposedBefore.get(result.candidate)} />
                      </td>
                    )}
                    <td>
                      <PassBadge pass={result.pass} />
                    </td>
                    <td className="small">{failureReason(result)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {open && <CaseDetail version={label} result={open} onClose={() => setOpen(undefined)} />}
    </section>
  );
}
