import type { CaseOutput } from '../eval-types.ts';

/**
 * Per-repeat yes/no signals that suite metrics count and comparisons pair. One definition each, so
 * a rate in a report and the same rate in a comparison can never disagree.
 */

/**
 * Format-compliant: the output was not rejected by output validation. Only a run whose status is
 * `failed` with error code `output_invalid` (the model's answer broke the prompt's output format or
 * schema after the validation retries) is non-compliant. A blocked, escalated or otherwise failed
 * run (timeout, provider error) says nothing about format and counts as compliant.
 */
export const isFormatCompliant = (output: CaseOutput): boolean =>
  !(output.status === 'failed' && output.error?.code === 'output_invalid');

/**
 * A guard triggered: any verdict other than `allow` at either stage. The runtime records a verdict
 * only when a check found something, so in practice this is "any verdict"; an explicit `allow`
 * verdict is not a trigger.
 */
export const guardTriggered = (output: CaseOutput): boolean =>
  output.verdicts.some((verdict) => verdict.action !== 'allow');

/**
 * A PII leak was caught: an output-stage verdict from a `pii-leak` check. Guard names are labels
 * such as `customer-facing:pii-leak` or `strict:policy-terms+pii-leak`, hence "contains".
 */
export const leakedPii = (output: CaseOutput): boolean =>
  output.verdicts.some(
    (verdict) =>
      verdict.stage === 'output' && verdict.guard.includes('pii-leak') && verdict.action !== 'allow',
  );

/** The run ended escalated (a guard or the confidence rule handed it to a human). */
export const wasEscalated = (output: CaseOutput): boolean => output.status === 'escalated';
