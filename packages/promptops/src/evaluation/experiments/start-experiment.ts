import { notFound } from '../../catalog/service/move-label.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import { mutate } from '../../governance/audit/index.ts';
import { scheduleMs } from '../../governance/policies/index.ts';
import { findDeployment, findRunningExperiment, insertExperiment, lockArtifact } from '../../store/index.ts';
import { type ExperimentDeps, nowOf } from './experiment-deps.ts';
import {
  type Direction,
  EXPERIMENT_METRICS,
  type ExperimentMetricName,
  METRIC_RULES,
} from './experiment-metrics.ts';
import { type ExperimentView, toExperimentView } from './experiment-view.ts';

export interface StartExperimentInput {
  prompt: string;
  environment: string;
  metric: string;
  /** Default: the metric's natural direction (higher for feedback, lower for error-rate…). */
  direction?: string;
  /** Goal samples needed in each arm before the goal is tested (the horizon). */
  minPerArm: number;
  /** `14d`, `36h`, `90m`: at the latest, the experiment ends then. */
  maxDuration: string;
  /** Default 0.05. */
  alpha?: number;
  guardrails?: string[];
  /** Default 0.01. */
  guardrailAlpha?: number;
  reason: string;
}

const DEFAULT_ALPHA = 0.05;
const DEFAULT_GUARDRAIL_ALPHA = 0.01;

const invalid = (parameter: string, message: string) =>
  new PromptopsError('invalid_argument', message, { parameter });

function checkMetric(parameter: string, metric: string): ExperimentMetricName {
  if ((EXPERIMENT_METRICS as readonly string[]).includes(metric)) return metric as ExperimentMetricName;
  throw invalid(parameter, `${parameter} must be one of ${EXPERIMENT_METRICS.join(', ')} (got ${metric})`);
}

function checkAlpha(parameter: string, alpha: number): number {
  if (!(alpha > 0 && alpha <= 0.2)) throw invalid(parameter, `${parameter} must be above 0 and at most 0.2`);
  return alpha;
}

/** The input checked, each bad field named; defaults filled in. */
export function checkStartInput(input: StartExperimentInput) {
  const metric = checkMetric('metric', input.metric);
  const direction = (input.direction ?? METRIC_RULES[metric].better) as Direction;
  if (direction !== 'higher' && direction !== 'lower') {
    throw invalid('direction', `direction must be higher or lower (got ${input.direction})`);
  }
  if (!Number.isInteger(input.minPerArm) || input.minPerArm < 2 || input.minPerArm > 10_000_000) {
    throw invalid('minPerArm', 'minPerArm must be a whole number from 2 to 10000000');
  }
  const durationMs = scheduleMs(input.maxDuration);
  if (durationMs === undefined || durationMs < 60 * 60_000) {
    throw invalid(
      'maxDuration',
      `maxDuration must be a period of at least 1h, such as 36h or 14d (got ${input.maxDuration})`,
    );
  }
  const alpha = checkAlpha('alpha', input.alpha ?? DEFAULT_ALPHA);
  const guardrailAlpha = checkAlpha('guardrailAlpha', input.guardrailAlpha ?? DEFAULT_GUARDRAIL_ALPHA);
  const guardrails = (input.guardrails ?? []).map((name) => checkMetric('guardrails', name));
  if (new Set(guardrails).size !== guardrails.length)
    throw invalid('guardrails', 'guardrails lists a metric twice');
  const reason = input.reason.trim();
  if (reason === '') throw invalid('reason', 'reason must say why the experiment runs');
  return { metric, direction, durationMs, alpha, guardrailAlpha, guardrails, reason };
}

/**
 * Starts an A/B experiment between what an environment serves: control = its stable version,
 * treatment = its canary version (which the governed deploy flow set; this moves no label).
 * Deployer on the prompt; audited as `experiment-start` and announced as `experiment.started`.
 * Refused without a canary, and while another experiment runs on the same prompt and environment.
 *
 * @example
 * await startExperiment(deps, dan, { prompt: 'support/classify-intent', environment: 'production',
 *   metric: 'escalation-rate', minPerArm: 400, maxDuration: '14d', guardrails: ['error-rate'], reason: 'terser prompt' });
 */
export async function startExperiment(
  deps: ExperimentDeps,
  principal: Principal,
  input: StartExperimentInput,
): Promise<ExperimentView> {
  const checked = checkStartInput(input);
  authorize(principal, 'experiment-manage', input.prompt);
  return mutate(deps.db, { actor: principal.actor, clock: () => nowOf(deps) }, async (context) => {
    const artifact = await lockArtifact(context.tx, 'prompt', input.prompt);
    if (!artifact) throw notFound('prompt', input.prompt);
    const deployment = await findDeployment(context.tx, artifact.id, input.environment);
    if (!deployment) {
      throw new PromptopsError(
        'environment_not_found',
        `${input.prompt} is not deployed in ${input.environment}`,
        { parameter: 'environment', environment: input.environment },
      );
    }
    if (deployment.canaryVersion === null) {
      throw new PromptopsError(
        'conflict',
        `${input.prompt} has no canary in ${input.environment}: an experiment compares the stable version with a canary; deploy a change with --canary first`,
        { environment: input.environment },
      );
    }
    const running = await findRunningExperiment(context.tx, input.prompt, input.environment);
    if (running) {
      throw new PromptopsError(
        'conflict',
        `experiment #${running.id} already runs on ${input.prompt} in ${input.environment}; stop it first`,
        { experiment: running.id },
      );
    }
    const now = context.now();
    const row = await insertExperiment(context.tx, {
      prompt: input.prompt,
      environment: input.environment,
      controlVersion: deployment.stableVersion,
      treatmentVersion: deployment.canaryVersion,
      canaryStartedAt: deployment.canaryStartedAt,
      metric: checked.metric,
      direction: checked.direction,
      guardrails: checked.guardrails,
      minPerArm: input.minPerArm,
      maxDuration: input.maxDuration,
      endsBy: new Date(now.getTime() + checked.durationMs),
      alpha: checked.alpha,
      guardrailAlpha: checked.guardrailAlpha,
      state: 'running',
      reason: checked.reason,
      startedBy: principal.actor,
      startedAt: now,
    });
    if (!row)
      throw new PromptopsError(
        'conflict',
        `an experiment already runs on ${input.prompt} in ${input.environment}`,
        {},
      );
    context.audit({
      action: 'experiment-start',
      targetKind: 'prompt',
      target: input.prompt,
      reason: checked.reason,
      details: {
        experiment: row.id,
        environment: row.environment,
        control_version: row.controlVersion,
        treatment_version: row.treatmentVersion,
        metric: row.metric,
        direction: row.direction,
        guardrails: row.guardrails,
        min_per_arm: row.minPerArm,
        max_duration: row.maxDuration,
        alpha: row.alpha,
        guardrail_alpha: row.guardrailAlpha,
      },
    });
    return toExperimentView(row);
  });
}
