/**
 * What a guard concludes (issue 4, item 5): every check returns one of these as a value, with the
 * reasons and the spans that caused it, for run records and metrics.
 */
export type GuardAction = 'allow' | 'redact' | 'block' | 'escalate';

export interface GuardSpan {
  start: number;
  end: number;
  /** What was found there: an entity type, a banned term, a commitment kind. */
  label: string;
}

export interface GuardCheckResult {
  check: string;
  action: GuardAction;
  reasons: string[];
  spans: GuardSpan[];
}

const SEVERITY: Record<GuardAction, number> = { allow: 0, redact: 1, escalate: 2, block: 3 };

/** The strictest action among several checks: block > escalate > redact > allow. */
export function strictest(results: readonly GuardCheckResult[]): GuardAction {
  return results.reduce<GuardAction>(
    (worst, result) => (SEVERITY[result.action] > SEVERITY[worst] ? result.action : worst),
    'allow',
  );
}
