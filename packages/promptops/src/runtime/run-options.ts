import type { ModelMessage } from './providers/provider.ts';

export interface RunOptions {
  environment?: string;
  /** Run this version exactly (evaluation, debugging). */
  version?: number;
  /** User, session or request id for sticky canary assignment; a random id when absent. */
  stickyKey?: string;
  /** Conversation so far, trimmed to the prompt's `context.history_tokens`. */
  history?: ModelMessage[];
  /** low | medium | high: picks a route by complexity when the prompt does not name one. */
  complexity?: 'low' | 'medium' | 'high';
  requestId?: string;
  signal?: AbortSignal;
  /** Set by chains: the run this one is a stage of. */
  parentRunId?: string;
  rootRunId?: string;
  metadata?: Record<string, unknown>;
}
