import { loadProjectConfig } from './catalog/files/load-project-config.ts';
import { type Catalog, createCatalog } from './catalog/service/catalog.ts';
import { samplingJudge } from './evaluation/continuous/sampling-judge.ts';
import { loadPolicies } from './governance/policies/index.ts';
import { createRuntime, type Runtime } from './runtime/create-runtime.ts';
import type { ModelProvider } from './runtime/providers/index.ts';
import { providersFromConfig } from './runtime/providers-from-config.ts';
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
}

export interface Promptops {
  catalog: Catalog;
  /** Present when `projectDir` is given: runs prompts and chains with the project's providers. */
  runtime: Runtime | undefined;
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
      runtime = await createRuntime({ handle, catalog, config, policies, providers, sampling });
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    catalog,
    runtime,
    async close() {
      await runtime?.close();
      await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
      await handle.close();
    },
  };
}
