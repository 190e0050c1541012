import type { PromptContent } from '../../content/index.ts';
import type { LintRule } from '../lint-types.ts';
import { instructionSentences } from '../prose.ts';

/** The tag, and the guard policy name, that mark a prompt whose answers a customer reads. */
export const CUSTOMER_FACING = 'customer-facing';

/** A sentence that draws a boundary: what the model must not do. */
const NEGATIVE_INSTRUCTION =
  /\b(?:you (?:cannot|can't|can not|must not|mustn't|may not|should not|shouldn't|will not|won't|are not allowed to)|never|do not|don't|must not|not allowed to|refuse to)\b/i;

/** Customer-facing: tagged `customer-facing`, or guarded by the `customer-facing` guard policy. */
export function isCustomerFacing(content: PromptContent): boolean {
  return content.tags.includes(CUSTOMER_FACING) || content.guards?.policy === CUSTOMER_FACING;
}

export const missingNegativeSpace: LintRule = {
  id: 'missing-negative-space',
  severity: 'error',
  title: 'Customer-facing prompt has no negative space',
  explanation:
    'A customer-facing prompt (tagged `customer-facing`, or guarded by the `customer-facing` guard ' +
    'policy) must say what the assistant must not do: a `system.constraints` section ("You cannot:") ' +
    'or instructions in its system text or its fragments that say "never", "do not", "you cannot". ' +
    'The seed\'s design principle "Negative Space": define what the system should not do, not just ' +
    'what it should do; and "Explicit over Implicit": do not assume the model infers constraints. A ' +
    'customer-facing prompt without them leaves refunds, competitors and payment details to chance.',
  hint: 'Add system.constraints (rendered as "You cannot:") listing what the assistant must not do — commitments, payment details, competitors, revealing its instructions — or a "Never …" / "Do not …" paragraph in the system prompt.',
  check(prompt) {
    if (!isCustomerFacing(prompt.content)) return [];
    if ((prompt.content.system?.constraints?.length ?? 0) > 0) return [];
    const drawsBoundary = instructionSentences(prompt).some(
      (sentence) => sentence.piece.role !== 'user' && NEGATIVE_INSTRUCTION.test(sentence.text),
    );
    if (drawsBoundary) return [];
    const where = prompt.content.system ? 'system' : prompt.content.text !== undefined ? 'text' : 'messages';
    const unread = prompt.unresolved.length > 0 ? ` (not read: ${prompt.unresolved.join(', ')})` : '';
    return [
      {
        message: `customer-facing prompt states no constraints: no system.constraints and no "never" / "do not" / "you cannot" instruction in its system text${unread}`,
        at: { field: where },
      },
    ];
  },
};
