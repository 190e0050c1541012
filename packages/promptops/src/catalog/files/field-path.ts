/**
 * A path to a value inside a file, as Zod reports it: `['messages', 1, 'content']`. People read it as
 * `messages[1].content`; keys that are not plain words are quoted (`prices["openai/gpt-4.1"]`).
 */
export type FieldPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
const SEGMENT = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;

/**
 * @example formatFieldPath(['model', 'params', 'temperature']) // 'model.params.temperature'
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/**
 * The inverse of `formatFieldPath`, for stages that report a field as text (template checks).
 * @example parseFieldPath('messages[1].content') // ['messages', 1, 'content']
 */
export function parseFieldPath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(SEGMENT)) {
    if (match[1] !== undefined) path.push(Number(match[1]));
    else if (match[2] !== undefined) path.push(JSON.parse(match[2]) as string);
    else if (match[3] !== undefined) path.push(match[3]);
  }
  return path;
}

/** The value at `path` in plain data, or undefined when any step is missing. */
export function valueAtPath(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
