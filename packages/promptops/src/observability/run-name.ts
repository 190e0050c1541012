import type { RunResult } from '../runtime/run-result.ts';

/** Errors meaning the run's name was the caller's own text, not a prompt or model promptops knows. */
const UNKNOWN_NAME = new Set(['prompt_not_found', 'model_not_found', 'invalid_argument']);

/**
 * Whether a run's `prompt` is a name from the catalog or promptops.yaml. A gateway request may name
 * anything; its text must not become a metric label or span name (unbounded cardinality, and it is
 * caller input). A resolved version proves the name; otherwise an unknown-name error disproves it.
 */
export function isKnownRunName(result: RunResult): boolean {
  return result.version !== null || !(result.error && UNKNOWN_NAME.has(result.error.code));
}

/** The label a run's name gets in metrics: the name when known, else `(unknown)`. */
export function runNameLabel(result: RunResult): string {
  return isKnownRunName(result) ? result.prompt : '(unknown)';
}
