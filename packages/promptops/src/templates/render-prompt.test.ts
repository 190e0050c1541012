import { describe, expect, test } from 'vitest';
import { createStaticFragmentSource } from './fragment-source.ts';
import { renderPrompt } from './render-prompt.ts';
import { failure, testPrompt } from './test-fixtures.ts';
import { countChatTokens, countTextTokens } from './token-count.ts';

const NO_FRAGMENTS = { fragments: createStaticFragmentSource({}) };

const SUPPORT_REPLY = testPrompt({
  variables: {
    type: 'object',
    properties: {
      company: { type: 'string', default: 'Acme' },
      customer_name: { type: 'string' },
      message: { type: 'string' },
      order_id: { type: 'string' },
      vip: { type: 'boolean', default: false },
    },
    required: ['customer_name', 'message'],
  },
  system: {
    role: 'You are a customer service agent for {{ company }}.\n',
    capabilities: [
      'Look up orders{% if order_id %} such as {{ order_id }}{% endif %}',
      'Explain the return policy',
    ],
    constraints: ['Promise refunds or compensation', 'Discuss other customers'],
    guidelines: [
      'Address the customer as {{ customer_name }}',
      '{% if vip %}Offer priority shipping{% endif %}',
    ],
    output_format: 'Plain text, at most three short paragraphs.',
    escalation: ['The customer asks for a person', 'The order is lost'],
  },
  messages: [
    { role: 'user', content: 'Hello, I am {{ customer_name }}.' },
    { role: 'assistant', content: 'Hello {{ customer_name }}, how can I help?' },
    { role: 'user', content: '{{ message }}' },
  ],
});

describe('renderPrompt', () => {
  test('renders a structured system prompt in the canonical layout, then the messages', async () => {
    const result = await renderPrompt(
      SUPPORT_REPLY,
      { customer_name: 'Ann', message: 'Where is my parcel?', order_id: 'A-4521' },
      NO_FRAGMENTS,
    );
    if (!result.ok) throw result.error;
    expect(result.messages?.[0]).toEqual({
      role: 'system',
      content: [
        'You are a customer service agent for Acme.',
        '',
        'You can:',
        '- Look up orders such as A-4521',
        '- Explain the return policy',
        '',
        'You cannot:',
        '- Promise refunds or compensation',
        '- Discuss other customers',
        '',
        'Guidelines:',
        '- Address the customer as Ann',
        '',
        'Output format:',
        'Plain text, at most three short paragraphs.',
        '',
        'Escalate to a human agent when:',
        '- The customer asks for a person',
        '- The order is lost',
      ].join('\n'),
    });
    expect(result.messages?.slice(1)).toEqual([
      { role: 'user', content: 'Hello, I am Ann.' },
      { role: 'assistant', content: 'Hello Ann, how can I help?' },
      { role: 'user', content: 'Where is my parcel?' },
    ]);
    expect(result.text).toBeUndefined();
    expect(result.fragments).toEqual([]);
    expect(result.tokens).toEqual({
      estimate: countChatTokens(result.messages ?? []),
      encoding: 'o200k_base',
    });
  });

  test('applies schema defaults and reports the variables it rendered with', async () => {
    const result = await renderPrompt(
      SUPPORT_REPLY,
      { customer_name: 'Ann', message: 'Hi', vip: true },
      NO_FRAGMENTS,
    );
    if (!result.ok) throw result.error;
    expect(result.variables).toEqual({ customer_name: 'Ann', message: 'Hi', vip: true, company: 'Acme' });
    expect(result.messages?.[0]?.content).toMatch(/^You are a customer service agent for Acme\./);
    expect(result.messages?.[0]?.content).toContain('- Offer priority shipping');
  });

  test('a missing required variable fails before anything renders', async () => {
    const error = failure(await renderPrompt(SUPPORT_REPLY, { message: 'Hi' }, NO_FRAGMENTS));
    expect(error.code).toBe('variable_invalid');
    expect(error.details.issues).toEqual([{ message: 'customer_name: is required but missing' }]);
  });

  test('a variable of the wrong type is named', async () => {
    const error = failure(
      await renderPrompt(SUPPORT_REPLY, { customer_name: 'Ann', message: 42 }, NO_FRAGMENTS),
    );
    expect(error.code).toBe('variable_invalid');
    expect(error.message).toContain('message: must be string');
  });

  test('an undefined variable points at the field and the line in the template', async () => {
    const content = testPrompt({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'user', content: 'Order:\n{{ order.id }}' },
      ],
    });
    const error = failure(await renderPrompt(content, { orders: [] }, NO_FRAGMENTS));
    expect(error.code).toBe('template_error');
    expect(error.message).toBe('undefined variable: order (in messages[1].content, line 2, column 4)');
    expect(error.details.location).toEqual({ file: '', field: 'messages[1].content' });
    expect(error.details.template).toEqual({ line: 2, column: 4 });
  });

  test('a filter that does not exist is a template error, not silently skipped', async () => {
    const content = testPrompt({ system: { role: 'You are {{ name | shout }}.' } });
    const error = failure(
      await renderPrompt(content, { name: 'Ann' }, { ...NO_FRAGMENTS, file: 'prompts/a.yaml' }),
    );
    expect(error.code).toBe('template_error');
    expect(error.message).toBe('undefined filter: shout (in system.role, line 1, column 9)');
    expect(error.details.location).toEqual({ file: 'prompts/a.yaml', field: 'system.role' });
  });

  test('a broken template reports the parse error with its field', async () => {
    const content = testPrompt({ system: { role: 'ok', guidelines: ['fine', '{% if %}broken{% endif %}'] } });
    const error = failure(await renderPrompt(content, {}, NO_FRAGMENTS));
    expect(error.code).toBe('template_error');
    expect(error.details.location?.field).toBe('system.guidelines[1]');
    expect(error.message).toContain('(in system.guidelines[1], line 1');
  });

  test('an absent optional variable is false in if and takes the default filter', async () => {
    const content = testPrompt({
      variables: { type: 'object', properties: { tier: { type: 'string' } } },
      text: '{% if tier %}Tier {{ tier }}{% else %}No tier{% endif %}, {{ tier | default: "standard" }}',
    });
    const result = await renderPrompt(content, {}, NO_FRAGMENTS);
    expect(result.ok && result.text).toBe('No tier, standard');
  });

  test('a text prompt renders to text with a plain token estimate', async () => {
    const content = testPrompt({ text: 'Summarise: {{ document }}' });
    const result = await renderPrompt(content, { document: 'a long report' }, NO_FRAGMENTS);
    if (!result.ok) throw result.error;
    expect(result.text).toBe('Summarise: a long report');
    expect(result.messages).toBeUndefined();
    expect(result.tokens.estimate).toBe(countTextTokens('Summarise: a long report'));
  });

  test('a system message next to system sections is refused: one system prompt per prompt', async () => {
    const content = testPrompt({
      system: { role: 'You help.' },
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Also this.' },
      ],
    });
    const error = failure(await renderPrompt(content, {}, NO_FRAGMENTS));
    expect(error.code).toBe('template_error');
    expect(error.details.location?.field).toBe('messages[1].role');
  });
});
