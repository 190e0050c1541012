/**
 * Audit actions are `<noun>-<verb>` from a fixed set of verbs (STYLE.md), so a reader can filter by
 * either half. Later issues add their nouns (change requests, tokens, deployments) here.
 */
export const AUDIT_ACTIONS = [
  'artifact-create',
  'artifact-retire',
  'version-create',
  'label-move',
  'environment-create',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_KINDS = ['prompt', 'fragment', 'example-bank', 'environment'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
