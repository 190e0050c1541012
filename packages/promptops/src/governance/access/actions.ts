import type { Role } from './roles.ts';

/**
 * Every action a caller can take, the least role it needs, and where that role must be granted:
 * `artifact` — on a prefix covering the prompt, fragment or example bank; `global` — on '' (the
 * whole catalog). docs/governance.md prints this table; a test tries every action with every role.
 * Approval itself is further limited by the risk tier's `approver_roles` in policies.yaml. Your own
 * tokens and password need no role: any signed-in user manages them.
 */
export const ACTIONS = {
  'catalog-read': { role: 'viewer', scope: 'artifact', summary: 'list, show, history, diff, render' },
  'prompt-run': { role: 'viewer', scope: 'artifact', summary: 'run a prompt or chain' },
  'run-read': {
    role: 'viewer',
    scope: 'artifact',
    summary: 'read run records of a prompt or chain (redacted input and output)',
  },
  'audit-read': { role: 'viewer', scope: 'global', summary: 'read and verify the audit trail' },
  'change-read': { role: 'viewer', scope: 'artifact', summary: 'list and show change requests' },
  'version-create': { role: 'author', scope: 'artifact', summary: 'push new versions' },
  'change-propose': { role: 'author', scope: 'artifact', summary: 'propose a change request' },
  'change-comment': { role: 'author', scope: 'artifact', summary: 'comment on a change request' },
  'change-withdraw': {
    role: 'author',
    scope: 'artifact',
    summary: 'withdraw a change request (its author, or an admin)',
  },
  'change-approve': { role: 'reviewer', scope: 'artifact', summary: 'approve (tier approver_roles apply)' },
  'change-reject': { role: 'reviewer', scope: 'artifact', summary: 'reject a change request' },
  'sample-rate': {
    role: 'reviewer',
    scope: 'artifact',
    summary: 'rate a sampled live run good or bad (the review queue)',
  },
  'eval-case-propose': {
    role: 'reviewer',
    scope: 'artifact',
    summary: 'turn a run, sample or failed eval case into a proposed eval case; add or dismiss one',
  },
  'example-propose': {
    role: 'reviewer',
    scope: 'artifact',
    summary: "propose a run or sample as a few-shot example (a change request on the prompt's bank)",
  },
  'eval-run': {
    role: 'author',
    scope: 'artifact',
    summary:
      "run a prompt's suites on the server, on a draft or a version (results recorded as system:evals)",
  },
  'eval-record': { role: 'deployer', scope: 'artifact', summary: 'record an eval suite result' },
  'sample-score': {
    role: 'deployer',
    scope: 'global',
    summary: 'score queued live-run samples now (calls the judge model)',
  },
  deploy: { role: 'deployer', scope: 'artifact', summary: 'deploy an approved change to an environment' },
  'canary-set': { role: 'deployer', scope: 'artifact', summary: 'start or change a canary' },
  promote: { role: 'deployer', scope: 'artifact', summary: 'promote a canary to stable' },
  rollback: { role: 'deployer', scope: 'artifact', summary: 'roll back to the previous stable version' },
  'experiment-manage': {
    role: 'deployer',
    scope: 'artifact',
    summary: 'start or stop an A/B experiment between the stable and canary versions',
  },
  freeze: { role: 'deployer', scope: 'global', summary: 'start or end a deployment freeze' },
  'artifact-retire': { role: 'approver', scope: 'artifact', summary: 'retire a prompt, fragment or bank' },
  'label-force': {
    role: 'admin',
    scope: 'artifact',
    summary: 'move an environment directly, without a change request (break glass)',
  },
  'policies-update': {
    role: 'admin',
    scope: 'global',
    summary: 'change the policies in force (push policies.yaml)',
  },
  'webhook-manage': {
    role: 'admin',
    scope: 'global',
    summary: 'add, list and remove webhooks; read their delivery log',
  },
  'user-manage': { role: 'admin', scope: 'global', summary: 'create, disable and grant roles to users' },
  'token-manage': { role: 'admin', scope: 'global', summary: 'create and revoke tokens for any user' },
} as const satisfies Record<string, { role: Role; scope: 'artifact' | 'global'; summary: string }>;

export type Action = keyof typeof ACTIONS;
