import type { ProjectConfig } from '../../src/catalog/files/project-config.ts';
import { createGovernance, type Governance } from '../../src/governance/create-governance.ts';
import { loadPolicies } from '../../src/governance/policies/index.ts';
import { createRunMetrics } from '../../src/observability/metrics/run-metrics.ts';
import { createServer, type PromptopsServer } from '../../src/server/create-server.ts';
import type { GatewayOptions } from '../../src/server/gateway/gateway-options.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { type RuntimeFixture, startRuntimeFixture } from '../runtime/runtime-fixture.ts';

export interface ServerFixture {
  runtime: RuntimeFixture;
  governance: Governance;
  server: PromptopsServer;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** API tokens by user: admin, alice (author on support/), viv (viewer on billing/ only). */
  tokens: Map<string, string>;
  /** JSON log lines the server wrote. */
  logs: string[];
  close(): Promise<void>;
}

/** The runtime fixture (example catalog, scripted model over HTTP) served on a real port. */
export async function startServerFixture(
  options: {
    gateway?: ProjectConfig['gateway'];
    gatewayOptions?: Partial<GatewayOptions>;
    /** The web UI's built files (createServer's webRoot); none served by default. */
    webRoot?: string;
    /** The database to use (a Postgres suite's); in-memory PGlite by default. */
    database?: () => Promise<DatabaseHandle>;
  } = {},
): Promise<ServerFixture> {
  const metrics = createRunMetrics({ defaultMetrics: false });
  const runtime = await startRuntimeFixture({
    observers: [metrics.observe],
    ...(options.gateway && { gateway: options.gateway }),
    ...(options.database && { database: options.database }),
  });
  const policies = await loadPolicies(new URL('../../../../examples/acme-support', import.meta.url).pathname);
  const governance = createGovernance({ db: runtime.handle.db, policies });
  const { token: adminToken } = await governance.bootstrapAdmin({ username: 'admin' });
  const admin = await governance.authenticateToken(adminToken);
  const tokens = new Map([['admin', adminToken]]);
  for (const [username, role, prefix] of [
    ['alice', 'author', 'support/'],
    ['viv', 'viewer', 'billing/'],
  ] as const) {
    await governance.users.create(admin, {
      username,
      password: `${username}-correct-horse-battery`,
      grants: [{ role, prefix }],
    });
    tokens.set(username, (await governance.tokens.create(admin, { name: 'test', username })).token);
  }
  const logs: string[] = [];
  const server = await createServer({
    handle: runtime.handle,
    catalog: runtime.catalog,
    governance,
    runtime: runtime.runtime,
    metrics,
    log: { write: (line) => void logs.push(line) },
    ...(options.gatewayOptions && { gateway: options.gatewayOptions }),
    webRoot: options.webRoot ?? false,
  });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    runtime,
    governance,
    server,
    url,
    tokens,
    logs,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
