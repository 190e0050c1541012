import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { contentHash } from '../../catalog/content/canonical-json.ts';
import { linearRegExpEngine } from '../../catalog/content/linear-pattern.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';

type OutputSpec = NonNullable<PromptContent['output']>;

/** How a valid answer is to be handled, from the prompt's confidence thresholds (first seed). */
export type Decision = 'auto' | 'verify' | 'escalate';

export type OutputCheck =
  | {
      valid: true;
      parsed: unknown;
      /** `uncertain` when the model said so explicitly; `escalated` when confidence is below `verify`. */
      status: 'ok' | 'uncertain' | 'escalated';
      decision?: Decision;
      confidence?: number;
      /** The model's own reason, for uncertain answers. */
      reason?: string;
    }
  | { valid: false; problem: string };

const validators = new Map<string, ValidateFunction>();
// A served version's schema is one object for as long as the version is cached: hashing it (canonical
// JSON + sha256) on every answer cost more than the validation itself, so it is looked up by identity first.
const validatorsBySchema = new WeakMap<object, ValidateFunction>();
const ajv = new Ajv2020({
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
  code: { regExp: linearRegExpEngine },
});
formatsModule.default(ajv);

/**
 * Stage 8: parses and validates one answer against the prompt's `output` spec. Invalid output is a
 * value naming the problem, which the caller turns into a retry with a format reminder.
 */
export function checkOutput(text: string, spec: OutputSpec | undefined): OutputCheck {
  if (spec?.max_chars !== undefined && text.length > spec.max_chars) {
    return {
      valid: false,
      problem: `the answer has ${text.length} characters; at most ${spec.max_chars} are allowed`,
    };
  }
  if (spec?.format !== 'json') return { valid: true, parsed: undefined, status: 'ok' };
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, problem: `the answer is not valid JSON (${parsed.message})` };
  const value = parsed.value as Record<string, unknown> | null;
  // The seed's explicit "I don't know": an outcome, checked before the schema it may not fit.
  if (value && typeof value === 'object' && value.status === 'uncertain') {
    return {
      valid: true,
      parsed: value,
      status: 'uncertain',
      reason: typeof value.reason === 'string' ? value.reason : undefined,
    };
  }
  if (spec.schema) {
    const validate = validatorFor(spec.schema);
    if (!validate(value)) {
      const problems = (validate.errors ?? [])
        .slice(0, 3)
        .map((error) => `${error.instancePath || '(root)'} ${error.message}`);
      return { valid: false, problem: `the answer does not match the schema: ${problems.join('; ')}` };
    }
  }
  if (!spec.confidence) return { valid: true, parsed: value, status: 'ok' };
  const confidence = value && typeof value === 'object' ? value[spec.confidence.field] : undefined;
  if (typeof confidence !== 'number' || confidence < 0 || confidence > 1) {
    return { valid: false, problem: `"${spec.confidence.field}" must be a number from 0 to 1` };
  }
  const decision: Decision =
    confidence >= spec.confidence.auto
      ? 'auto'
      : confidence >= spec.confidence.verify
        ? 'verify'
        : 'escalate';
  return {
    valid: true,
    parsed: value,
    status: decision === 'escalate' ? 'escalated' : 'ok',
    decision,
    confidence,
  };
}

/** The reminder appended before a retry (the first seed's "Retry with Reformatting"). */
export function formatReminder(spec: OutputSpec | undefined, problem: string): string {
  const shape =
    spec?.format === 'json'
      ? ' Reply with only a JSON object' +
        (spec.schema ? ' matching the required schema' : '') +
        ', no other text.'
      : '';
  return `Your previous answer could not be used: ${problem}.${shape}`;
}

/** JSON, also when wrapped in a Markdown code fence as models often do. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(text);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1]! : text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const known = validatorsBySchema.get(schema);
  if (known) return known;
  const key = contentHash(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (validators.size > 1_000) validators.delete(validators.keys().next().value!);
    validators.set(key, validate);
  }
  validatorsBySchema.set(schema, validate);
  return validate;
}
