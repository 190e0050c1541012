/**
 * A small, safe subset of JSONPath for `json-path` assertions: `$`, dot keys (`$.intent`,
 * `$.order-id`), indexes (`$.items[0]`) and quoted keys (`$['first name']`). No wildcards, recursive
 * descent, filters or scripts: a suite file never runs code.
 */
export type JsonPathSegment = string | number;

export type ParsedJsonPath = { ok: true; segments: JsonPathSegment[] } | { ok: false; problem: string };

const DOT_KEY = /^\.([A-Za-z_$][\w$-]*)/;
const INDEX = /^\[(\d+)\]/;
const QUOTED_KEY = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/;

/**
 * @example parseJsonPath("$.items[0]['sku']") // { ok: true, segments: ['items', 0, 'sku'] }
 * @example parseJsonPath('$..sku') // { ok: false, problem: '…recursive descent (..) is not supported…' }
 */
export function parseJsonPath(path: string): ParsedJsonPath {
  if (!path.startsWith('$')) return { ok: false, problem: `must start with "$", like "$.intent"` };
  const segments: JsonPathSegment[] = [];
  let rest = path.slice(1);
  while (rest !== '') {
    const step = nextSegment(rest);
    if (!step) return { ok: false, problem: describeUnsupported(rest, path.length - rest.length) };
    segments.push(step.segment);
    rest = rest.slice(step.length);
  }
  return { ok: true, segments };
}

/** The value at the path, or `found: false` when a key or index is not there. */
export function readJsonPath(
  value: unknown,
  segments: readonly JsonPathSegment[],
): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}

function nextSegment(rest: string): { segment: JsonPathSegment; length: number } | undefined {
  const dotted = DOT_KEY.exec(rest);
  if (dotted) return { segment: dotted[1] as string, length: dotted[0].length };
  const index = INDEX.exec(rest);
  if (index) return { segment: Number(index[1]), length: index[0].length };
  const quoted = QUOTED_KEY.exec(rest);
  if (quoted)
    return { segment: (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1'), length: quoted[0].length };
  return undefined;
}

function describeUnsupported(rest: string, at: number): string {
  const where = `at character ${at + 1} ("${rest.slice(0, 12)}")`;
  if (rest.startsWith('..')) return `uses recursive descent (..) ${where}, which is not supported`;
  if (/^(\.\*|\[\*\])/.test(rest)) return `uses a wildcard ${where}, which is not supported`;
  if (/^\[\?|^\[\(/.test(rest)) return `uses a filter or script ${where}, which is not supported`;
  if (/^\[-/.test(rest)) return `uses a negative index ${where}, which is not supported`;
  if (/^\[\d*:/.test(rest)) return `uses a slice ${where}, which is not supported`;
  return `is not valid ${where}; use dot keys ($.a.b), indexes ([0]) and quoted keys (['a b'])`;
}
