import { loadProjectConfig } from './catalog/files/load-project-config.ts';
import { type Catalog, createCatalog } from './catalog/service/catalog.ts';
import { samplingJudge } from './evaluation/continuous/sampling-judge.ts';
import { readCatalogPolicies } from './governance/policies/catalog-policies.ts';
import { loadPolicies } from './governance/policies/index.ts';
import {
  type AlertLogger,
  type AlertMonitor,
  createAlertMonitor,
  jsonLineLogger,
} from './observability/alerts/index.ts';
import { createRuntime, type Runtime } from './runtime/create-runtime.ts';
import type { ModelProvider } from './runtime/providers/index.ts';
import { providersFromConfig } from './runtime/providers-from-config.ts';
import type { ToolHandler } from './runtime/tools/index.ts';
import { openDatabase } from './store/index.ts';

export interface PromptopsOptions {
  /** A Postgres URL; omit for the embedded PGlite database. */
  databaseUrl?: string;
  /** The PGlite folder; omit (with no URL) for an in-memory database. */
  dataDir?: string;
  /** The project folder holding promptops.yaml and policies.yaml: needed for the runtime. */
  projectDir?: string;
  /** Where provider keys are read from (`api_key_env`); process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Providers built by the caller, by name, instead of from promptops.yaml. */
  providers?: Record<string, ModelProvider>;
  clock?: () => Date;
  /**
   * policies.yaml alert rules over the runtime's runs (on when there are rules): notices are logged
   * (JSON lines on stderr unless `log` is given) and queued for webhooks, and `action: rollback`
   * stops a failing canary. `false` turns them off.
   */
  alerts?: false | { log?: AlertLogger; intervalMs?: number };
  /**
   * Handlers for the tools prompts declare, by name (docs/tools.md); `runtime.registerTool` adds
   * more later. Calls reach them only when policies.yaml `tools:` allows them.
   */
  tools?: Record<string, ToolHandler>;
}

export interface Promptops {
  catalog: Catalog;
  /** Present when `projectDir` is given: runs prompts and chains with the project's providers. */
  runtime: Runtime | undefined;
  /** Present with a runtime and alert rules: `snapshot()` shows where each rule stands. */
  alerts: AlertMonitor | undefined;
  close(): Promise<void>;
}

/**
 * The library entry: opens the catalog database (migrating it) and, with a project folder, the
 * runtime over it. Governance and evaluation services join here as their issues land.
 *
 * @example
 * const promptops = await createPromptops({ dataDir: '.promptops/db', projectDir: '.' });
 * const result = await promptops.runtime!.run('support/classify-intent', { customer_message }, { environment: 'production' });
 * await promptops.close();
 */
export async function createPromptops(options: PromptopsOptions = {}): Promise<Promptops> {
  const handle = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const catalog = createCatalog({ db: handle.db, clock: options.clock });
  let runtime: Runtime | undefined;
  let alerts: AlertMonitor | undefined;
  let providers: Record<string, ModelProvider> = {};
  try {
    if (options.projectDir) {
      const [config, policies] = await Promise.all([
        loadProjectConfig(options.projectDir),
        loadPolicies(options.projectDir),
      ]);
      providers = options.providers ?? providersFromConfig(config, { env: options.env ?? process.env });
      // Sampled live runs are scored in the background, their rubrics by promptops.yaml's judge.
      const sampling = { judge: samplingJudge(config, providers) };
      // Alerts and their rollbacks follow the policies in force: the catalog's, once pushed.
      const inForce = (await readCatalogPolicies(handle.db)) ?? policies;
      const alertOptions = options.alerts === false ? undefined : options.alerts;
      if (options.alerts !== false && inForce.alerts.length > 0) {
        alerts = createAlertMonitor({
          rules: inForce.alerts,
          governance: { db: handle.db, policies: inForce, ...(options.clock && { clock: options.clock }) },
          ...(alertOptions?.intervalMs !== undefined && { intervalMs: alertOptions.intervalMs }),
        });
      }
      const observers = alerts ? [alerts.observe] : [];
      runtime = await createRuntime({
        handle,
        catalog,
        config,
        policies,
        providers,
        sampling,
        observers,
        ...(options.tools && { tools: options.tools }),
      });
      alerts?.start(alertOptions?.log ?? jsonLineLogger((line) => process.stderr.write(line)));
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    catalog,
    runtime,
    alerts,
    async close() {
      await alerts?.close();
      await runtime?.close();
      await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
      await handle.close();
    },
  };
}
