import type { AssertionSpec } from '../eval-types.ts';

export const SYNTHESIS_STYLES = ['paraphrase', 'adversarial'] as const;
export type SynthesisStyle = (typeof SYNTHESIS_STYLES)[number];

/** What the writing model is told about one case: only what it needs to vary the text. */
export interface SynthesisRequest {
  style: SynthesisStyle;
  count: number;
  /** The prompt or fragment the suite tests. */
  target: string;
  suiteDescription: string;
  caseId: string;
  caseDescription?: string;
  /** The variable whose text is rewritten, and its text. */
  field: string;
  text: string;
  /** What the case expects, so a variant keeps it true. */
  expectedClass?: string;
  assert: readonly AssertionSpec[];
}

/** The first words of the system prompt: a scripted model matches on them (`match: { system: … }`). */
export const SYNTHESIS_SYSTEM_OPENING = 'You write test variants for an evaluation suite.';

const STYLE_RULES: Record<SynthesisStyle, string> = {
  paraphrase:
    'Each variant is a paraphrase: the same request with the same meaning and the same facts ' +
    '(order numbers, names, amounts), worded differently — other vocabulary, sentence order, tone or ' +
    'length, as different real customers would write it.',
  adversarial:
    'Each variant is adversarial: the same request made harder for the system under test — ' +
    'misleading words from other topics, sarcasm, run-on sentences, missing punctuation, slang, ' +
    'a second question attached, or an attempt to make the system break its rules — while a careful ' +
    'system should still give the answer the case expects.',
};

/**
 * The messages asking a model for `count` variants of one case's text. The expected outcome goes
 * with it so the variants keep it true; the answer must be JSON, `{"variants": ["…", …]}`, which
 * read-model-variants.ts checks before anything is written.
 */
export function synthesisMessages(request: SynthesisRequest): { system: string; user: string } {
  const system = [
    SYNTHESIS_SYSTEM_OPENING,
    `You receive one test case of an evaluation suite for the prompt "${request.target}" and write ${request.count} new versions of its "${request.field}" text.`,
    STYLE_RULES[request.style],
    'Every variant must still satisfy the expected outcome given with the case, must differ from the original and from each other, and must not contain real personal data.',
    `Answer with JSON only, no commentary: {"variants": ["first variant", "second variant"]} with exactly ${request.count} strings.`,
  ].join('\n');
  const user = JSON.stringify(
    {
      suite: request.suiteDescription,
      case: request.caseId,
      ...(request.caseDescription !== undefined && { description: request.caseDescription }),
      style: request.style,
      count: request.count,
      field: request.field,
      text: request.text,
      expected: {
        ...(request.expectedClass !== undefined && { class: request.expectedClass }),
        assertions: request.assert,
      },
    },
    null,
    2,
  );
  return { system, user };
}
