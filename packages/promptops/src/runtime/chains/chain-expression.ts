import { analyzeSync, Liquid, type Template, TypeGuards, toValue, Value, type Variable } from 'liquidjs';
import { TEMPLATE_LIMITS } from '../../templates/index.ts';

/**
 * Chain conditions and wiring are LiquidJS expressions (`intent.parsed.confidence < 0.7 and
 * info.parsed.missing_required`), never code: evaluation reads data and applies filters, nothing
 * else. Strict variables, so a misspelt field fails the run instead of silently reading as nil;
 * `x | default: y` still tolerates an absent `x` (lenientIf), as in prompt templates.
 */
const liquid = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  lenientIf: true,
  parseLimit: TEMPLATE_LIMITS.parseLength,
  renderLimit: TEMPLATE_LIMITS.renderMilliseconds,
  memoryLimit: TEMPLATE_LIMITS.memory,
});

/** A variable an expression reads: `intent.parsed.confidence` → root `intent`, property `parsed`. */
export interface ExpressionReference {
  root: string;
  /** The segment after the root when it is written literally (`input.customer_message`). */
  property?: string | number;
  text: string;
}

export type ExpressionCheck =
  | { ok: true; references: ExpressionReference[] }
  | { ok: false; message: string };
export type ExpressionValue = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Parses one expression and lists the variables it reads, for load-time checks.
 * @example checkChainExpression('intent.parsed.confidence < 0.7') // { ok: true, references: [{ root: 'intent', property: 'parsed', text: 'intent.parsed.confidence' }] }
 */
export function checkChainExpression(text: string): ExpressionCheck {
  try {
    const value = new Value(text, liquid);
    // LiquidJS reads `a b` or `x <` without complaint and evaluates what it can; a chain condition
    // that is silently half-read is worse than an error at load.
    if (!isWellFormed(value.initial.postfix)) {
      return {
        ok: false,
        message: `"${text}" is not one expression: check for a missing operator or operand`,
      };
    }
    return {
      ok: true,
      references: referencesOf([
        { token: value.initial.postfix[0]!, render: () => '', arguments: () => [value] },
      ]),
    };
  } catch (error) {
    return { ok: false, message: reasonOf(error) };
  }
}

/**
 * Parses text that may hold `{{ … }}` (a rule's `reason`) and lists the variables it reads.
 * @example checkChainText('model said: {{ reply.parsed.escalation_reason }}')
 */
export function checkChainText(text: string): ExpressionCheck {
  try {
    return { ok: true, references: referencesOf(liquid.parse(text)) };
  } catch (error) {
    return { ok: false, message: reasonOf(error) };
  }
}

/** Evaluates an expression over `scope`; an undefined variable or a failing filter is a value, not a throw. */
export function evaluateChainExpression(text: string, scope: Record<string, unknown>): ExpressionValue {
  try {
    // toValue unwraps Liquid's drops: `nil` evaluates to a NullDrop, which callers should see as null.
    return { ok: true, value: toValue(liquid.evalValueSync(text, scope)) };
  } catch (error) {
    return { ok: false, message: reasonOf(error) };
  }
}

/** Renders text with `{{ … }}` over `scope`. */
export function renderChainText(text: string, scope: Record<string, unknown>): ExpressionValue {
  try {
    return { ok: true, value: String(liquid.parseAndRenderSync(text, scope)) };
  } catch (error) {
    return { ok: false, message: reasonOf(error) };
  }
}

/** Liquid's truthiness, as in `{% if %}`: only false and nil are false (0 and '' are true). */
export function isChainTruthy(value: unknown): boolean {
  return value !== false && value !== null && value !== undefined;
}

/** Runs the postfix program on a stack of counts: a well-formed expression leaves exactly one value. */
function isWellFormed(postfix: readonly unknown[]): boolean {
  let depth = 0;
  for (const token of postfix) {
    if (TypeGuards.isOperatorToken(token)) {
      const arity = token.operator === 'not' ? 1 : 2;
      if (depth < arity) return false;
      depth -= arity - 1;
    } else if (TypeGuards.isFilteredValueToken(token) && !isWellFormed(token.initial.postfix)) {
      return false;
    } else {
      depth += 1;
    }
  }
  return depth === 1;
}

function referencesOf(templates: Template[]): ExpressionReference[] {
  const { globals } = analyzeSync(templates, { partials: false });
  return Object.values(globals)
    .flat()
    .map((variable: Variable) => {
      const [root, property] = variable.segments;
      return {
        root: String(root),
        ...(typeof property === 'string' || typeof property === 'number' ? { property } : {}),
        text: variable.toString(),
      };
    });
}

/** LiquidJS appends `, line:1, col:5` and a source excerpt; the caller names the field instead. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/, line:\d+, col:\d+/)[0]!.trim();
}
