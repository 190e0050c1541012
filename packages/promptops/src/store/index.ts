export {
  CATALOG_CHANNEL,
  type Database,
  type DatabaseHandle,
  type DatabaseKind,
  type Executor,
  type Transaction,
} from './database.ts';
export { MUTATION_LOCK_KEY } from './migrate.ts';
export { type OpenDatabaseOptions, openDatabase } from './open-database.ts';
export { redactUrl } from './postgres-connection.ts';
export * from './repositories/artifacts-repository.ts';
export * from './repositories/audit-repository.ts';
export * from './repositories/budget-ledger-repository.ts';
export * from './repositories/change-requests-repository.ts';
export * from './repositories/cycle-times-repository.ts';
export * from './repositories/deployments-repository.ts';
export * from './repositories/eval-case-candidates-repository.ts';
export * from './repositories/eval-history-repository.ts';
export * from './repositories/experiment-figures-repository.ts';
export * from './repositories/experiments-repository.ts';
export * from './repositories/identities-repository.ts';
export * from './repositories/lease-repository.ts';
export * from './repositories/meta-repository.ts';
export * from './repositories/retrieval-repository.ts';
export * from './repositories/run-feedback-repository.ts';
export * from './repositories/run-records-repository.ts';
export * from './repositories/run-samples-repository.ts';
export * from './repositories/run-stats-repository.ts';
export * from './repositories/tool-calls-repository.ts';
export * from './repositories/versions-repository.ts';
export * from './repositories/webhooks-repository.ts';
export * from './schema/index.ts';
