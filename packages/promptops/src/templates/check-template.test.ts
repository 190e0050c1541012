import { expect, test } from 'vitest';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { checkTemplate } from './check-template.ts';
import { testPrompt } from './test-fixtures.ts';

function prompt(fields: Partial<PromptContent>): PromptContent {
  return testPrompt({
    variables: {
      type: 'object',
      properties: { customer_name: { type: 'string' }, categories: { type: 'array' } },
    },
    ...fields,
  });
}

test('a misspelt variable is an error naming it, its field and the likely intended name', () => {
  const check = checkTemplate(
    prompt({
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'user', content: 'Hi {{ customer_nam }}\n{% for c in categories %}{{ c }}{% endfor %}' },
      ],
    }),
    { file: 'prompts/support/reply.yaml' },
  );
  expect(check.errors.map((error) => error.message)).toEqual([
    "undeclared variable 'customer_nam' (in messages[1].content, line 1, column 7): did you mean 'customer_name'? declare it under variables.properties",
  ]);
  expect(check.errors[0]?.code).toBe('template_error');
  expect(check.errors[0]?.details.location).toEqual({
    file: 'prompts/support/reply.yaml',
    field: 'messages[1].content',
  });
  expect(check.warnings.map((warning) => warning.message)).toEqual([
    "variable 'customer_name' is declared but no template uses it",
  ]);
});

test('loop variables, forloop, assign and capture locals are the template’s own', () => {
  const check = checkTemplate(
    prompt({
      system: {
        role: '{% assign greeting = "Hello" %}{% capture who %}{{ customer_name | upcase }}{% endcapture %}{{ greeting }} {{ who }}',
        guidelines: ['{% for c in categories %}{{ forloop.index }}. {{ c.name }}{% endfor %}'],
      },
    }),
  );
  expect(check.errors).toEqual([]);
  expect(check.warnings).toEqual([]);
});

test('a parse error is reported with its field, and the other fields are still checked', () => {
  const check = checkTemplate(
    prompt({
      system: { role: 'You help.', capabilities: ['{{ customer_name '] },
      messages: [{ role: 'user', content: '{{ order_id }}' }],
    }),
  );
  expect(check.errors.map((error) => error.details.location?.field)).toEqual([
    'system.capabilities[0]',
    'messages[0].content',
  ]);
  expect(check.errors[0]?.message).toContain('not closed');
});

test('fragment references are returned; computed names and bad names are errors', () => {
  const check = checkTemplate(
    prompt({
      text: "{% render 'support/persona@3' %}{% if customer_name %}{% include 'support/policy@production' %}{% endif %}{% render name %}{% render 'Bad Name' %}{% render categories %}",
    }),
  );
  expect(check.fragments).toEqual([
    { text: 'support/persona@3', reference: { name: 'support/persona', pin: { version: 3 } }, field: 'text' },
    {
      text: 'support/policy@production',
      reference: { name: 'support/policy', pin: { label: 'production' } },
      field: 'text',
    },
  ]);
  const messages = check.errors.map((error) => error.message);
  expect(messages.filter((message) => message.includes('quoted literal'))).toHaveLength(2);
  expect(messages.some((message) => message.includes("'Bad Name' is not a fragment name"))).toBe(true);
});

test('with fragments, the unused-variable warning says a fragment may use it', () => {
  const check = checkTemplate(prompt({ text: "{% render 'support/persona' %}" }));
  expect(check.warnings[0]?.message).toBe(
    "variable 'customer_name' is declared but no template uses it; an included fragment may use it, fragments are not checked here",
  );
  expect(check.warnings[0]?.location.field).toBe('variables.properties.customer_name');
});

test('a system message next to system sections is an error', () => {
  const check = checkTemplate(
    prompt({
      system: { role: '{{ customer_name }}' },
      messages: [{ role: 'system', content: '{{ categories }}' }],
    }),
  );
  expect(check.errors.map((error) => error.details.location?.field)).toEqual(['messages[0].role']);
});
