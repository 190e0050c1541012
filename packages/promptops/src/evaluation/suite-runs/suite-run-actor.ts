import type { Principal } from '../../governance/access/index.ts';

/** The actor the audit trail names for results of suites the server ran (`POST /api/eval-runs`). */
export const EVALS_ACTOR = 'system:evals';

/**
 * The server records a version's suite results like a deployer running `promptops test`
 * (eval-record): the figures are the server's own, not a caller's claim; `details.requestedBy`
 * names who asked for the run.
 */
export const EVALS_PRINCIPAL: Principal = {
  actor: EVALS_ACTOR,
  userId: null,
  grants: [{ role: 'deployer', prefix: '' }],
};
