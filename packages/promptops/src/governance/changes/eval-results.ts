import type { ArtifactKind } from '../../catalog/content/names.ts';
import { notFound } from '../../catalog/service/move-label.ts';
import { PromptopsError } from '../../errors/index.ts';
import { findArtifact, findVersion, insertEvalResult, listEvalResults } from '../../store/index.ts';
import { authorize, type Principal } from '../access/index.ts';
import { mutate } from '../audit/index.ts';
import type { GovernanceDeps } from './governance-deps.ts';

export interface EvalResultInput {
  kind: ArtifactKind;
  name: string;
  version: number;
  suite: string;
  passed: number;
  total: number;
  details?: Record<string, unknown>;
}

/**
 * Records a suite's result on a version: the evidence approval gates read (tiers.<risk>.required_suites).
 * The evaluation runner calls this; results are append-only, and the newest per suite counts.
 */
export async function recordEvalResult(deps: GovernanceDeps, principal: Principal, input: EvalResultInput) {
  authorize(principal, 'eval-record', input.name);
  if (
    !(
      Number.isInteger(input.total) &&
      input.total > 0 &&
      Number.isInteger(input.passed) &&
      input.passed >= 0 &&
      input.passed <= input.total
    )
  ) {
    throw new PromptopsError(
      'invalid_argument',
      'passed and total are whole numbers with 0 ≤ passed ≤ total and total > 0',
      {
        parameter: 'passed',
      },
    );
  }
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const artifact = await findArtifact(context.tx, input.kind, input.name);
    if (!artifact) throw notFound(input.kind, input.name);
    if (!(await findVersion(context.tx, artifact.id, input.version))) {
      throw new PromptopsError('version_not_found', `${input.name} has no version ${input.version}`, {
        version: input.version,
      });
    }
    const row = await insertEvalResult(context.tx, {
      artifactId: artifact.id,
      version: input.version,
      suite: input.suite,
      passRate: input.passed / input.total,
      passed: input.passed,
      total: input.total,
      details: input.details ?? {},
      recordedBy: principal.actor,
      recordedAt: context.now(),
    });
    context.audit({
      action: 'eval-record',
      targetKind: input.kind,
      target: input.name,
      details: {
        version: input.version,
        suite: input.suite,
        passed: input.passed,
        total: input.total,
        // A result the server computed names who asked for it (POST /api/eval-runs).
        ...(typeof input.details?.requestedBy === 'string' && { requestedBy: input.details.requestedBy }),
      },
    });
    return {
      suite: row.suite,
      version: row.version,
      passRate: row.passRate,
      passed: row.passed,
      total: row.total,
    };
  });
}

export interface LatestEvalResult {
  suite: string;
  passRate: number;
  passed: number;
  total: number;
  recordedAt: string;
  recordedBy: string;
  /** Numeric metrics the runner recorded beside the pass rate (accuracy, format compliance…). */
  metrics: Record<string, number>;
  /** Models, promptops release and tools the result was measured with (`promptops test` records it). */
  testedWith?: unknown;
}

const RECORDED_METRICS = [
  'accuracy',
  'macroF1',
  'formatCompliance',
  'guardTriggerRate',
  'piiLeakRate',
  'escalationRate',
] as const;

function metricsOf(details: Record<string, unknown>): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const key of RECORDED_METRICS) {
    const value = details[key];
    if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
  }
  return metrics;
}

/** The newest result per suite on one version (what `show` and the catalog list per version). */
export async function latestEvalResults(
  deps: GovernanceDeps,
  principal: Principal,
  input: { kind: ArtifactKind; name: string; version: number },
): Promise<LatestEvalResult[]> {
  authorize(principal, 'catalog-read', input.name);
  const artifact = await findArtifact(deps.db, input.kind, input.name);
  if (!artifact) throw notFound(input.kind, input.name);
  const latest = new Map<string, LatestEvalResult>();
  for (const row of await listEvalResults(deps.db, artifact.id, input.version)) {
    if (latest.has(row.suite)) continue; // newest first per suite
    const details = (row.details ?? {}) as Record<string, unknown>;
    latest.set(row.suite, {
      suite: row.suite,
      passRate: row.passRate,
      passed: row.passed,
      total: row.total,
      recordedAt: row.recordedAt.toISOString(),
      recordedBy: row.recordedBy,
      metrics: metricsOf(details),
      ...(details.testedWith !== undefined && { testedWith: details.testedWith }),
    });
  }
  return [...latest.values()];
}
