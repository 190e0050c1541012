import type { VariablesSchema } from '../../catalog/content/prompt-content.ts';
import { PromptopsError } from '../../errors/index.ts';

/** The caller's latest chat turn, for a prompt that takes it as a variable (RunOptions.message). */
export interface RunMessage {
  text: string;
  /** The variable it fills; the prompt's first required string variable when absent. */
  variable?: string;
}

/**
 * Puts a chat front end's latest user message into the prompt's variables (the OpenAI gateway's
 * convention, docs/server.md): into the variable named, else the first `required` variable whose
 * schema is a string, else the first declared string variable. It runs after the version is
 * resolved, so a canary with a differently named variable still gets the message.
 * Expected failures are values: no string variable, an unknown name, or the variable given twice.
 *
 * @example
 * withMessage({ type: 'object', required: ['customer_message'], properties: { customer_message: { type: 'string' } } },
 *   {}, { text: 'Where is my order?' });
 * // { ok: true, variables: { customer_message: 'Where is my order?' } }
 */
export function withMessage(
  prompt: string,
  schema: VariablesSchema | undefined,
  variables: Record<string, unknown>,
  message: RunMessage,
): { ok: true; variables: Record<string, unknown> } | { ok: false; error: PromptopsError } {
  const properties = schema?.properties ?? {};
  const isString = (name: string) => {
    const type = properties[name]?.type;
    return type === 'string' || (Array.isArray(type) && type.includes('string'));
  };
  const fail = (text: string, parameter: string) => ({
    ok: false as const,
    error: new PromptopsError('variable_invalid', `${prompt}: ${text}`, { prompt, parameter }),
  });
  let name = message.variable;
  if (name !== undefined) {
    if (!Object.hasOwn(properties, name)) {
      const known = Object.keys(properties);
      return fail(
        `the message cannot go into "${name}": the prompt has no such variable (variables: ${known.join(', ') || 'none'})`,
        name,
      );
    }
  } else {
    name = (schema?.required ?? []).find(isString) ?? Object.keys(properties).find(isString);
    if (name === undefined) {
      return fail(
        'the prompt takes no string variable for the message: send its variables explicitly, and the conversation as history',
        'variables',
      );
    }
  }
  if (Object.hasOwn(variables, name)) {
    return fail(`"${name}" is given twice: as a variable and as the message; send one of them`, name);
  }
  return { ok: true, variables: { ...variables, [name]: message.text } };
}
