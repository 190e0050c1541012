import { describe, expect, it } from 'vitest';
import { createStaticFragmentSource } from '../../../templates/index.ts';
import { PromptContent, type PromptContentInput } from '../../content/index.ts';
import type { LintRuleId } from '../../content/lint-settings.ts';
import { lintPrompt } from '../lint-prompt.ts';

/** The rule's findings for a small prompt: one guideline line, or the given content. */
async function findings(rule: LintRuleId, content: Partial<PromptContentInput>) {
  const parsed = PromptContent.parse({ description: 'case', owner: 'team', risk: 'low', ...content });
  const found = await lintPrompt(
    { name: 'cases/one', content: parsed, fragments: createStaticFragmentSource({}) },
    { only: [rule] },
  );
  return found.map((finding) => finding.message);
}

const guideline = (line: string) => ({ system: { role: 'You answer questions.', guidelines: [line] } });

describe('untestable-constraint phrases', () => {
  it.each([
    'Be helpful',
    'Be concise',
    'Always be professional',
    'Do your best to answer',
    'Escalate as appropriate',
    'Ask follow-up questions if necessary',
    'Give high-quality answers',
    'Use an appropriate tone',
    'Keep it short',
    'Reply in a timely manner',
    'Answer as clearly as possible',
  ])('flags "%s"', async (line) => {
    expect(await findings('untestable-constraint', guideline(line))).toHaveLength(1);
  });

  it.each([
    'Keep responses under 100 words',
    'Be concise: at most 3 sentences',
    'Use a professional tone: no slang, no emoji',
    'Be polite and never use the customer’s full name',
    'Escalate as appropriate, e.g. when the customer mentions a lawyer',
    'Be clear about what "in stock" means',
    'Answer questions about orders and returns',
  ])('accepts "%s"', async (line) => {
    expect(await findings('untestable-constraint', guideline(line))).toEqual([]);
  });
});

describe('untrusted-input-undelimited marks', () => {
  const notes = (description: string) => ({
    variables: { type: 'object' as const, properties: { notes: { type: 'string', description } } },
    text: 'Summarise these notes in one sentence: {{ notes }}',
  });

  it('treats a variable described as untrusted as user text whatever its name', async () => {
    expect(await findings('untrusted-input-undelimited', notes('Typed by the customer. Untrusted.'))).toEqual(
      ["'notes' carries untrusted text and is written into text without delimiters around it"],
    );
    expect(await findings('untrusted-input-undelimited', notes('Written by the support agent.'))).toEqual([]);
  });

  it('ignores a use in a condition, and numbers and booleans named like user text', async () => {
    const content = {
      variables: {
        type: 'object' as const,
        properties: { message: { type: 'string' }, input_count: { type: 'integer' } },
      },
      text: '{% if message %}Count: {{ input_count }}{% endif %}\n<message>{{ message }}</message>\nReply with one word.',
    };
    expect(await findings('untrusted-input-undelimited', content)).toEqual([]);
  });
});

describe('output-format-unstated statements', () => {
  it.each([
    'Respond with one word.',
    'Return a JSON object with the keys name and date.',
    'Structure every reply as: the answer, then next steps.',
    'Response format: a bulleted list.',
  ])('accepts "%s"', async (statement) => {
    expect(await findings('output-format-unstated', { text: `Summarise the ticket.\n${statement}` })).toEqual(
      [],
    );
  });

  it('accepts a completion cue at the end of a text prompt, and flags a prompt with neither', async () => {
    expect(
      await findings('output-format-unstated', { text: 'Classify: billing|returns\nCategory:' }),
    ).toEqual([]);
    expect(
      await findings('output-format-unstated', { text: 'Summarise the ticket for the team.' }),
    ).toHaveLength(1);
  });
});
