import type { Context } from '@opentelemetry/api';
import type { RunMessage } from './context/message-variable.ts';
import type { ModelMessage } from './providers/provider.ts';

/** The environment sandbox runs are recorded under (RunOptions.sandbox); nothing is deployed to it. */
export const SANDBOX_ENVIRONMENT = 'sandbox';

export interface RunOptions {
  environment?: string;
  /** Run this version exactly (evaluation, debugging). */
  version?: number;
  /**
   * Run unsaved prompt content instead of a catalog version (the web editor's "Try it"): checked as
   * the catalog checks content, then guards, budgets and policies apply as for a version. The result
   * has `version: null` and `arm: 'draft'`; it is recorded, never sampled, and alerts skip it.
   */
  draft?: { content: unknown };
  /**
   * A sandbox replay of live traffic (evaluation/sandbox, issue 10 item 4): the run resolves
   * fragments, example banks, overrides and tool policy as `environment` serves them, but it is
   * recorded under the environment `sandbox` (SANDBOX_ENVIRONMENT), and no tool handler runs: each
   * call the policy allows fails with a sandbox notice instead, so replaying a customer's request
   * never looks an order up or starts a return. Given with `draft`, whose runs are never sampled and
   * which alerts and run stats leave out.
   */
  sandbox?: { actor: string };
  /** User, session or request id for sticky canary assignment; a random id when absent. */
  stickyKey?: string;
  /** Conversation so far, trimmed to the prompt's `context.history_tokens`. */
  history?: ModelMessage[];
  /**
   * A chat front end's latest user message (the OpenAI gateway): it fills the variable named, else
   * the prompt's first required string variable, once the version is resolved (context/message-variable.ts).
   */
  message?: RunMessage;
  /**
   * `provider/model` to call instead of the prompt's route, with no fallbacks: evaluation's model
   * comparisons. Still refused when policies.yaml does not allow the model for the prompt's data.
   */
  model?: string;
  /** low | medium | high: picks a route by complexity when the prompt does not name one. */
  complexity?: 'low' | 'medium' | 'high';
  requestId?: string;
  signal?: AbortSignal;
  /** Set by chains: the run this one is a stage of. */
  parentRunId?: string;
  rootRunId?: string;
  metadata?: Record<string, unknown>;
  /**
   * A person's approval for this run to call irreversible tools (docs/tools.md); without it a call
   * to an irreversible tool escalates the run instead of running.
   */
  authorization?: { approvedBy: string; reason?: string };
  /**
   * The OpenTelemetry context the run's span starts under (a chain stage, a server request with a
   * traceparent); the active context when absent. Tracing is off until an SDK is registered.
   */
  traceContext?: Context;
}
