import type { ErrorCode } from '../../errors/index.ts';
import type { RunResult, RunUsage } from '../run-result.ts';

/** Like a run's status; `uncertain` when the chain answered on a stage that said it was unsure (on_uncertain: continue). */
export type ChainStatus = 'ok' | 'escalated' | 'uncertain' | 'blocked' | 'failed';

/** What the application does next: show the answer, send the questions, hand over, or report. */
export type ChainOutcome = 'answered' | 'asked' | 'escalated' | 'failed' | 'blocked';

export interface ChainStageResult {
  id: string;
  prompt: string;
  result: RunResult;
}

/** Where the chain ended, when a stage or rule ended it rather than reaching `output`. */
export interface ChainEnd {
  stage: string;
  /** Index into the stage's `rules`; absent when the stage's own status ended the chain. */
  rule?: number;
}

export interface ChainResult {
  /** The parent run: every stage run carries it as `parentRunId` and `rootRunId`. */
  chainRunId: string;
  chain: string;
  status: ChainStatus;
  outcome: ChainOutcome;
  /**
   * The evaluated `output` when answered, the `ask` value (questions) when asked, a rule's
   * `{ escalate: … }` value when it gave one; otherwise null.
   */
  output: unknown;
  reason?: string;
  error?: { code: ErrorCode; message: string };
  endedAt?: ChainEnd;
  /** Stages that ran, in order; a stage that never started is not listed. */
  stages: ChainStageResult[];
  environment: string | null;
  startedAt: Date;
  latencyMs: number;
  /** Summed over the stages; null when any stage's cost is unknown (or none ran): never a silent 0. */
  cost: { amount: number; currency: string } | null;
  /** Summed over the stages; null when any stage reported none (or none ran). */
  usage: RunUsage | null;
}

/**
 * Sums stage costs. Mixed currencies cannot be added without a rate, so they give null too.
 * @example sumCosts([{ amount: 0.001, currency: 'USD' }, { amount: 0.002, currency: 'USD' }]) // { amount: 0.003, currency: 'USD' }
 */
export function sumCosts(costs: readonly RunResult['cost'][]): ChainResult['cost'] {
  const [first] = costs;
  if (!first) return null;
  let amount = 0;
  for (const cost of costs) {
    if (!cost || cost.currency !== first.currency) return null;
    amount += cost.amount;
  }
  return { amount, currency: first.currency };
}

export function sumUsage(usages: readonly (RunUsage | null)[]): RunUsage | null {
  if (usages.length === 0 || usages.some((usage) => usage === null)) return null;
  const known = usages as RunUsage[];
  const cached = known.filter((usage) => usage.cachedInputTokens !== undefined);
  return {
    inputTokens: known.reduce((total, usage) => total + usage.inputTokens, 0),
    outputTokens: known.reduce((total, usage) => total + usage.outputTokens, 0),
    ...(cached.length > 0
      ? { cachedInputTokens: cached.reduce((total, usage) => total + (usage.cachedInputTokens ?? 0), 0) }
      : {}),
    estimated: known.some((usage) => usage.estimated),
  };
}
