import type { DataClassification } from '../catalog/content/names.ts';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import type { PromptopsError } from '../errors/index.ts';
import type { FragmentOverrideRule } from '../templates/index.ts';
import type { CallPolicy, ModelTarget } from './call/call-model.ts';
import type { CircuitBreakers } from './call/circuit-breaker.ts';
import type { ExampleSelector } from './context/example-selector.ts';
import type { ModelCatalog } from './models/index.ts';
import type { ModelMessage, ModelParameters } from './providers/provider.ts';
import type { RunRecorder } from './records/run-recorder.ts';
import type { CachedCatalog } from './resolve/cached-catalog.ts';
import type { RetrievalRuntime } from './retrieval/create-retrieval.ts';
import type { GuardVerdict, RunResult } from './run-result.ts';
import type { ToolRuntime } from './tools/create-tool-runtime.ts';

/** The models to try, in order, with the parameters and limits of the call. */
export interface ModelPlan {
  route?: string;
  targets: ModelTarget[];
  parameters: ModelParameters;
  policy: CallPolicy;
}

export type PlanModels = (
  content: PromptContent,
  request: { complexity?: 'low' | 'medium' | 'high'; prompt: string; model?: string },
) => { ok: true; value: ModelPlan } | { ok: false; error: PromptopsError };

/** Stage 6: may refuse (hard limit), or switch to cheaper targets (soft limit). */
export interface BudgetGate {
  check(input: {
    prompt: string;
    owner: string;
    /** The prompt's data classification: a cheaper tier must be allowed for it. */
    classification?: DataClassification;
    plan: ModelPlan;
    messages: ModelMessage[];
  }): Promise<
    { ok: true; targets: ModelTarget[]; warnings: string[] } | { ok: false; error: PromptopsError }
  >;
  /** Called once after every checked call: `cost` in USD, 0 when it cost nothing or is unknown. */
  record(input: { prompt: string; owner: string; cost: number }): void;
}

export const NO_BUDGETS: BudgetGate = {
  check: async ({ plan }) => ({ ok: true, targets: plan.targets, warnings: [] }),
  record: () => {},
};

/** A guard stage hook: returns a verdict, or nothing when it has nothing to say. */
export type GuardHook = (input: {
  prompt: string;
  content: PromptContent;
  variables: Record<string, unknown>;
  output?: string;
}) => Promise<GuardOutcome | undefined> | GuardOutcome | undefined;

/**
 * A guard's verdict, and for `redact` the redacted values that replace what it checked: variables
 * (input guards) or the output (output guards).
 */
export interface GuardOutcome extends GuardVerdict {
  variables?: Record<string, unknown>;
  output?: string;
}

/** Everything the pipeline composes; built once by createRuntime, shared by every run. */
export interface RuntimeParts {
  cache: CachedCatalog;
  planModels: PlanModels;
  models: ModelCatalog;
  breakers: CircuitBreakers;
  budget: BudgetGate;
  recorder: RunRecorder;
  selectExamples: ExampleSelector;
  inputGuards: GuardHook[];
  outputGuards: GuardHook[];
  /** Told about every finished run (metrics); called after the record is queued, never throws into the run. */
  observers: readonly ((result: RunResult) => void)[];
  /** policies.yaml `overrides:`: which central fragments a prompt's folder renders with its override. */
  fragmentOverrides: readonly FragmentOverrideRule[];
  /** Tool handlers and policy (runtime/tools); without it a prompt's tools are not offered. */
  tools?: ToolRuntime;
  /** Retrieval sources (runtime/retrieval); without it a version's context.retrieval fails the run. */
  retrieval?: RetrievalRuntime;
}
