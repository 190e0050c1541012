import type { AssertionSpec, CaseOutput } from '../eval-types.ts';
import type { AssertionHandler } from './assertion-handler.ts';
import { describeValue } from './describe-value.ts';
import { checkLimit, isPlainObject, textList, unknownKeys } from './spec-fields.ts';

/** The budget of `latency` / `cost`: `value`, or `threshold` as promptfoo writes it. */
function budget(spec: AssertionSpec): number {
  return (spec.value ?? spec.threshold) as number;
}

function checkBudget(spec: AssertionSpec): string | undefined {
  if (spec.value !== undefined && spec.threshold !== undefined) return 'give value or threshold, not both';
  return checkLimit(spec, spec.threshold !== undefined ? 'threshold' : 'value');
}

/** `latency`: the run took at most `value` (or `threshold`) milliseconds. */
export const latencyAssertion: AssertionHandler = {
  check: checkBudget,
  evaluate({ spec, output }) {
    const limit = budget(spec);
    return {
      pass: output.latencyMs <= limit,
      expected: `latency ≤ ${limit} ms`,
      found: `${output.latencyMs} ms`,
    };
  },
};

/** `cost`: the run cost at most `value` (or `threshold`) USD; an unknown price is unmeasured, never 0. */
export const costAssertion: AssertionHandler = {
  check: checkBudget,
  evaluate({ spec, output }) {
    if (output.costUsd === null) return { pass: null, reason: 'cost unknown (no price for this model)' };
    const limit = budget(spec);
    return { pass: output.costUsd <= limit, expected: `cost ≤ $${limit}`, found: `$${output.costUsd}` };
  },
};

export const RUN_STATUSES: readonly CaseOutput['status'][] = [
  'ok',
  'uncertain',
  'escalated',
  'blocked',
  'failed',
];

/** `status`: the run ended with `value`, or one of a list (`[ok, uncertain]`). */
export const statusAssertion: AssertionHandler = {
  check(spec) {
    if (spec.value === undefined) return `value is required (${RUN_STATUSES.join(', ')} or a list)`;
    const values = Array.isArray(spec.value) ? spec.value : [spec.value];
    if (values.length === 0) return 'value must not be an empty list';
    const wrong = values.find((value) => !RUN_STATUSES.includes(value as CaseOutput['status']));
    return wrong === undefined
      ? undefined
      : `value ${describeValue(wrong)} is not a status (${RUN_STATUSES.join(', ')})`;
  },
  evaluate({ spec, output }) {
    const wanted = textList(spec.value);
    return {
      pass: wanted.includes(output.status),
      expected: `status ${wanted.join(' or ')}`,
      found: `status ${output.status}${output.error ? ` (${output.error.code})` : ''}`,
    };
  },
};

const GUARD_FIELDS = ['stage', 'action', 'check'] as const;
const GUARD_ACTIONS = ['block', 'escalate', 'redact'];

/**
 * `guard`: a guard acted on this run (any action but allow), narrowed by `value.stage` (input |
 * output), `value.action` (block | escalate | redact) and `value.check` (part of the guard's name).
 * `not-guard` is "no guard fired".
 */
export const guardAssertion: AssertionHandler = {
  check(spec) {
    if (spec.value === undefined) return undefined;
    if (!isPlainObject(spec.value)) return 'value must be a map with stage, action or check';
    const unknown = unknownKeys(spec.value, GUARD_FIELDS, 'value');
    if (unknown) return unknown;
    const { stage, action, check } = spec.value;
    if (stage !== undefined && stage !== 'input' && stage !== 'output')
      return 'value.stage must be input or output';
    if (action !== undefined && !GUARD_ACTIONS.includes(action as string))
      return `value.action must be one of ${GUARD_ACTIONS.join(', ')}`;
    if (check !== undefined && (typeof check !== 'string' || check === ''))
      return 'value.check must be a non-empty string';
    return undefined;
  },
  evaluate({ spec, output }) {
    const filter = (spec.value ?? {}) as { stage?: string; action?: string; check?: string };
    const acted = output.verdicts.filter((verdict) => verdict.action !== 'allow');
    const match = acted.find(
      (verdict) =>
        (filter.stage === undefined || verdict.stage === filter.stage) &&
        (filter.action === undefined || verdict.action === filter.action) &&
        (filter.check === undefined || verdict.guard.toLowerCase().includes(filter.check.toLowerCase())),
    );
    const described = [filter.stage, filter.action, filter.check && `"${filter.check}"`]
      .filter(Boolean)
      .join(' ');
    const listed = acted
      .slice(0, 3)
      .map((verdict) => `${verdict.guard} ${verdict.stage} ${verdict.action}`)
      .join(', ');
    return {
      pass: match !== undefined,
      expected: `${/^[aeiou]/.test(described) ? 'an' : 'a'} ${described ? `${described} ` : ''}guard verdict`,
      found: match
        ? `${match.guard} ${match.stage} ${match.action}`
        : acted.length === 0
          ? 'no guard fired'
          : `only ${listed}${acted.length > 3 ? ', …' : ''}`,
    };
  },
};
