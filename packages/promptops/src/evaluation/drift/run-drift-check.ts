import type { Catalog } from '../../catalog/service/catalog.ts';
import type { VersionRecord } from '../../catalog/service/records.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { EvalResultInput } from '../../governance/changes/eval-results.ts';
import { enqueueAlertEvent } from '../../governance/events/enqueue-alert-event.ts';
import type { DriftPolicy } from '../../governance/policies/index.ts';
import type { AlertLogger } from '../../observability/alerts/alert-log.ts';
import type { Runtime } from '../../runtime/create-runtime.ts';
import { type Database, findArtifact, listEvalResults } from '../../store/index.ts';
import type { AssertionServices } from '../eval-types.ts';
import { formatPercent } from '../reports/format-values.ts';
import { casesOfDetails, recordedDetails } from '../reports/index.ts';
import { promptExecutor, runSuite } from '../runner/index.ts';
import type { LoadedSuite } from '../suites/index.ts';
import { DRIFT_ACTOR, DRIFT_PRINCIPAL } from './drift-actor.ts';
import { type DriftFindings, driftFindings, figuresOf, watchedFigures } from './drift-findings.ts';

export interface DriftCheckDeps {
  db: Database;
  catalog: Pick<Catalog, 'resolve'>;
  /** The runtime without the eval response cache: the point is to see what the live model does now. */
  runtime: Pick<Runtime, 'run'>;
  services: AssertionServices;
  /** The suites under evals/, read at each check so an edited suite counts. */
  loadSuites(): Promise<LoadedSuite[]>;
  /** governance.evals.record: results are stored like `promptops test` stores them. */
  record(principal: typeof DRIFT_PRINCIPAL, input: EvalResultInput): Promise<unknown>;
  policy: DriftPolicy;
  log: AlertLogger;
  clock?: () => Date;
}

/** One suite re-run on one deployed version. */
export interface DriftSuiteResult {
  prompt: string;
  version: number;
  /** The watched environments serving this version. */
  environments: string[];
  suite: string;
  passed: number;
  total: number;
  passRate: number;
  /** The result compared with: the newest recorded before this run for the same suite and version. */
  previous?: { passRate: number; recordedAt: string; recordedBy: string };
  findings: DriftFindings;
  /** Some figure fell by more than `drop`: logged and announced as `eval.drift`. */
  drifted: boolean;
  /** Why the suite could not be run or recorded; nothing is compared then. */
  error?: string;
}

export interface DriftCheckReport {
  startedAt: string;
  finishedAt: string;
  drop: number;
  results: DriftSuiteResult[];
}

/**
 * One drift check (issue 10, item 6): every prompt suite re-runs on each version the watched
 * environments serve (once per version, however many environments serve it), the result is
 * recorded as `system:drift`, and compared with the previous result of the same suite and version.
 * A fall of the pass rate or a metric by more than the policy's `drop` is logged and queued as an
 * `eval.drift` webhook event with the figures. A suite that fails to run is reported, and the
 * others still run.
 */
export async function runDriftCheck(deps: DriftCheckDeps): Promise<DriftCheckReport> {
  const clock = deps.clock ?? (() => new Date());
  const startedAt = clock().toISOString();
  const results: DriftSuiteResult[] = [];
  for (const target of await deployedTargets(deps)) {
    results.push(await checkSuite(deps, target, clock));
  }
  return { startedAt, finishedAt: clock().toISOString(), drop: deps.policy.drop, results };
}

interface DriftTarget {
  suite: LoadedSuite;
  version: VersionRecord;
  environments: string[];
}

async function deployedTargets(deps: DriftCheckDeps): Promise<DriftTarget[]> {
  const targets = new Map<string, DriftTarget>();
  for (const suite of await deps.loadSuites()) {
    const target = suite.content.target;
    if (!('prompt' in target)) continue;
    for (const environment of deps.policy.environments) {
      const version = await servedVersion(deps, target.prompt, environment);
      if (!version) continue;
      const key = `${suite.name}\u0000${version.name}\u0000${version.version}`;
      const known = targets.get(key);
      if (known) known.environments.push(environment);
      else targets.set(key, { suite, version, environments: [environment] });
    }
  }
  return [...targets.values()];
}

async function servedVersion(
  deps: DriftCheckDeps,
  prompt: string,
  environment: string,
): Promise<VersionRecord | undefined> {
  try {
    return await deps.catalog.resolve('prompt', prompt, { environment });
  } catch (error) {
    // Not deployed there (or the prompt is not in the catalog yet): nothing to watch.
    if (PromptopsError.isInstance(error) && error.code.endsWith('_not_found')) return undefined;
    throw error;
  }
}

async function checkSuite(
  deps: DriftCheckDeps,
  { suite, version, environments }: DriftTarget,
  clock: () => Date,
): Promise<DriftSuiteResult> {
  const base = { prompt: version.name, version: version.version, environments, suite: suite.name };
  try {
    const artifact = await findArtifact(deps.db, 'prompt', version.name);
    const previousRow = artifact
      ? (await listEvalResults(deps.db, artifact.id, version.version)).find((row) => row.suite === suite.name)
      : undefined;
    const report = await runSuite({
      suite,
      version: version.version,
      execute: promptExecutor(deps.runtime, {
        prompt: version.name,
        version: version.version,
        environment: environments[0] as string,
        suite: suite.name,
      }),
      services: deps.services,
    });
    const previousCases = previousRow ? casesOfDetails(previousRow.details) : undefined;
    const findings = previousRow
      ? driftFindings(
          watchedFigures(previousRow.details, previousRow.passRate),
          figuresOf(report.metrics),
          deps.policy.drop,
          previousCases ? { before: previousCases, after: report.results } : undefined,
        )
      : { drops: [], regressions: [] };
    const previous = previousRow && {
      passRate: previousRow.passRate,
      recordedAt: previousRow.recordedAt.toISOString(),
      recordedBy: previousRow.recordedBy,
    };
    const result: DriftSuiteResult = {
      ...base,
      passed: report.metrics.passed,
      total: report.metrics.cases,
      passRate: report.metrics.passRate,
      ...(previous && { previous }),
      findings,
      drifted: findings.drops.length > 0,
    };
    if (report.metrics.cases === 0) return { ...result, error: 'the suite has no cases' };
    await deps.record(DRIFT_PRINCIPAL, {
      kind: 'prompt',
      name: version.name,
      version: version.version,
      suite: suite.name,
      passed: report.metrics.passed,
      total: report.metrics.cases,
      details: {
        ...recordedDetails(report),
        drift: {
          environments,
          drop: deps.policy.drop,
          ...(previous && { previous }),
          drops: findings.drops,
          regressions: findings.regressions,
          ...(findings.pValue !== undefined && { pValue: findings.pValue }),
        },
      },
    });
    if (result.drifted) await announce(deps, result, clock());
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error(
      { prompt: base.prompt, version: base.version, suite: base.suite, err: message },
      'drift check of a suite failed',
    );
    return {
      ...base,
      passed: 0,
      total: 0,
      passRate: 0,
      findings: { drops: [], regressions: [] },
      drifted: false,
      error: message,
    };
  }
}

/** `support/intents on support/classify-intent v3 (production): pass rate 100.0% → 75.0% (-25.0 points)` */
export function driftReason(result: DriftSuiteResult): string {
  const figures = result.findings.drops
    .map(
      (entry) =>
        `${entry.metric} ${formatPercent(entry.before)} → ${formatPercent(entry.after)} (-${(entry.fall * 100).toFixed(1)} points)`,
    )
    .join(', ');
  return `${result.suite} on ${result.prompt} v${result.version} (${result.environments.join(', ')}): ${figures}`;
}

async function announce(deps: DriftCheckDeps, result: DriftSuiteResult, at: Date): Promise<void> {
  const reason = driftReason(result);
  const details = {
    suite: result.suite,
    version: result.version,
    environments: result.environments,
    drop: deps.policy.drop,
    previous: result.previous,
    current: { passRate: result.passRate, passed: result.passed, total: result.total },
    drops: result.findings.drops,
    regressions: result.findings.regressions,
    ...(result.findings.pValue !== undefined && { pValue: result.findings.pValue }),
  };
  deps.log.warn({ event: 'eval.drift', prompt: result.prompt, ...details }, `eval drift: ${reason}`);
  await enqueueAlertEvent(deps.db, {
    event: 'eval.drift',
    at,
    target: result.prompt,
    reason,
    details,
    actor: DRIFT_ACTOR,
  });
}
