import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectConfig } from '../../src/catalog/files/project-config.ts';
import { readProject } from '../../src/catalog/files/read-project.ts';
import { type Catalog, createCatalog } from '../../src/catalog/service/catalog.ts';
import { pushProject } from '../../src/catalog/sync/push-project.ts';
import type { Policies } from '../../src/governance/policies/index.ts';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime.ts';
import { createProvider, type ModelProvider } from '../../src/runtime/providers/index.ts';
import type { RunResult } from '../../src/runtime/run-result.ts';
import type { ToolHandler } from '../../src/runtime/tools/index.ts';
import { type DatabaseHandle, openDatabase } from '../../src/store/index.ts';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.ts';

/** A prompt with a short timeout and a fallback, for fault tests that must not wait 5 s. */
const FAST_PROMPT = `description: Answers in one line; used by the runtime's fault tests.
owner: platform
risk: low
classification: internal
variables:
  type: object
  required: [question]
  properties:
    question: { type: string }
messages:
  - role: user
    content: "{{ question }}"
model:
  id: openai/gpt-4o-mini
  fallbacks: [anthropic/claude-haiku-4-5]
  timeout_ms: 400
  params: { max_tokens: 50 }
environments:
  staging:
    model: { params: { max_tokens: 7 } }
`;

export interface RuntimeFixture {
  server: ScriptedModelServer;
  handle: DatabaseHandle;
  catalog: Catalog;
  runtime: Runtime;
  providers: Record<string, ModelProvider>;
  close(): Promise<void>;
}

/**
 * The example catalog pushed into an in-memory PGlite catalog, its providers pointed at a scripted
 * model server over real HTTP, and a runtime on top: what every runtime test starts from.
 */
export async function startRuntimeFixture(
  options: {
    retries?: number;
    budgets?: Policies['budgets'];
    embeddings?: string;
    observers?: ((result: RunResult) => void)[];
    /** promptops.yaml `gateway:` (ad-hoc chats); the example project has none. */
    gateway?: ProjectConfig['gateway'];
    /** The database to use (a Postgres suite's); in-memory PGlite by default. */
    database?: () => Promise<DatabaseHandle>;
    /** Tool handlers (docs/tools.md). */
    tools?: Record<string, ToolHandler>;
  } = {},
): Promise<RuntimeFixture> {
  const server = await startScriptedModelServer({ rules: [], announce: false, requireApiKey: 'sk-test' });
  const folder = await mkdtemp(join(tmpdir(), 'promptops-runtime-'));
  await cp(new URL('../../../../examples/acme-support', import.meta.url), folder, { recursive: true });
  await writeFile(join(folder, 'prompts', 'support', 'fast-answer.yaml'), FAST_PROMPT);
  const project = await readProject(folder);
  const handle = await (options.database ?? (() => openDatabase({})))();
  const catalog = createCatalog({ db: handle.db });
  await pushProject(catalog, { actor: 'test' }, project);
  const env = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-test' };
  const baseUrls: Record<string, string> = {
    openai: server.openaiBaseUrl,
    anthropic: server.anthropicBaseUrl,
  };
  const providers: Record<string, ModelProvider> = {};
  for (const [name, settings] of Object.entries(project.config.providers)) {
    providers[name] = createProvider(name, { ...settings, base_url: baseUrls[name] }, { env });
  }
  const runtime = await createRuntime({
    handle,
    catalog,
    config: {
      ...project.config,
      ...(options.embeddings && { embeddings: { model: options.embeddings } }),
      ...(options.gateway && { gateway: options.gateway }),
    },
    policies: options.budgets ? { ...project.policies, budgets: options.budgets } : project.policies,
    providers,
    retries: options.retries ?? 1,
    ...(options.observers && { observers: options.observers }),
    ...(options.tools && { tools: options.tools }),
  });
  return {
    server,
    handle,
    catalog,
    runtime,
    providers,
    async close() {
      await runtime.close();
      await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
      await server.close();
      await handle.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
