import { describe, expect, it } from 'vitest';
import { testPrompt } from '../../templates/test-fixtures.ts';
import { compressPrompt, templateChange } from './compress-prompt.ts';

const content = testPrompt({
  variables: {
    type: 'object',
    required: ['customer_message'],
    properties: { customer_message: { type: 'string' } },
  },
  system: {
    role: 'You are a support assistant. Please make sure to keep every reply under 100 words.',
    guidelines: [
      'Ask at most one question per reply',
      'Keep each reply under 100 words.',
      'It is important that you cite the order number',
    ],
  },
  messages: [{ role: 'user', content: '<customer_message>\n{{ customer_message }}\n</customer_message>' }],
});

describe('compressPrompt', () => {
  it('shortens fields in render order, removes a guideline that repeats the role, and totals tokens', () => {
    const result = compressPrompt(content);
    expect(result.content.system?.role).toBe(
      'You are a support assistant. Keep every reply under 100 words.',
    );
    expect(result.content.system?.guidelines).toEqual([
      'Ask at most one question per reply',
      'Cite the order number',
    ]);
    expect(result.content.messages).toEqual(content.messages);
    const removed = result.fields.find((field) => field.field === 'system.guidelines[1]');
    expect(removed).toMatchObject({ after: '', rules: ['repeated-instruction'], tokensAfter: 0 });
    expect(result.tokensBefore - result.tokensAfter).toBe(
      result.fields.reduce((sum, field) => sum + field.tokensBefore - field.tokensAfter, 0),
    );
    expect(result.rejected).toEqual([]);
    // The original is not touched.
    expect(content.system?.guidelines).toHaveLength(3);
  });
});

describe('templateChange', () => {
  it('accepts prose changes and refuses lost variables, tags, delimiters or broken Liquid', () => {
    expect(templateChange('Please greet {{ name }}.', 'Greet {{ name }}.', 'text')).toBeUndefined();
    expect(templateChange('Greet {{ name }}.', 'Greet them.', 'text')).toBe('variables changed: name → none');
    expect(templateChange('{% if vip %}Hi{% endif %}', '{% if vip %}Hi', 'text')).toMatch(/^does not parse/);
    expect(templateChange("{% render 'a' %} x", "{% render 'b' %} x", 'text')).toBe('fragment tags changed');
    expect(templateChange('<t>{{ t }}</t>', '{{ t }}', 'text')).toBe('delimiters changed');
    // Written out versus only tested is part of the contract.
    expect(templateChange('{{ vip }}', '{% if vip %}x{% endif %}', 'text')).toMatch(/^variables changed/);
  });
});
