export interface VariablesSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, PropertySchema>;
}

interface PropertySchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
}

/** What the person typed, per variable: text for strings and numbers, JSON for arrays and objects. */
export type RawVariables = Record<string, string | boolean>;

const typeOf = (property: PropertySchema) =>
  Array.isArray(property.type) ? property.type[0] : property.type;

/** The form's starting values: each variable's default, or empty. */
export function initialValues(schema: VariablesSchema | undefined): RawVariables {
  const values: RawVariables = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const type = typeOf(property);
    if (type === 'boolean') values[name] = property.default === true;
    else if (property.default === undefined) values[name] = '';
    else
      values[name] =
        type === 'array' || type === 'object' ? JSON.stringify(property.default) : String(property.default);
  }
  return values;
}

/**
 * The typed variables to send: empty fields are left out (so schema defaults and "required" apply on
 * the server), numbers parsed, JSON fields parsed. A field that does not parse is named in `problems`.
 */
export function toVariables(
  schema: VariablesSchema | undefined,
  raw: RawVariables,
): { variables: Record<string, unknown>; problems: string[] } {
  const variables: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const value = raw[name];
    const type = typeOf(property);
    if (type === 'boolean') {
      variables[name] = value === true;
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (type === 'number' || type === 'integer') {
      const number = Number(value);
      if (Number.isNaN(number)) problems.push(`${name}: not a number`);
      else variables[name] = number;
    } else if (type === 'array' || type === 'object') {
      try {
        variables[name] = JSON.parse(value);
      } catch {
        problems.push(`${name}: not valid JSON`);
      }
    } else variables[name] = value;
  }
  return { variables, problems };
}

/** A form for a prompt's variables, from its JSON Schema (types, required, descriptions, enums). */
export function VariablesForm({
  schema,
  values,
  onChange,
}: {
  schema: VariablesSchema | undefined;
  values: RawVariables;
  onChange(values: RawVariables): void;
}) {
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return <p className="muted">This prompt takes no variables.</p>;
  const required = new Set(schema?.required ?? []);
  const set = (name: string, value: string | boolean) => onChange({ ...values, [name]: value });
  return (
    <div className="form-grid variables">
      {properties.map(([name, property]) => {
        const type = typeOf(property);
        const label = (
          <>
            <span>
              {name}
              {required.has(name) && <span className="muted"> (required)</span>}{' '}
              <span className="field-hint">{type}</span>
            </span>
            {property.description && <span className="field-hint">{property.description}</span>}
          </>
        );
        if (type === 'boolean') {
          return (
            <label key={name} className="inline">
              <input
                type="checkbox"
                checked={values[name] === true}
                onChange={(event) => set(name, event.target.checked)}
              />
              {label}
            </label>
          );
        }
        if (property.enum) {
          return (
            <label key={name}>
              {label}
              <select value={String(values[name] ?? '')} onChange={(event) => set(name, event.target.value)}>
                <option value="">—</option>
                {property.enum.map((option) => (
                  <option key={String(option)}>{String(option)}</option>
                ))}
              </select>
            </label>
          );
        }
        return (
          // biome-ignore lint/a11y/noLabelWithoutControl: the input or textarea is inside the label
          <label key={name}>
            {label}
            {type === 'number' || type === 'integer' ? (
              <input
                inputMode="decimal"
                value={String(values[name] ?? '')}
                onChange={(event) => set(name, event.target.value)}
              />
            ) : (
              <textarea
                name={name}
                rows={type === 'string' ? 3 : 2}
                value={String(values[name] ?? '')}
                onChange={(event) => set(name, event.target.value)}
              />
            )}
          </label>
        );
      })}
    </div>
  );
}
