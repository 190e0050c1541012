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
  'user-create',
  'user-update',
  'user-disable',
  'role-grant',
  'role-revoke',
  'token-create',
  'token-revoke',
  'change-propose',
  'change-comment',
  'change-approve',
  'change-reject',
  'change-withdraw',
  'change-deploy',
  'eval-record',
  'sample-rate',
  'feedback-create',
  'eval-case-propose',
  'eval-case-add',
  'eval-case-dismiss',
  'example-propose',
  'canary-set',
  'canary-promote',
  'deployment-rollback',
  'freeze-start',
  'freeze-end',
  'policies-update',
  'webhook-create',
  'webhook-remove',
  'experiment-start',
  'experiment-stop',
  'experiment-conclude',
  'experiment-interrupt',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_KINDS = [
  'prompt',
  'fragment',
  'example-bank',
  'environment',
  'user',
  'token',
  'change-request',
  'policies',
  'webhook',
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
