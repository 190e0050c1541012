import type { ErrorCode } from '../errors/index.ts';
import type { Attempt } from './call/call-model.ts';
import type { Decision } from './output/check-output.ts';
import type { FinishReason } from './providers/provider.ts';
import type { Arm } from './resolve/prompt-resolver.ts';
import type { RetrievalRecord } from './retrieval/passage.ts';
import type { ToolCallRecord } from './tools/tool-call-record.ts';

/** Outcomes of a run (DESIGN.md section 3). Every result states one. */
export type RunStatus = 'ok' | 'uncertain' | 'escalated' | 'blocked' | 'failed';

/** What a guard concluded; the guardrails issue fills these in. */
export interface GuardVerdict {
  guard: string;
  stage: 'input' | 'output';
  action: 'allow' | 'redact' | 'block' | 'escalate';
  reason?: string;
  /** Where in the checked text, and what was found there (entity types, terms); never the text itself. */
  spans?: { start: number; end: number; label: string }[];
  /** The variable or part of the output the spans are in. */
  field?: string;
}

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  /** True when the provider reported no usage and these are gpt-tokenizer estimates. */
  estimated: boolean;
}

export interface RunResult {
  status: RunStatus;
  runId: string;
  prompt: string;
  version: number | null;
  arm: Arm | null;
  environment: string | null;
  /** The model's answer text ('' when none). */
  output: string;
  /** The parsed JSON answer, for JSON prompts. */
  parsed?: unknown;
  /** Confidence handling (auto / verify / escalate) when the prompt sets thresholds. */
  decision?: Decision;
  confidence?: number;
  /** Why: the model's reason for `uncertain`, the guard's for `blocked`, the error's for `failed`. */
  reason?: string;
  error?: { code: ErrorCode; message: string };
  /** `provider/model` that answered. */
  model: string | null;
  /** Why the returned answer ended (`length`: it hit max_tokens); absent when no model answered. */
  finishReason?: FinishReason;
  usage: RunUsage | null;
  /** Null when the price is unknown: never a silent 0. */
  cost: { amount: number; currency: string } | null;
  /** Every model call made, failed ones included: fallbacks are never invisible. */
  attempts: Attempt[];
  /** Answers rejected by output validation before the one returned, each with its problem. */
  validationRetries: string[];
  verdicts: GuardVerdict[];
  /** Prompts that declare tools: every call the model asked for, with the policy's decision. */
  toolCalls?: ToolCallRecord[];
  /** Prompts that retrieve (context.retrieval): the passages that entered the prompt, ids only. */
  retrieved?: RetrievalRecord[];
  latencyMs: number;
  timeToFirstTokenMs?: number;
  warnings: string[];
}
