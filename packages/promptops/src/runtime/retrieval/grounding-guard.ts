import { checkCitations } from '../../guardrails/output/check-citations.ts';
import type { GuardHook } from '../runtime-parts.ts';

/**
 * The grounding check as an output guard (stage 9): for a version with `output.citations`, an answer
 * citing a passage the run did not retrieve, or (mode `required`) a claim-like sentence citing
 * none, gets the version's action: `flag` records an `allow` verdict with the reasons, `escalate`
 * and `block` stop the answer as other guards do. Silent for versions without citations.
 */
export const groundingGuard: GuardHook = ({ content, variables, output }) => {
  const citations = content.output?.citations;
  if (!citations || output === undefined || output === '') return undefined;
  const retrieved = Array.isArray(variables.retrieved) ? (variables.retrieved as { id?: unknown }[]) : [];
  const ids = new Set(retrieved.flatMap((passage) => (typeof passage.id === 'string' ? [passage.id] : [])));
  const found = checkCitations(output, ids, citations.mode === 'required');
  const reasons = [
    ...found.unknown.map(({ id }) => `cites ${id}, which this run did not retrieve`),
    ...(found.uncited.length > 0 ? [`${found.uncited.length} claim(s) without a citation`] : []),
  ];
  if (reasons.length === 0) return undefined;
  return {
    guard: 'grounding',
    stage: 'output',
    action: citations.action === 'flag' ? 'allow' : citations.action,
    reason: `ungrounded answer: ${reasons.join('; ')}`,
    spans: [...found.unknown.map(({ span }) => span), ...found.uncited],
    field: 'output',
  };
};
