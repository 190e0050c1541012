import { ENVIRONMENT_NAME_PATTERN, isArtifactName } from '../../catalog/content/names.ts';
import { PromptopsError } from '../../errors/index.ts';

/** What a request's `model` names: a governed prompt, or an ad-hoc chat model. */
export type GatewayTarget =
  | { kind: 'prompt'; name: string; environment?: string; version?: number }
  | { kind: 'chat'; model: string };

export const PROMPT_PREFIX = 'prompt:';

/**
 * `prompt:NAME` (the latest version), `prompt:NAME@ENV` (what the environment serves, canary
 * included) or `prompt:NAME#VERSION` (exactly that version); anything else is an ad-hoc chat model
 * (a route or provider/model from promptops.yaml).
 *
 * @example
 * parseModelName('prompt:support/classify-intent@production');
 * // { kind: 'prompt', name: 'support/classify-intent', environment: 'production' }
 */
export function parseModelName(model: string): GatewayTarget {
  if (!model.startsWith(PROMPT_PREFIX)) return { kind: 'chat', model };
  const match = /^([^@#]*)(?:@([^@#]*)|#([^@#]*))?$/.exec(model.slice(PROMPT_PREFIX.length));
  const refuse = (why: string) =>
    new PromptopsError(
      'invalid_argument',
      `model "${model}": ${why}; write prompt:NAME, prompt:NAME@ENVIRONMENT or prompt:NAME#VERSION`,
      { parameter: 'model' },
    );
  if (!match) throw refuse('give an environment or a version, not both');
  const [, name = '', environment, version] = match;
  if (!isArtifactName(name)) throw refuse(`"${name}" is not a prompt name`);
  if (environment !== undefined) {
    if (!ENVIRONMENT_NAME_PATTERN.test(environment))
      throw refuse(`"${environment}" is not an environment name`);
    return { kind: 'prompt', name, environment };
  }
  if (version !== undefined) {
    if (!/^[1-9][0-9]{0,8}$/.test(version)) throw refuse(`"${version}" is not a version number`);
    return { kind: 'prompt', name, version: Number(version) };
  }
  return { kind: 'prompt', name };
}
