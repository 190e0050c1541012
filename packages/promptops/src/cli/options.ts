import { PromptopsError } from '../errors/index.ts';
import type { ParsedArguments } from './command.ts';

export function stringOption(parsed: ParsedArguments, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(parsed: ParsedArguments, name: string): string[] {
  const value = parsed.values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

export function flag(parsed: ParsedArguments, name: string): boolean {
  return parsed.values[name] === true;
}

/** The nth positional argument, or a usage error naming it. */
export function requirePositional(
  parsed: ParsedArguments,
  index: number,
  name: string,
  usage: string,
): string {
  const value = parsed.positionals[index];
  if (value === undefined) {
    throw new PromptopsError('invalid_argument', `missing ${name}; usage: promptops ${usage}`, {
      parameter: name,
    });
  }
  return value;
}

export function rejectExtraPositionals(parsed: ParsedArguments, count: number, usage: string): void {
  if (parsed.positionals.length > count) {
    throw new PromptopsError(
      'invalid_argument',
      `unexpected argument "${parsed.positionals[count]}"; usage: promptops ${usage}`,
      { parameter: parsed.positionals[count] },
    );
  }
}
