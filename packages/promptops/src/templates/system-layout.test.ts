import { expect, test } from 'vitest';
import { layoutSystemPrompt } from './system-layout.ts';

test('every section in the canonical order and wording', () => {
  const text = layoutSystemPrompt({
    role: 'You are a customer service agent for Acme.',
    capabilities: ['Look up orders', 'Explain the return policy'],
    constraints: ['Promise refunds'],
    guidelines: ['Be concise'],
    output_format: 'Plain text, at most three paragraphs.',
    escalation: ['The customer asks for a person'],
  });
  expect(text).toBe(
    [
      'You are a customer service agent for Acme.',
      '',
      'You can:',
      '- Look up orders',
      '- Explain the return policy',
      '',
      'You cannot:',
      '- Promise refunds',
      '',
      'Guidelines:',
      '- Be concise',
      '',
      'Output format:',
      'Plain text, at most three paragraphs.',
      '',
      'Escalate to a human agent when:',
      '- The customer asks for a person',
    ].join('\n'),
  );
});

test('omitted sections, empty sections and empty items leave no trace', () => {
  expect(
    layoutSystemPrompt({
      role: 'You summarise.\n',
      constraints: [],
      guidelines: ['  ', 'Keep names'],
      escalation: [''],
    }),
  ).toBe('You summarise.\n\nGuidelines:\n- Keep names');
});

test('a multi-line item stays one indented item', () => {
  expect(layoutSystemPrompt({ role: 'R', guidelines: ['First line\nsecond line\n\nafter a gap\n'] })).toBe(
    'R\n\nGuidelines:\n- First line\n  second line\n\n  after a gap',
  );
});
