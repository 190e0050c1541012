export { type ArtifactVersionRow, artifactVersions } from './artifact-versions.ts';
export { type ArtifactRow, artifacts, type NewArtifactRow } from './artifacts.ts';
export { type AuditEntryRow, auditEntries } from './audit-entries.ts';
export { type BudgetLedgerRow, budgetLedger } from './budget-ledger.ts';
export {
  type ChangeRequestEventRow,
  type ChangeRequestRow,
  changeRequestEvents,
  changeRequests,
  type EvalResultRow,
  evalResults,
  type FreezeRow,
  freezes,
} from './change-requests.ts';
export { type ContextSummaryRow, contextSummaries } from './context-summaries.ts';
export {
  type DeploymentEventRow,
  type DeploymentRow,
  deploymentEvents,
  deployments,
  environments,
} from './deployments.ts';
export { type EvalCaseCandidateRow, evalCaseCandidates } from './eval-case-candidates.ts';
export { type ExperimentRow, experiments } from './experiments.ts';
export {
  type ApiTokenRow,
  apiTokens,
  type RoleGrantRow,
  roleGrants,
  type SessionRow,
  sessions,
  type UserRow,
  users,
} from './identities.ts';
export { meta } from './meta.ts';
export { type RetrievalDocumentRow, retrievalDocuments } from './retrieval-documents.ts';
export { type RetrievedPassageRow, retrievedPassages } from './retrieved-passages.ts';
export { type RunFeedbackRow, runFeedback } from './run-feedback.ts';
export { type RunRecordRow, runRecords } from './run-records.ts';
export { type RunSampleRow, runSamples } from './run-samples.ts';
export { type ToolCallRow, toolCalls } from './tool-calls.ts';
export { type WebhookDeliveryRow, type WebhookRow, webhookDeliveries, webhooks } from './webhooks.ts';
