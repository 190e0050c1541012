/**
 * Domain constants and name rules in one place (cf. langfuse's prompts/constants.ts).
 */
export const ARTIFACT_KINDS = ['prompt', 'fragment', 'example-bank'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** Slash paths are folders: `support/classify-intent`. Lower case, digits, `-` and `_`. */
export const ARTIFACT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;
export const ARTIFACT_NAME_MAX_LENGTH = 200;

/** Environment (label) names start with a letter, so `@3` can only ever mean version 3. */
export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
export const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export const PRODUCTION_ENVIRONMENT = 'production';

/** Fragments may include fragments; deeper than this is an error (DESIGN.md section 3). */
export const MAX_FRAGMENT_DEPTH = 8;

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type Risk = (typeof RISK_LEVELS)[number];

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export const TASKS = [
  'classification',
  'extraction',
  'generation',
  'summarisation',
  'reasoning',
  'conversation',
  'transformation',
] as const;
export type Task = (typeof TASKS)[number];

export const ARTIFACT_STATUSES = ['active', 'retired'] as const;
export type ArtifactStatus = (typeof ARTIFACT_STATUSES)[number];

export function isArtifactName(name: string): boolean {
  return name.length <= ARTIFACT_NAME_MAX_LENGTH && ARTIFACT_NAME_PATTERN.test(name);
}
