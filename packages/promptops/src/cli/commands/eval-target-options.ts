import { parseVersionNumber } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { ParsedArguments } from '../command.ts';
import type { TargetChoice } from '../eval-session.ts';
import { stringOption } from '../options.ts';

export const TARGET_OPTIONS = {
  version: { type: 'string' },
  env: { type: 'string' },
  model: { type: 'string' },
} as const;

/** `provider/model`, as promptops.yaml writes model ids. */
export const MODEL_ID = /^[a-z0-9][a-z0-9_-]*\/[^\s/][^\s]*$/;

/**
 * `--version N` and `--env ENV` (together: version N runs in ENV, its fragments and overrides), and
 * `--model provider/model` to call that model instead of the prompt's route.
 */
export function parseTargetChoice(parsed: ParsedArguments): TargetChoice {
  const version = stringOption(parsed, 'version');
  const environment = stringOption(parsed, 'env');
  const model = stringOption(parsed, 'model');
  if (model !== undefined && !MODEL_ID.test(model)) {
    throw new PromptopsError('invalid_argument', '--model must be provider/model, e.g. openai/gpt-4o-mini', {
      parameter: 'model',
    });
  }
  return {
    ...(version !== undefined && { version: parseVersionNumber(version, 'version') }),
    ...(environment !== undefined && { environment }),
    ...(model !== undefined && { model }),
  };
}

/** An optional whole-number option within [min, max]. */
export function wholeNumberOption(
  parsed: ParsedArguments,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d{1,6}$/.test(text) || value < min || value > max) {
    throw new PromptopsError('invalid_argument', `--${name} must be a whole number from ${min} to ${max}`, {
      parameter: name,
    });
  }
  return value;
}

/** `--alpha`: the significance level comparisons call a difference at (default 0.05). */
export function alphaOption(text: string | undefined): number {
  if (text === undefined) return 0.05;
  const value = Number(text);
  if (!(value > 0 && value < 0.5)) {
    throw new PromptopsError('invalid_argument', '--alpha must be a significance level between 0 and 0.5', {
      parameter: 'alpha',
    });
  }
  return value;
}
