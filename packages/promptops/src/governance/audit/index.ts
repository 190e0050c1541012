export {
  AUDIT_ACTIONS,
  AUDIT_TARGET_KINDS,
  type AuditAction,
  type AuditTargetKind,
  GENESIS_HASH,
} from './audit-actions.ts';
export { auditHash } from './audit-hash.ts';
export { type AuditRecord, type MutationContext, type MutationOptions, mutate } from './mutation.ts';
export { type AuditProblem, type AuditVerification, verifyAuditChain } from './verify-audit-chain.ts';
