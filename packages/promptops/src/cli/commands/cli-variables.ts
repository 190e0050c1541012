import type { VariablesSchema } from '../../catalog/content/prompt-content.ts';
import { PromptopsError } from '../../errors/index.ts';
import { coerceCliVariable } from '../../templates/index.ts';

export const VARIABLE_OPTIONS = { var: { type: 'string' as const, multiple: true, short: 'v' } };

/**
 * `--var name=value` pairs, typed by the prompt's variable schema: text stays text, other types
 * are read as JSON (`--var count=3`, `--var tags=["a","b"]`).
 */
export function parseCliVariables(
  pairs: string[],
  schema: VariablesSchema | undefined,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      throw new PromptopsError('invalid_argument', `--var "${pair}" is not name=value`, { parameter: 'var' });
    }
    const name = pair.slice(0, separator);
    const coerced = coerceCliVariable(schema, name, pair.slice(separator + 1));
    if (!coerced.ok) throw coerced.error;
    variables[name] = coerced.value;
  }
  return variables;
}
