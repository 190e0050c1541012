import type { ProjectConfig } from '../catalog/files/project-config.ts';
import type { Catalog } from '../catalog/service/catalog.ts';
import { PromptopsError } from '../errors/index.ts';
import type { AssertionServices } from '../evaluation/eval-types.ts';
import { fragmentOverrideRules, type Policies } from '../governance/policies/index.ts';
import { createGuardHooks, type GuardDetectors } from '../guardrails/create-guard-hooks.ts';
import { checkGuardEntities, defaultGuardDetectors } from '../guardrails/default-detectors.ts';
import { type DatabaseHandle, fingerprintKey } from '../store/index.ts';
import { createBudgetGate } from './budgets/index.ts';
import type { ModelTarget } from './call/call-model.ts';
import { createCircuitBreakers } from './call/circuit-breaker.ts';
import { type ChainDefinition, type ChainResult, type RunChainOptions, runChain } from './chains/index.ts';
import { chatModels } from './chat/chat-models.ts';
import { type ChatRequest, chatRunName } from './chat/chat-request.ts';
import { chatSource, chatVariables, checkChatConfig } from './chat/prepare-chat.ts';
import { createExampleSelector } from './context/example-selector.ts';
import { createModelCatalog, routeFor } from './models/index.ts';
import { runPipeline } from './pipeline.ts';
import type { ModelParameters, ModelProvider } from './providers/provider.ts';
import { chainRunRecord } from './records/chain-run-record.ts';
import { createRunRecorder } from './records/run-recorder.ts';
import { createCachedCatalog } from './resolve/cached-catalog.ts';
import { followCatalogChanges } from './resolve/follow-catalog-changes.ts';
import { createRetrievalRuntime } from './retrieval/create-retrieval.ts';
import { groundingGuard } from './retrieval/grounding-guard.ts';
import type { RunOptions } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import {
  type BudgetGate,
  type GuardHook,
  NO_BUDGETS,
  type PlanModels,
  type RuntimeParts,
} from './runtime-parts.ts';
import { startContinuousEvaluation } from './sampling/continuous-evaluation.ts';
import { type RunStream, streamPipeline } from './stream-pipeline.ts';
import { createToolRuntime, type ToolHandler } from './tools/index.ts';

export interface RuntimeOptions {
  handle: DatabaseHandle;
  catalog: Catalog;
  config: ProjectConfig;
  policies: Policies;
  /** Providers by the name promptops.yaml gives them. */
  providers: Record<string, ModelProvider>;
  budget?: BudgetGate;
  inputGuards?: GuardHook[];
  /** The detectors the policy-driven guards use (PII, injection); the built-in ones by default. */
  guardDetectors?: GuardDetectors;
  outputGuards?: GuardHook[];
  /** Told about every finished run, e.g. `createRunMetrics().observe`. */
  observers?: ((result: RunResult) => void)[];
  /** Retries per model after the first attempt. */
  retries?: number;
  cacheTtlMs?: number;
  /**
   * Continuous evaluation of sampled live runs (a version's `sampling`). The judge grades
   * `sampling.rubric` (unmeasured without one); the worker scores queued samples in the background
   * (on by default; one-shot processes turn it off and call `samples.scoreNow`).
   */
  sampling?: {
    judge?: AssertionServices['judge'];
    worker?: boolean;
    /** How long the worker waits when nothing is due; 5 s by default. */
    intervalMs?: number;
  };
  /** Problems that cost no run but should be seen (a sample not queued); process warnings by default. */
  warn?: (message: string) => void;
  /**
   * Tool handlers by name, for prompts that declare tools (docs/tools.md); more with `registerTool`.
   * HTTP tools from promptops.yaml `tools:` are registered too.
   */
  tools?: Record<string, ToolHandler>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The runtime applications call: `run(name, variables, options)` → a result with a status. Built
 * once per process; resolution is cached and kept fresh by catalog change events.
 *
 * @example
 * const runtime = await createRuntime({ handle, catalog, config, policies, providers });
 * const result = await runtime.run('support/classify-intent', { customer_message: 'Where is my order?' }, { environment: 'production' });
 */
export async function createRuntime(options: RuntimeOptions) {
  const cache = createCachedCatalog({ catalog: options.catalog, ttlMs: options.cacheTtlMs });
  const unlisten = await followCatalogChanges(options.handle, cache);
  const models = createModelCatalog({ config: options.config, policies: options.policies });
  const warn = options.warn ?? ((message: string) => process.emitWarning(message, 'PromptopsWarning'));
  // Stages 3 and 9 from policies.yaml `guards`, for prompts that name a guard policy.
  if (!options.guardDetectors) checkGuardEntities(options.policies);
  checkChatConfig(options.config, options.policies);
  const detectors = options.guardDetectors ?? defaultGuardDetectors(options.policies.recognizers);
  const guards = createGuardHooks(options.policies, detectors);
  const key = await fingerprintKey(options.handle.db);
  const sampling = startContinuousEvaluation({
    db: options.handle.db,
    cache,
    keepRedactedIo: options.config.retention.redacted_io,
    detectors,
    recognizers: options.policies.recognizers,
    ...(options.sampling?.judge && { judge: options.sampling.judge }),
    worker: options.sampling?.worker !== false,
    ...(options.sampling?.intervalMs !== undefined && { intervalMs: options.sampling.intervalMs }),
    warn,
  });
  const recorder = createRunRecorder({
    db: options.handle.db,
    fingerprintKey: key,
    sampler: sampling.sampler,
  });
  const ownBudget =
    options.budget === undefined && options.policies.budgets.length > 0
      ? createBudgetGate({ db: options.handle.db, policies: options.policies, models })
      : undefined;
  const budget = options.budget ?? ownBudget ?? NO_BUDGETS;
  const parts: RuntimeParts = {
    cache,
    planModels: createPlanner(options),
    models,
    breakers: createCircuitBreakers(),
    budget,
    recorder,
    selectExamples: createExampleSelector(embeddingsTarget(options)),
    inputGuards: options.inputGuards ?? [guards.input],
    // The grounding check (output.citations) runs after the policy guards, on what they let through.
    outputGuards: [...(options.outputGuards ?? [guards.output]), groundingGuard],
    observers: options.observers ?? [],
    fragmentOverrides: fragmentOverrideRules(options.policies.overrides),
    tools: createToolRuntime({
      config: options.config,
      policies: options.policies,
      detectors,
      ...(options.tools && { handlers: options.tools }),
    }),
    retrieval: createRetrievalRuntime({
      db: options.handle.db,
      config: options.config,
      policies: options.policies,
      detectors,
      summarizer: {
        version: async (prompt, environment) => (await cache.served('prompt', prompt, environment)).version,
        run: async (prompt, variables, run) => {
          const result = await runPipeline(parts, prompt, variables, {
            parentRunId: run.parentRunId,
            ...(run.environment !== undefined && { environment: run.environment }),
          });
          return result.status === 'ok'
            ? { ok: true, text: result.output }
            : {
                ok: false,
                reason: `${prompt} ended ${result.status}${result.reason ? `: ${result.reason}` : ''}`,
              };
        },
      },
    }),
  };
  return {
    parts,
    run: (name: string, variables: Record<string, unknown>, runOptions?: RunOptions): Promise<RunResult> =>
      runPipeline(parts, name, variables, runOptions),
    /**
     * A chain (chains/*.yaml): its stages run as child runs of one chain run, recorded as such.
     * @example await runtime.runChain(await loadChainFile(root, 'chains/support/customer-service.yaml'), { customer_message })
     */
    runChain: (
      chain: ChainDefinition,
      input: Record<string, unknown>,
      chainOptions: Omit<RunChainOptions, 'run'> = {},
    ): Promise<ChainResult> =>
      runChain(chain, input, {
        ...chainOptions,
        run: (name, variables, runOptions) => runPipeline(parts, name, variables, runOptions),
        recordChain: async (result) => {
          recorder.record(chainRunRecord(result, recorder.fingerprint(input), chainOptions.requestId));
          await chainOptions.recordChain?.(result);
        },
      }),
    /** The same run with the answer streamed; read `textStream`, then await `result`. */
    stream: (name: string, variables: Record<string, unknown>, runOptions?: RunOptions): RunStream =>
      streamPipeline(parts, name, variables, runOptions),
    /**
     * An ad-hoc chat (promptops.yaml `gateway:`): the messages go to a configured route or
     * provider/model as `gateway/<model>`, through guards, budget and record; `failed` with
     * `model_not_found` when the project runs no ad-hoc chats or names no such model.
     * @example await runtime.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
     */
    chat: (request: ChatRequest, runOptions?: RunOptions): Promise<RunResult> =>
      runPipeline(
        parts,
        chatRunName(request.model),
        chatVariables(request),
        runOptions,
        chatSource(options.config, request),
      ),
    /** Routes and models an ad-hoc chat may name, for listings; empty without `gateway:`. */
    chatModels: (): string[] => chatModels(options.config, options.policies),
    /** The same chat with the answer streamed. */
    streamChat: (request: ChatRequest, runOptions?: RunOptions): RunStream =>
      streamPipeline(
        parts,
        chatRunName(request.model),
        chatVariables(request),
        runOptions,
        chatSource(options.config, request),
      ),
    /**
     * Serves a tool prompts declare: called with arguments the schema and policy have checked.
     * @example runtime.registerTool('lookup_order', async ({ order_id }) => orders.find(String(order_id)));
     */
    registerTool: (name: string, handler: ToolHandler): void => parts.tools?.registry.register(name, handler),
    /** Writes queued run records now (tests, before reading them back); sampled runs are queued with them. */
    flush: () => recorder.flush(),
    /** Continuous evaluation: score the queued samples that are due now, and wait for it. */
    samples: { scoreNow: () => sampling.worker.scoreNow() },
    async close(): Promise<void> {
      // The worker stops first (it takes no new sample; the one being scored is finished), so the
      // samples the last flush queues wait in the store for the next process.
      const workerStopped = sampling.worker.stop();
      await unlisten();
      await ownBudget?.close();
      await recorder.close();
      await workerStopped;
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;

function embeddingsTarget(options: RuntimeOptions) {
  const id = options.config.embeddings?.model;
  if (!id) return undefined;
  const [providerName, ...rest] = id.split('/');
  const provider = options.providers[providerName!];
  return provider ? { id, provider, model: rest.join('/') } : undefined;
}

function createPlanner(options: RuntimeOptions): PlanModels {
  return (content, request) => {
    const routed = routeFor(
      {
        prompt: request.prompt,
        // An override replaces the prompt's route and fallbacks, and keeps its parameters.
        model:
          request.model === undefined
            ? content.model
            : {
                ...(content.model?.params && { params: content.model.params }),
                id: request.model,
                fallbacks: [],
              },
        task: content.task,
        classification: content.classification,
        complexity: request.complexity,
      },
      { config: options.config, policies: options.policies },
    );
    if (!routed.ok) return routed;
    const route = routed.route;
    const targets: ModelTarget[] = [];
    for (const id of [route.model, ...route.fallbacks]) {
      const [providerName, ...rest] = id.split('/');
      const provider = options.providers[providerName!];
      if (!provider) {
        return {
          ok: false,
          error: new PromptopsError(
            'config_invalid',
            `${request.prompt}: no provider "${providerName}" is configured for ${id}`,
            {},
          ),
        };
      }
      targets.push({ id, provider, model: rest.join('/') });
    }
    const providerTimeout = options.config.providers[targets[0]!.provider.name]?.timeout_ms;
    return {
      ok: true,
      value: {
        route: route.routeName,
        targets,
        parameters: toParameters(route.params),
        policy: {
          retries: options.retries ?? 2,
          timeoutMs: content.model?.timeout_ms ?? providerTimeout ?? DEFAULT_TIMEOUT_MS,
        },
      },
    };
  };
}

function toParameters(params: Record<string, unknown>): ModelParameters {
  const number = (key: string) => (typeof params[key] === 'number' ? (params[key] as number) : undefined);
  return {
    temperature: number('temperature'),
    maxTokens: number('max_tokens'),
    topP: number('top_p'),
    stop: Array.isArray(params.stop) ? (params.stop as string[]) : undefined,
    seed: number('seed'),
    presencePenalty: number('presence_penalty'),
    frequencyPenalty: number('frequency_penalty'),
  };
}
