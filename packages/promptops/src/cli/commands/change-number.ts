import { PromptopsError } from '../../errors/index.ts';

/** `12` or `#12` → 12; anything else is a usage error naming the argument. */
export function parseChangeNumber(text: string): number {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  if (!match) {
    throw new PromptopsError(
      'invalid_argument',
      `change request number expected (like 12 or #12), got "${text}"`,
      {
        parameter: 'ID',
      },
    );
  }
  return Number(match[1]);
}

/** A percentage from the command line: a number above 0 and below 100. */
export function parsePercent(text: string, parameter: string): number {
  const value = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(value) || value <= 0 || value >= 100) {
    throw new PromptopsError(
      'invalid_argument',
      `${parameter} must be a percentage above 0 and below 100, got "${text}"`,
      {
        parameter,
      },
    );
  }
  return value;
}
