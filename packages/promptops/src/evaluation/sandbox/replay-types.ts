import type { RunStatus } from '../../runtime/run-result.ts';

/** The most live runs one replay takes: each is a model call billed like any other. */
export const MAX_REPLAY_LIMIT = 200;
/** Draft runs in flight at once, unless the caller asks for fewer. */
export const DEFAULT_REPLAY_CONCURRENCY = 4;

/** Which live runs to replay: the newest of the prompt in one environment that kept their input. */
export interface ReplaySource {
  environment: string;
  /** 1 to MAX_REPLAY_LIMIT. */
  limit: number;
  /** Only runs started at or after this time. */
  since?: Date;
  /** Only runs served on this arm (`stable`, `canary`). */
  arm?: string;
  /** Only runs that ended so (`blocked`: did the draft fix them?). */
  status?: RunStatus;
}

/** What the live runs are replayed through: unsaved content, or a saved version run as a draft. */
export type ReplayTarget = { content: unknown } | { version: number };

export interface ReplayInput {
  prompt: string;
  draft: ReplayTarget;
  from: ReplaySource;
  /** Draft runs in flight at once (1–16); default 4. */
  concurrency?: number;
  /** Stops the replay: no further run starts, runs in flight are cancelled, the result says aborted. */
  signal?: AbortSignal;
}

/** One side of a pair, as its run record (live) or run result (draft) states it. */
export interface ReplaySide {
  runId: string;
  status: RunStatus;
  /** Live: the redacted output as recorded (null when not kept). Draft: the answer. */
  output: string | null;
  /** Why it was not ok: the error code and message, a guard's or the model's reason. */
  reason: string | null;
  version: number | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Null when the price is unknown, never a silent 0. */
  cost: number | null;
  currency: string | null;
  latencyMs: number;
}

export interface ReplayItem {
  /** The live run replayed (its id is `live.runId`), and when it ran. */
  startedAt: string;
  live: ReplaySide;
  draft: ReplaySide;
  /** The status differs, or both answered and the text differs. */
  changed: boolean;
}

/** Live runs that could not be replayed, counted by reason. */
export interface ReplaySkip {
  reason: string;
  count: number;
  /** Up to ten of them, for a look at the records. */
  runIds: string[];
}

export interface SideFigures {
  meanInputTokens: number | null;
  meanOutputTokens: number | null;
  /** Known costs summed (USD when the prices are); null when no run had a price. */
  totalCost: number | null;
  /** Runs with no known cost, left out of totalCost. */
  unpriced: number;
  p50LatencyMs: number | null;
}

export interface ReplaySummary {
  replayed: number;
  skipped: number;
  changed: number;
  /** `ok → blocked` and the like, most frequent first; unchanged statuses are not listed. */
  statusChanges: { from: RunStatus; to: RunStatus; count: number }[];
  live: SideFigures;
  draft: SideFigures;
  /** True when the caller stopped it: the items are those that finished. */
  aborted: boolean;
}

export interface ReplayResult {
  prompt: string;
  environment: string;
  /** The version replayed through, or null for unsaved content. */
  version: number | null;
  /** Who replayed: the runs carry it in `metadata.sandbox` (GET /api/sandbox/runs). */
  actor: string;
  /** Changed pairs first, then by the live run's start, newest first. */
  items: ReplayItem[];
  skipped: ReplaySkip[];
  summary: ReplaySummary;
}
