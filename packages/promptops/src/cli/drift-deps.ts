import type { Catalog } from '../catalog/service/catalog.ts';
import type { DriftCheckDeps } from '../evaluation/drift/index.ts';
import { assertionServices } from '../evaluation/runner/index.ts';
import { loadSuites } from '../evaluation/suites/index.ts';
import type { Governance } from '../governance/create-governance.ts';
import type { DriftPolicy } from '../governance/policies/index.ts';
import type { AlertLogger } from '../observability/alerts/index.ts';
import type { Database } from '../store/index.ts';
import type { ProjectRuntime } from './project-runtime.ts';

/**
 * What a drift check needs, from the project's runtime (never wrapped in the eval response cache:
 * the check is there to see what the live model answers now) and its suite files.
 */
export function driftCheckDeps(input: {
  db: Database;
  catalog: Catalog;
  governance: Governance;
  project: ProjectRuntime;
  policy: DriftPolicy;
  log: AlertLogger;
}): DriftCheckDeps {
  const { project, governance } = input;
  return {
    db: input.db,
    catalog: input.catalog,
    runtime: project.runtime,
    services: assertionServices(project.config, project.providers),
    loadSuites: () => loadSuites(project.root),
    record: (principal, result) => governance.evals.record(principal, result),
    policy: input.policy,
    log: input.log,
  };
}
