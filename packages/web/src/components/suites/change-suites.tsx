import { useState } from 'react';
import { ApiError, api, namePath, query } from '../../api/client.ts';
import type { EvalHistory, RecordedVersion } from '../../api/insight-types.ts';
import type { SuiteRunReport } from '../../api/suite-types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { GuideLink } from '../guide-link.tsx';
import { SuiteRunView } from './suite-run-view.tsx';

/** A recorded version's results as a suite run report, so recorded and fresh runs read alike. */
function recordedReport(history: EvalHistory, version: number): SuiteRunReport {
  const suites = history.suites.flatMap(({ suite, versions }) => {
    const entry: RecordedVersion | undefined = versions.find((item) => item.version === version);
    if (!entry) return [];
    return [
      {
        suite,
        file: `evals/${suite}.yaml`,
        kind: entry.suiteKind ?? '',
        passed: entry.passed,
        total: entry.total,
        passRate: entry.passRate,
        thresholdFailures: entry.thresholdFailures,
        cases: entry.cases ?? [],
        proposed: entry.proposedCases ?? [],
        recorded: true,
        durationMs: 0,
      },
    ];
  });
  return { prompt: history.name, version, environment: '', tokens: null, suites };
}

/**
 * A change request's evidence from the suites (issue 10): the token change against what the
 * environment serves, and the recorded suite results on the proposed version beside the served
 * one, with the cases proposed from production and those that changed. An author may run the
 * suites on both versions on the server (`POST /api/eval-runs`); the results are recorded, so the
 * approval gate reads them.
 */
export function ChangeSuites({
  name,
  version,
  served,
  environment,
  canRun,
  onRecorded,
}: {
  name: string;
  version: number;
  /** The version the environment serves now, when there is one. */
  served: number | undefined;
  environment: string;
  canRun: boolean;
  onRecorded(): void;
}) {
  const baseline = served !== undefined && served !== version ? served : undefined;
  const versions = baseline !== undefined ? [baseline, version] : [version];
  const tokens = useApi<{ tokens: Record<string, number | null> }>(
    `/api/rendered-tokens/${namePath(name)}?${versions.map((item) => `versions=${item}`).join('&')}`,
  );
  const history = useApi<EvalHistory>(`/api/eval-history/prompt/${namePath(name)}${query({})}`);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  /** Runs outside production answer but are not recorded (gates read production's): shown as run. */
  const [unrecorded, setUnrecorded] = useState<SuiteRunReport[] | undefined>();

  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const reports = await Promise.all(
        versions.map((item) =>
          api<SuiteRunReport>('/api/eval-runs', { body: { prompt: name, version: item, environment } }),
        ),
      );
      const recorded = reports.every((report) => report.suites.every((suite) => suite.recorded));
      setUnrecorded(recorded ? undefined : reports);
      history.reload();
      onRecorded();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setRunning(false);
    }
  };

  const after = tokens.data?.tokens[version];
  const before = baseline !== undefined ? tokens.data?.tokens[baseline] : undefined;
  const report = history.data && recordedReport(history.data, version);
  const baseReport =
    history.data && baseline !== undefined ? recordedReport(history.data, baseline) : undefined;
  return (
    <section data-testid="change-suites">
      <div className="section-head">
        <h2>Suites and tokens</h2>
        <GuideLink step="eval-gates" />
      </div>
      {typeof after === 'number' && (
        <p data-testid="token-change">
          Tokens per request:{' '}
          {typeof before === 'number' && (
            <>
              {before} on v{baseline} (what {environment} serves) →{' '}
            </>
          )}
          <strong>{after}</strong> on v{version}
          {typeof before === 'number' && (
            <>
              {' '}
              <span className={after <= before ? 'good-text' : 'bad-text'}>
                ({after - before >= 0 ? '+' : ''}
                {after - before}, {after - before >= 0 ? '+' : ''}
                {before === 0 ? '—' : `${(((after - before) / before) * 100).toFixed(1)}%`})
              </span>
            </>
          )}
          <span className="muted small"> · rendered with placeholder values, fragments inlined</span>
        </p>
      )}
      {canRun && (
        <div className="actions">
          <button type="button" className="primary" disabled={running} onClick={() => void run()}>
            {running
              ? 'Running suites…'
              : `Run suites on v${version}${baseline !== undefined ? ` and v${baseline}` : ''}`}
          </button>
          <span className="muted small">On the server, through the runtime; the results are recorded.</span>
        </div>
      )}
      <ErrorNote error={error ?? history.error} />
      {unrecorded ? (
        <>
          <p className="notice small" data-testid="runs-not-recorded">
            Runs in {environment} are not recorded: approval gates read results run in production.
          </p>
          <SuiteRunView
            report={unrecorded.at(-1)!}
            baseline={unrecorded.length > 1 ? unrecorded[0] : undefined}
            label={`v${version}`}
            baselineLabel={baseline !== undefined ? `v${baseline}` : 'before'}
          />
        </>
      ) : report && report.suites.length > 0 ? (
        <SuiteRunView
          report={report}
          baseline={baseReport}
          label={`v${version}`}
          baselineLabel={baseline !== undefined ? `v${baseline}` : 'before'}
        />
      ) : (
        history.data && <p className="muted">No suite results recorded on v{version} yet.</p>
      )}
    </section>
  );
}
