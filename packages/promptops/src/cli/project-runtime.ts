import { resolve } from 'node:path';
import { loadProjectConfig } from '../catalog/files/load-project-config.ts';
import type { ProjectConfig } from '../catalog/files/project-config.ts';
import type { Catalog } from '../catalog/service/catalog.ts';
import { PromptopsError } from '../errors/index.ts';
import { samplingJudge } from '../evaluation/continuous/sampling-judge.ts';
import type { Principal } from '../governance/access/index.ts';
import { loadPolicies, type Policies } from '../governance/policies/index.ts';
import { createRuntime, type Runtime } from '../runtime/create-runtime.ts';
import type { ModelProvider } from '../runtime/providers/provider.ts';
import { providersFromConfig } from '../runtime/providers-from-config.ts';
import type { RunResult } from '../runtime/run-result.ts';
import type { DatabaseHandle } from '../store/index.ts';
import { loadScriptFile, type ScriptedModelServer, startScriptedModelServer } from '../testing/index.ts';
import type { CommandContext } from './command.ts';
import { findProjectRoot } from './project-root.ts';

export interface ProjectRuntimeOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  handle: DatabaseHandle;
  catalog: Catalog;
  /** A scripted-model file: every provider is pointed at a scripted server answering from it. */
  scriptedModel?: string;
  /** Where the announcement of the scripted server goes. */
  announce: (line: string) => void;
  /** Told about every finished run (the server's metrics). */
  observers?: ((result: RunResult) => void)[];
  /** Wraps each provider (the eval response cache); the runtime and callers see the wrapped ones. */
  wrapProvider?: (provider: ModelProvider) => ModelProvider;
  /**
   * Score sampled live runs in the background (`serve`). Off for one-shot commands: their samples
   * wait in the queue for a server or `promptops samples score`.
   */
  sampleWorker?: boolean;
  /** The policies in force (the catalog's, once pushed); the project's policies.yaml otherwise. */
  policies?: Policies;
}

export interface ProjectRuntime {
  runtime: Runtime;
  /** The folder holding promptops.yaml. */
  root: string;
  config: ProjectConfig;
  providers: Record<string, ModelProvider>;
  close(): Promise<void>;
}

/**
 * The runtime for the project around `cwd`: providers from its promptops.yaml (keys from the
 * environment), policies from policies.yaml. With a scripted model the providers talk to a local
 * scripted server instead, and the user is told so: it never passes for a real model.
 */
export async function openProjectRuntime(options: ProjectRuntimeOptions): Promise<ProjectRuntime> {
  const root = findProjectRoot(options.cwd);
  if (!root) {
    throw new PromptopsError(
      'config_invalid',
      `no promptops.yaml in ${options.cwd} or above: running a prompt needs the project's providers and routes`,
      { location: { file: resolve(options.cwd, 'promptops.yaml') } },
    );
  }
  const [config, policies] = await Promise.all([
    loadProjectConfig(root),
    options.policies ?? loadPolicies(root),
  ]);
  let server: ScriptedModelServer | undefined;
  let env = options.env;
  const baseUrls: Record<string, string | undefined> = {};
  if (options.scriptedModel) {
    const rules = await loadScriptFile(resolve(options.cwd, options.scriptedModel));
    server = await startScriptedModelServer({ rules, announce: options.announce });
    env = { ...options.env };
    for (const [name, settings] of Object.entries(config.providers)) {
      baseUrls[name] = settings.protocol === 'anthropic' ? server.anthropicBaseUrl : server.openaiBaseUrl;
      if (settings.api_key_env) env[settings.api_key_env] = 'scripted';
    }
  }
  const built = providersFromConfig(config, { env, baseUrls });
  const wrap = options.wrapProvider;
  const providers = wrap
    ? Object.fromEntries(Object.entries(built).map(([name, provider]) => [name, wrap(provider)]))
    : built;
  const runtime = await createRuntime({
    handle: options.handle,
    catalog: options.catalog,
    config,
    policies,
    providers,
    ...(options.observers && { observers: options.observers }),
    sampling: { judge: samplingJudge(config, providers), worker: options.sampleWorker === true },
  });
  return {
    runtime,
    root,
    config,
    providers,
    async close() {
      await runtime.close();
      await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
      await server?.close();
    },
  };
}

/** Opens the catalog and the project's runtime for the duration of `work`, then closes both. */
export function withProjectRuntime<T>(
  context: CommandContext,
  scriptedModel: string | undefined,
  work: (runtime: Runtime, catalog: Catalog, principal: Principal) => Promise<T>,
): Promise<T> {
  return context.withCatalog(async (catalog, _db, handle, { principal }) => {
    const project = await openProjectRuntime({
      cwd: context.cwd,
      env: context.env,
      handle,
      catalog,
      scriptedModel,
      announce: (line) => context.stderr(`${line}\n`),
    });
    try {
      return await work(project.runtime, catalog, principal);
    } finally {
      await project.close();
    }
  });
}
