import { fileURLToPath } from 'node:url';
import { loadProjectConfig } from '../../src/catalog/files/load-project-config.ts';
import { type Catalog, createCatalog } from '../../src/catalog/service/catalog.ts';
import type { AssertionServices } from '../../src/evaluation/eval-types.ts';
import { loadPolicies } from '../../src/governance/policies/index.ts';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime.ts';
import { createProvider, type ModelProvider } from '../../src/runtime/providers/index.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.ts';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/acme-support', import.meta.url));

/** A prompt that samples `rate` of its live runs, with online assertions and a rubric. */
export function sampledPrompt(rate: number) {
  return {
    description: 'Answers a question in one line; its live runs are sampled for continuous evaluation.',
    owner: 'platform',
    risk: 'low',
    classification: 'internal',
    variables: { type: 'object', required: ['question'], properties: { question: { type: 'string' } } },
    messages: [{ role: 'user', content: '{{ question }}' }],
    model: { id: 'openai/gpt-4o-mini' },
    sampling: {
      rate,
      assert: [
        { type: 'not-icontains', value: 'Globex' },
        { type: 'max-words', value: 12 },
      ],
      rubric: 'Answers the question politely.',
    },
  };
}

export interface SamplingFixture {
  server: ScriptedModelServer;
  catalog: Catalog;
  /** Saves one version of the sampled prompt per rate (v1, v2, …) under `name`. */
  savePrompt(name: string, rates: readonly number[]): Promise<void>;
  /** Warnings the runtimes gave (a sample not queued, a failed pass). */
  warnings: string[];
  /** A runtime over the fixture's catalog and scripted model; closed by `close`. */
  runtime(options?: {
    judge?: AssertionServices['judge'];
    worker?: boolean;
    intervalMs?: number;
  }): Promise<Runtime>;
  close(): Promise<void>;
}

/**
 * The example project's configuration and policies over the given database, and runtimes whose
 * providers talk to a scripted model server over real HTTP. The model answers "Happy to help with
 * <question>." unless told otherwise.
 */
export async function openSamplingFixture(handle: DatabaseHandle): Promise<SamplingFixture> {
  const server = await startScriptedModelServer({
    rules: [{ reply: (request) => `Happy to help with ${request.lastUserMessage}.` }],
    announce: false,
    requireApiKey: 'sk-test',
  });
  const [config, policies] = await Promise.all([loadProjectConfig(EXAMPLE), loadPolicies(EXAMPLE)]);
  const catalog = createCatalog({ db: handle.db });
  const env = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-test' };
  const providers: Record<string, ModelProvider> = {
    openai: createProvider(
      'openai',
      { ...config.providers.openai!, base_url: server.openaiBaseUrl },
      { env },
    ),
  };
  const runtimes: Runtime[] = [];
  const warnings: string[] = [];
  return {
    server,
    catalog,
    warnings,
    async savePrompt(name, rates) {
      for (const [index, rate] of rates.entries()) {
        await catalog.saveVersion(
          { actor: 'local:tester' },
          {
            kind: 'prompt',
            name,
            content: {
              ...sampledPrompt(rate),
              description: `${sampledPrompt(rate).description} (v${index + 1})`,
            },
            parentVersion: index === 0 ? null : index,
            message: `${rate} of live runs sampled`,
          },
        );
      }
    },
    async runtime(options = {}) {
      const runtime = await createRuntime({
        handle,
        catalog,
        config,
        policies,
        providers,
        retries: 0,
        sampling: {
          ...(options.judge && { judge: options.judge }),
          worker: options.worker ?? false,
          ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
        },
        warn: (message) => warnings.push(message),
      });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const runtime of runtimes) await runtime.close();
      await providers.openai!.close?.();
      await server.close();
    },
  };
}

/** A judge that passes polite outputs: "Happy to help" scores 0.9, anything else 0.2. */
export const politeJudge: NonNullable<AssertionServices['judge']> = async (prompt) =>
  JSON.stringify(
    prompt.includes('Happy to help')
      ? { pass: true, score: 0.9, reason: 'polite' }
      : { pass: false, score: 0.2, reason: 'curt' },
  );
