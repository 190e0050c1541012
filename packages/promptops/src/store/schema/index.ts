export { type ArtifactVersionRow, artifactVersions } from './artifact-versions.ts';
export { type ArtifactRow, artifacts, type NewArtifactRow } from './artifacts.ts';
export { type AuditEntryRow, auditEntries } from './audit-entries.ts';
export { type BudgetLedgerRow, budgetLedger } from './budget-ledger.ts';
export {
  type DeploymentEventRow,
  type DeploymentRow,
  deploymentEvents,
  deployments,
  environments,
} from './deployments.ts';
export { meta } from './meta.ts';
export { type RunRecordRow, runRecords } from './run-records.ts';
