import { describe, expect, it } from 'vitest';
import type { VariablesSchema } from '../../catalog/content/prompt-content.ts';
import { withMessage } from './message-variable.ts';

const schema: VariablesSchema = {
  type: 'object',
  required: ['categories', 'customer_message'],
  properties: {
    company_name: { type: 'string', default: 'Acme' },
    categories: { type: 'array', items: { type: 'string' } },
    customer_message: { type: 'string' },
  },
};

describe('withMessage', () => {
  it('fills the first required string variable, past required ones of other types', () => {
    expect(withMessage('p', schema, { categories: ['a'] }, { text: 'hello' })).toEqual({
      ok: true,
      variables: { categories: ['a'], customer_message: 'hello' },
    });
  });

  it('falls back to the first declared string variable when none is required', () => {
    const optional: VariablesSchema = { ...schema, required: [] };
    expect(withMessage('p', optional, {}, { text: 'hello' })).toMatchObject({
      ok: true,
      variables: { company_name: 'hello' },
    });
  });

  it('fills the variable the caller names, and refuses a name the prompt does not have', () => {
    expect(withMessage('p', schema, {}, { text: 'Globex', variable: 'company_name' })).toMatchObject({
      ok: true,
      variables: { company_name: 'Globex' },
    });
    const unknown = withMessage('p', schema, {}, { text: 'x', variable: 'question' });
    expect(unknown.ok || unknown.error).toMatchObject({
      code: 'variable_invalid',
      message: expect.stringContaining(
        'no such variable (variables: company_name, categories, customer_message)',
      ),
    });
  });

  it('refuses the variable given twice, and a prompt without a string variable', () => {
    const twice = withMessage('p', schema, { customer_message: 'a' }, { text: 'b' });
    expect(twice.ok || twice.error).toMatchObject({
      code: 'variable_invalid',
      message: 'p: "customer_message" is given twice: as a variable and as the message; send one of them',
    });
    const none = withMessage('p', undefined, {}, { text: 'b' });
    expect(none.ok || none.error).toMatchObject({
      code: 'variable_invalid',
      message: expect.stringContaining('takes no string variable'),
    });
  });
});
