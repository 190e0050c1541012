import { useState } from 'react';
import { useParams } from 'react-router';
import { namePath } from '../api/client.ts';
import type { EvalHistory } from '../api/insight-types.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { formatTime } from '../components/format.ts';
import { GuideLink } from '../components/guide-link.tsx';
import { CaseDetail } from '../components/insights/case-detail.tsx';
import { ConfusionMatrixView } from '../components/insights/confusion-matrix.tsx';
import { PromptPicker } from '../components/insights/prompt-picker.tsx';
import { type CellChoice, ResultsMatrix } from '../components/insights/results-matrix.tsx';
import { VersionComparison } from '../components/insights/version-comparison.tsx';
import { MakeCaseForm } from '../components/suites/make-case-form.tsx';
import { usePermissions } from '../session.tsx';
import { useApi } from '../use-api.ts';
import '../components/insights/insights.css';

/**
 * Evaluations (issue 8, item 6): a prompt's recorded suite results as a cases × versions matrix,
 * each case's outputs and assertion reasons on click, two versions compared with the statistical
 * result, and the confusion matrix of a classifier suite. Read-only: results are recorded by
 * `promptops test` (a deployer's token, usually CI).
 */
export function EvaluationsPage() {
  const name = useParams()['*'] ?? '';
  return (
    <div className="insights">
      <div className="page-head">
        <h1>Evaluations</h1>
        <PromptPicker base="/evaluations" current={name} />
        <GuideLink step="evaluations" />
      </div>
      {name === '' ? (
        <p className="muted">Choose a prompt to see its eval results per version.</p>
      ) : (
        <PromptEvaluations key={name} name={name} />
      )}
    </div>
  );
}

function PromptEvaluations({ name }: { name: string }) {
  const history = useApi<EvalHistory>(`/api/eval-history/prompt/${namePath(name)}`);
  const [chosenSuite, setChosenSuite] = useState<string | undefined>();
  if (history.error) return <ErrorNote error={history.error} />;
  if (!history.data) return <p className="loading">Loading…</p>;
  const { suites } = history.data;
  if (suites.length === 0) {
    return (
      <p className="empty" data-testid="no-evals">
        No eval results recorded for {name} yet. Run <code>promptops test</code> with a deployer's token to
        record them.
      </p>
    );
  }
  const suite = suites.find((each) => each.suite === chosenSuite) ?? suites[0]!;
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Suites">
        {suites.map((each) => (
          <button
            key={each.suite}
            type="button"
            role="tab"
            aria-selected={each.suite === suite.suite}
            className={each.suite === suite.suite ? 'active' : ''}
            onClick={() => setChosenSuite(each.suite)}
          >
            {each.suite}
          </button>
        ))}
      </div>
      <SuiteResults key={suite.suite} name={name} suite={suite} />
    </>
  );
}

function SuiteResults({ name, suite }: { name: string; suite: EvalHistory['suites'][number] }) {
  const versions = suite.versions;
  const [cell, setCell] = useState<CellChoice | undefined>();
  const [making, setMaking] = useState<CellChoice | undefined>();
  const canPropose = usePermissions(name).can('eval-case-propose');
  const withCases = versions.filter((entry) => entry.cases !== null).map((entry) => entry.version);
  const [a, setA] = useState<number | undefined>(withCases.at(-2));
  const [b, setB] = useState<number | undefined>(withCases.at(-1));
  const classified = versions.filter((entry) => entry.classification !== null);
  const [confusionVersion, setConfusionVersion] = useState<number | undefined>(classified.at(-1)?.version);
  const selectedCase =
    cell &&
    versions
      .find((entry) => entry.version === cell.version)
      ?.cases?.find((each) => each.caseId === cell.caseId);
  const confusion = classified.find((entry) => entry.version === confusionVersion)?.classification;
  const latest = versions.at(-1)!;
  return (
    <>
      <p className="small muted">
        {latest.suiteKind && <>{latest.suiteKind} suite · </>}latest result v{latest.version}, recorded{' '}
        {formatTime(latest.recordedAt)} by {latest.recordedBy.replace(/^user:/, '')}
        {latest.thresholdFailures.length > 0 && (
          <span className="bad-text"> · thresholds missed: {latest.thresholdFailures.join('; ')}</span>
        )}
        {latest.thresholdFailures.length > 0 && (
          <>
            {' '}
            <GuideLink step="thresholds" />
          </>
        )}
      </p>
      <div className={selectedCase ? 'matrix-layout with-detail' : 'matrix-layout'}>
        <section className="card">
          <h2>Results by case and version</h2>
          <ResultsMatrix versions={versions} selected={cell} onSelect={setCell} />
        </section>
        {selectedCase && cell && (
          <div>
            <CaseDetail version={cell.version} result={selectedCase} onClose={() => setCell(undefined)} />
            {!selectedCase.pass && canPropose && making !== cell && (
              <button type="button" className="link small" onClick={() => setMaking(cell)}>
                Make eval case from this failure…
              </button>
            )}
            {!selectedCase.pass && making === cell && (
              <MakeCaseForm
                origin={{
                  prompt: name,
                  version: cell.version,
                  from: {
                    evalCase: { prompt: name, version: cell.version, suite: suite.suite, case: cell.caseId },
                  },
                  variables: `those of ${cell.caseId} in ${suite.suite}`,
                }}
                onClose={() => setMaking(undefined)}
              />
            )}
          </div>
        )}
      </div>
      <div className="insight-columns">
        <section className="card">
          <div className="section-head">
            <h2>Compare two versions</h2>
            <GuideLink step="comparison" />
          </div>
          {withCases.length < 2 ? (
            <p className="muted">
              Needs per-case results of two versions;{' '}
              {withCases.length === 1 ? 'one has them' : 'none has them'}.
            </p>
          ) : (
            <>
              <div className="filters">
                <VersionSelect label="A (baseline)" versions={withCases} value={a} onChange={setA} />
                <VersionSelect label="B (candidate)" versions={withCases} value={b} onChange={setB} />
              </div>
              {a !== undefined && b !== undefined && (
                <VersionComparison kind="prompt" name={name} suite={suite.suite} a={a} b={b} />
              )}
            </>
          )}
        </section>
        {classified.length > 0 && (
          <section className="card">
            <div className="section-head">
              <h2>Confusion matrix</h2>
              <GuideLink step="confusion-matrix" />
              <VersionSelect
                label="Version"
                versions={classified.map((entry) => entry.version)}
                value={confusionVersion}
                onChange={setConfusionVersion}
              />
            </div>
            {confusion && <ConfusionMatrixView classification={confusion} />}
          </section>
        )}
      </div>
    </>
  );
}

function VersionSelect({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: readonly number[];
  value: number | undefined;
  onChange(version: number): void;
}) {
  return (
    <label className="inline">
      {label}
      <select value={value ?? ''} onChange={(event) => onChange(Number(event.target.value))}>
        {versions.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </select>
    </label>
  );
}
