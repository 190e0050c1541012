import type { Catalog } from '../catalog/service/catalog.ts';
import type { AssertionServices } from '../evaluation/eval-types.ts';
import type { LoadedSuite } from '../evaluation/suites/index.ts';
import type { Principal } from '../governance/access/index.ts';
import type { Governance } from '../governance/create-governance.ts';
import type { AlertMonitor } from '../observability/alerts/index.ts';
import type { RunMetrics } from '../observability/metrics/run-metrics.ts';
import type { Runtime } from '../runtime/create-runtime.ts';
import type { DatabaseHandle } from '../store/index.ts';

/** What the routes use: built once at start and passed down (STYLE.md, Wiring). */
export interface ServerDeps {
  handle: DatabaseHandle;
  catalog: Catalog;
  governance: Governance;
  /** Absent when the server runs without a project (catalog and governance only). */
  runtime?: Runtime;
  /** The registry `/metrics` serves; the runtime's observers feed it. */
  metrics?: RunMetrics;
  /** The project's suites and assertion services: the server runs suites (`POST /api/eval-runs`). */
  suites?: { loadSuites(): Promise<LoadedSuite[]>; services: AssertionServices };
  /** The alert rules at work (`GET /api/alerts`); the runtime's observers feed it. */
  alerts?: AlertMonitor;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: set by the authentication hook on every route but the public ones. */
    principal: Principal;
  }
}
