// Model migration check (issue 10, item 5): a prompt's suites on its current model and a candidate.

export { formatMigration } from './format-migration.ts';
export { migrationHtml } from './migration-html.ts';
export type { MigrationPromptResult, MigrationReport, MigrationSuiteResult } from './migration-report.ts';
export {
  type MigrationVerdict,
  migrationVerdict,
  type SideFigures,
  sideFigures,
  worstVerdict,
} from './migration-verdict.ts';
