import { PromptopsError } from '../../errors/index.ts';
import { ENVIRONMENT_NAME_PATTERN, isArtifactName } from '../content/names.ts';

/** Which version a reference means: a number, what an environment serves, or the latest. */
export type VersionSelector = { version: number } | { environment: string } | { latest: true };

export interface ArtifactReference {
  name: string;
  selector: VersionSelector;
}

/**
 * Parses `NAME`, `NAME#3`, `NAME@3` (a number after @ is a version) and `NAME@production`.
 * @example parseReference('support/classify-intent@production')
 */
export function parseReference(text: string, parameter = 'reference'): ArtifactReference {
  const match = /^([^@#]+)(?:([@#])(.+))?$/.exec(text.trim());
  const name = match?.[1];
  if (!match || !name || !isArtifactName(name)) {
    throw new PromptopsError(
      'invalid_argument',
      `${parameter} "${text}" is not NAME, NAME@environment or NAME#version (names are lower-case paths like support/classify-intent)`,
      { parameter },
    );
  }
  const [, , sign, suffix] = match;
  if (suffix === undefined) return { name, selector: { latest: true } };
  if (/^\d+$/.test(suffix)) return { name, selector: { version: Number(suffix) } };
  if (sign === '@' && ENVIRONMENT_NAME_PATTERN.test(suffix))
    return { name, selector: { environment: suffix } };
  throw new PromptopsError(
    'invalid_argument',
    `${parameter} "${text}": "${suffix}" is neither a version number nor an environment name`,
    {
      parameter,
    },
  );
}

export function parseVersionNumber(text: string, parameter: string): number {
  const value = /^#?(\d+)$/.exec(text.trim())?.[1];
  if (value === undefined || Number(value) < 1) {
    throw new PromptopsError('invalid_argument', `${parameter} "${text}" is not a version number (1, 2, …)`, {
      parameter,
    });
  }
  return Number(value);
}

export function describeSelector(selector: VersionSelector): string {
  if ('version' in selector) return `version ${selector.version}`;
  if ('environment' in selector) return `what ${selector.environment} serves`;
  return 'the latest version';
}
