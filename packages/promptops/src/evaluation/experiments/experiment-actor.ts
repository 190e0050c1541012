/** The actor the audit trail and the webhook payloads name when the experiment watch ends an experiment. */
export const EXPERIMENTS_ACTOR = 'system:experiments';
