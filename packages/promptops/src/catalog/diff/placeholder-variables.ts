import type { VariablesSchema } from '../content/prompt-content.ts';

/**
 * Values for variables that have no default, so a prompt renders for review without test data:
 * text becomes `‹name›`; other types get an empty value of their type.
 */
export function placeholderVariables(schema: VariablesSchema | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if ('default' in property) continue;
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    if (Array.isArray(property.enum) && property.enum.length > 0) values[name] = property.enum[0];
    else if (type === 'number' || type === 'integer')
      values[name] = typeof property.minimum === 'number' ? property.minimum : 0;
    else if (type === 'boolean') values[name] = false;
    else if (type === 'array') values[name] = [];
    else if (type === 'object') values[name] = {};
    else values[name] = `‹${name}›`;
  }
  return values;
}
