import { suggestName } from '../../errors/suggest-name.ts';
import type { AssertionSpec } from '../eval-types.ts';
import {
  ASSERTION_HANDLERS,
  ASSERTION_TYPES,
  NOT_NEGATABLE,
  parseAssertionType,
  THRESHOLD_TYPES,
} from './assertion-handlers.ts';

/** promptfoo types with another name or shape here, so their users get pointed the right way. */
const PROMPTFOO_EQUIVALENTS: Record<string, string> = {
  guardrails: 'promptfoo\'s "guardrails" (passes when nothing was flagged) is "not-guard" here',
  'not-guardrails': 'promptfoo\'s "not-guardrails" is "guard" here',
  'contains-json': 'use "is-json" (the whole output must be JSON) or "json-path"',
  javascript: 'code assertions are not supported: a suite file never runs code',
  python: 'code assertions are not supported: a suite file never runs code',
};

const ALL_NAMES = [...ASSERTION_TYPES, ...ASSERTION_TYPES.map((type) => `not-${type}`)];

/**
 * What is wrong with an assertion as written, naming the field (`type`, `value`, `path`,
 * `weight`…), or undefined when it is fine. Suite loaders call it per assertion and report the
 * message with file:line, so a bad suite fails at load rather than halfway through a run.
 *
 * @example
 * checkAssertionSpec({ type: 'contians', value: 'refund' }) // 'type "contians" is unknown; did you mean "contains"?'
 * checkAssertionSpec({ type: 'regex', value: '(a)\\1' })   // 'value uses a backreference, …'
 */
export function checkAssertionSpec(spec: AssertionSpec): string | undefined {
  if (typeof spec.type !== 'string' || spec.type === '') return 'type is required';
  const parsed = parseAssertionType(spec.type);
  if (!parsed) {
    const equivalent = PROMPTFOO_EQUIVALENTS[spec.type];
    if (equivalent) return `type "${spec.type}" is unknown; ${equivalent}`;
    const suggestion = suggestName(spec.type, ALL_NAMES);
    return `type "${spec.type}" is unknown${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  }
  if (parsed.negated && NOT_NEGATABLE.includes(parsed.base))
    return `type "${spec.type}" has no not- form: ${parsed.base} is a ceiling`;
  if (
    spec.weight !== undefined &&
    (typeof spec.weight !== 'number' || !Number.isFinite(spec.weight) || spec.weight < 0)
  )
    return `weight must be a number ≥ 0, got ${JSON.stringify(spec.weight)}`;
  if (THRESHOLD_TYPES.includes(parsed.base) && spec.threshold !== undefined) {
    if (typeof spec.threshold !== 'number' || spec.threshold < 0 || spec.threshold > 1)
      return `threshold must be a number from 0 to 1, got ${JSON.stringify(spec.threshold)}`;
  } else if (spec.threshold !== undefined && !['latency', 'cost', 'readability'].includes(parsed.base)) {
    return `threshold is not used by ${parsed.base}`;
  }
  return ASSERTION_HANDLERS[parsed.base].check(spec);
}
