import type { ServerErrorCode } from './error-codes.ts';

/**
 * What `POST /api/runs` answers, as JSON. These mirror the server's RunResult
 * (packages/promptops/src/runtime/run-result.ts); test/types.test.ts checks at compile time that the
 * server's type still fits them.
 */
export type RunStatus = 'ok' | 'uncertain' | 'escalated' | 'blocked' | 'failed';

export type Arm = 'stable' | 'canary' | 'pinned' | 'latest' | 'draft';

export interface GuardVerdict {
  guard: string;
  stage: 'input' | 'output';
  action: 'allow' | 'redact' | 'block' | 'escalate';
  reason?: string;
  /** Where in the checked text and what was found there; never the text itself. */
  spans?: { start: number; end: number; label: string }[];
  field?: string;
}

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  /** True when the provider reported no usage and these are estimates. */
  estimated: boolean;
}

/** One model call the run made; failed ones are listed too, so fallbacks are never invisible. */
export interface RunAttempt {
  model: string;
  attempt: number;
  outcome: 'ok' | 'failed' | 'skipped';
  kind?: string;
  status?: number;
  message?: string;
  durationMs: number;
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
  decision?: 'auto' | 'verify' | 'escalate';
  confidence?: number;
  /** Why: the model's reason for `uncertain`, the guard's for `blocked`. */
  reason?: string;
  error?: { code: ServerErrorCode; message: string };
  /** `provider/model` that answered. */
  model: string | null;
  finishReason?: 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';
  usage: RunUsage | null;
  /** Null when the price is unknown: never a silent 0. */
  cost: { amount: number; currency: string } | null;
  attempts: RunAttempt[];
  validationRetries: string[];
  verdicts: GuardVerdict[];
  /** Prompts that declare tools: each call the model asked for and the tool policy's decision. */
  toolCalls?: RunToolCall[];
  /** Prompts that retrieve: the passages that entered the prompt, by id (the server's docs/retrieval.md). */
  retrieved?: RunRetrievedPassage[];
  latencyMs: number;
  timeToFirstTokenMs?: number;
  warnings: string[];
}

/** One tool call of a run (the server's docs/tools.md); arguments and result are redacted. */
export interface RunToolCall {
  callId: string;
  round: number;
  tool: string;
  sideEffect: 'read' | 'write' | 'irreversible' | null;
  decision: 'allow' | 'deny' | 'escalate';
  outcome: 'ok' | 'failed' | 'not-run';
  reason?: string;
  arguments: unknown;
  resultSummary?: string;
  attempts: number;
  durationMs: number;
  /** ISO time. */
  startedAt: string;
  authorizedBy?: string;
}

/** One retrieved passage of a run (provenance): never its text. */
export interface RunRetrievedPassage {
  /** `source:doc`, as citations name it. */
  id: string;
  source: string;
  docId: string;
  version?: string;
  title?: string;
  tokens: number;
  /** `passage`, `cut` to the token budget, or a cached `summary`. */
  form: 'passage' | 'cut' | 'summary';
}
