import type { AssertionHandler } from './assertion-handler.ts';
import { isPlainObject, unknownKeys } from './spec-fields.ts';

const TOOL_CALL_FIELDS = ['tool', 'decision', 'outcome'] as const;
const DECISIONS = ['allow', 'deny', 'escalate'];
const OUTCOMES = ['ok', 'failed', 'not-run'];

/**
 * `tool-call` (docs/tools.md): the model asked for a tool call in this run, narrowed by
 * `value.tool` (its name), `value.decision` (allow | deny | escalate: what the tool policy decided)
 * and `value.outcome` (ok | failed | not-run). `not-tool-call` with `{ tool: issue_refund, outcome: ok }`
 * is "no refund was issued".
 */
export const toolCallAssertion: AssertionHandler = {
  check(spec) {
    if (spec.value === undefined) return undefined;
    if (!isPlainObject(spec.value)) return 'value must be a map with tool, decision or outcome';
    const unknown = unknownKeys(spec.value, TOOL_CALL_FIELDS, 'value');
    if (unknown) return unknown;
    const { tool, decision, outcome } = spec.value;
    if (tool !== undefined && (typeof tool !== 'string' || tool === ''))
      return 'value.tool must be a tool name';
    if (decision !== undefined && !DECISIONS.includes(decision as string))
      return `value.decision must be one of ${DECISIONS.join(', ')}`;
    if (outcome !== undefined && !OUTCOMES.includes(outcome as string))
      return `value.outcome must be one of ${OUTCOMES.join(', ')}`;
    return undefined;
  },
  evaluate({ spec, output }) {
    const filter = (spec.value ?? {}) as { tool?: string; decision?: string; outcome?: string };
    const calls = output.toolCalls ?? [];
    const match = calls.find(
      (call) =>
        (filter.tool === undefined || call.tool === filter.tool) &&
        (filter.decision === undefined || call.decision === filter.decision) &&
        (filter.outcome === undefined || call.outcome === filter.outcome),
    );
    const described = [filter.tool, filter.decision, filter.outcome].filter(Boolean).join(' ');
    const listed = calls
      .slice(0, 4)
      .map((call) => `${call.tool} ${call.decision} ${call.outcome}`)
      .join(', ');
    return {
      pass: match !== undefined,
      expected: `a tool call${described ? ` ${described}` : ''}`,
      found: match
        ? `${match.tool} ${match.decision} ${match.outcome}`
        : calls.length === 0
          ? 'no tool call'
          : `only ${listed}${calls.length > 4 ? ', …' : ''}`,
    };
  },
};
