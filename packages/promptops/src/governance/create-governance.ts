import type { Principal } from './access/index.ts';
import { artifactMetadata } from './changes/artifact-metadata.ts';
import {
  approveChange,
  commentOnChange,
  listChanges,
  proposeChange,
  rejectChange,
  showChange,
  withdrawChange,
} from './changes/change-requests.ts';
import { deployChange, promoteCanary, rollback, setCanaryPercent } from './changes/deployments.ts';
import { latestEvalResults, recordEvalResult } from './changes/eval-results.ts';
import { endFreeze, listFreezes, startFreeze } from './changes/freezes.ts';
import type { GovernanceDeps } from './changes/governance-deps.ts';
import { addWebhook, listWebhooks, removeWebhook, webhookDeliveryLog } from './events/webhooks.ts';
import {
  authenticateSession,
  authenticateToken,
  bootstrapAdmin,
  createToken,
  createUser,
  disableUser,
  grantRole,
  listTokenSummaries,
  listUserSummaries,
  login,
  logout,
  resolveCliPrincipal,
  revokeTokenByName,
  setPassword,
} from './identity/index.ts';
import type { Policies } from './policies/policies-schema.ts';

type WithoutDeps<F> = F extends (deps: GovernanceDeps, ...rest: infer A) => infer R
  ? (...rest: A) => R
  : never;

function bind<F extends (deps: GovernanceDeps, ...rest: never[]) => unknown>(
  deps: GovernanceDeps,
  operation: F,
) {
  return ((...rest: never[]) => operation(deps, ...rest)) as WithoutDeps<F>;
}

/**
 * Governance over one catalog: identities, change requests, approvals, deployments, freezes and eval
 * evidence. Every operation takes the acting `Principal` and checks its role; every change goes
 * through the audited mutation funnel.
 *
 * @example
 * const governance = createGovernance({ db, policies });
 * const alice = await governance.authenticateToken(process.env.PROMPTOPS_TOKEN!);
 * const change = await governance.changes.propose(alice, { kind: 'prompt', name: 'support/generate-response',
 *   environment: 'production', title: 'Shorter apology' });
 */
export function createGovernance(given: GovernanceDeps) {
  // Every operation reads the policies in force when it runs, so a long-running server can follow
  // a policies.yaml push (usePolicies) without a restart.
  const deps: GovernanceDeps = { ...given };
  return {
    /** The policies in force for this governance (approvals, gates, freezes, canary rules). */
    get policies(): Policies {
      return deps.policies;
    },
    /** From now on, operations follow `policies` (a newer policies.yaml stored in the catalog). */
    usePolicies(policies: Policies): void {
      deps.policies = policies;
    },
    bootstrapAdmin: bind(deps, bootstrapAdmin),
    authenticateToken: bind(deps, authenticateToken),
    authenticateSession: bind(deps, authenticateSession),
    login: bind(deps, login),
    logout: bind(deps, logout),
    resolveCliPrincipal: bind(deps, resolveCliPrincipal),
    users: {
      create: bind(deps, createUser),
      grant: bind(deps, grantRole),
      setPassword: bind(deps, setPassword),
      disable: bind(deps, disableUser),
      list: bind(deps, listUserSummaries),
    },
    tokens: {
      create: bind(deps, createToken),
      revoke: bind(deps, revokeTokenByName),
      list: bind(deps, listTokenSummaries),
    },
    changes: {
      propose: bind(deps, proposeChange),
      approve: bind(deps, approveChange),
      reject: bind(deps, rejectChange),
      withdraw: bind(deps, withdrawChange),
      comment: bind(deps, commentOnChange),
      show: bind(deps, showChange),
      list: bind(deps, listChanges),
    },
    deployments: {
      deploy: bind(deps, deployChange),
      setCanary: bind(deps, setCanaryPercent),
      promote: bind(deps, promoteCanary),
      rollback: bind(deps, rollback),
    },
    freezes: {
      list: bind(deps, listFreezes),
      start: bind(deps, startFreeze),
      end: bind(deps, endFreeze),
    },
    evals: { record: bind(deps, recordEvalResult), latest: bind(deps, latestEvalResults) },
    /** Catalog fields of one artifact: purpose, owner, last edit, evals, tested with, cycle time. */
    metadata: bind(deps, artifactMetadata),
    webhooks: {
      add: bind(deps, addWebhook),
      remove: bind(deps, removeWebhook),
      list: bind(deps, listWebhooks),
      deliveries: bind(deps, webhookDeliveryLog),
    },
  };
}

export type Governance = ReturnType<typeof createGovernance>;
export type { Principal };
