import type { Principal } from '../../governance/access/index.ts';

/** The actor the audit trail and the webhook payloads name for the drift watch's results. */
export const DRIFT_ACTOR = 'system:drift';

/** The drift watch records results like a deployer running `promptops test` (eval-record). */
export const DRIFT_PRINCIPAL: Principal = {
  actor: DRIFT_ACTOR,
  userId: null,
  grants: [{ role: 'deployer', prefix: '' }],
};
