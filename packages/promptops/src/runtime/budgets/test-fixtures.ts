import { expect } from 'vitest';
import type { TestDatabase } from '../../../test/support/databases.ts';
import { ProjectConfig } from '../../catalog/files/project-config.ts';
import type { PromptopsError } from '../../errors/index.ts';
import { Policies, type PoliciesInput } from '../../governance/policies/policies-schema.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../../store/index.ts';
import type { ModelTarget } from '../call/call-model.ts';
import { type BuiltinModel, createModelCatalog, type ModelCatalog } from '../models/index.ts';
import type { ModelMessage, ModelProvider } from '../providers/provider.ts';
import type { BudgetGate, ModelPlan } from '../runtime-parts.ts';

/** Test support: a provider that fails the test if the gate ever calls a model. */
export const UNCALLABLE_PROVIDER: ModelProvider = {
  name: 'openai',
  protocol: 'openai',
  generate: () => {
    throw new Error('the budget gate must never call a model');
  },
  stream: () => {
    throw new Error('the budget gate must never call a model');
  },
};

export const MESSAGES: ModelMessage[] = [
  { role: 'system', content: 'Classify the intent.' },
  { role: 'user', content: 'Where is my parcel?' },
];

/** Test support: the plan the router would make for these models, with `max_tokens` set. */
export function planFor(models: string[], maxTokens = 1_000): ModelPlan {
  const targets: ModelTarget[] = models.map((id) => ({
    id,
    provider: UNCALLABLE_PROVIDER,
    model: id.slice(id.indexOf('/') + 1),
  }));
  return { targets, parameters: { maxTokens }, policy: { retries: 0, timeoutMs: 1_000 } };
}

export function policiesWith(budgets: NonNullable<PoliciesInput['budgets']>): Policies {
  return Policies.parse({ budgets });
}

/** Test support: the catalog of a project with the OpenAI API as provider `openai`. */
export function openaiCatalog(builtins?: readonly BuiltinModel[]): ModelCatalog {
  const config = ProjectConfig.parse({
    project: { name: 'demo' },
    providers: { openai: { protocol: 'openai' } },
  });
  return createModelCatalog({ config, policies: Policies.parse({}), builtins });
}

/** Test support: a clock the test moves. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

/** Test support: the error of a refused check (fails the test when the check passed). */
export function refusal(result: Awaited<ReturnType<BudgetGate['check']>>): PromptopsError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.warnings)}`);
  return result.error;
}

/** Test support: checks and records calls costing their estimate until the gate refuses one. */
export async function spendUntilRefused(
  gate: BudgetGate,
  call: { prompt: string; owner: string; plan: ModelPlan; costUsd: number },
): Promise<{ calls: number; error: PromptopsError }> {
  for (let calls = 0; calls < 10_000; calls++) {
    const result = await gate.check({ ...call, messages: MESSAGES });
    if (!result.ok) return { calls, error: result.error };
    gate.record({ prompt: call.prompt, owner: call.owner, cost: call.costUsd });
  }
  expect.fail('the gate never refused');
}

/**
 * Test support: database handles for replicas. On Postgres each replica gets a connection pool of
 * its own to one scratch database, as separate processes would; PGlite lives in one process, so
 * the replicas share its handle.
 */
export async function openReplicaHandles(
  database: TestDatabase,
  count: number,
): Promise<{ handles: DatabaseHandle[]; close(): Promise<void> }> {
  const first = await database.open();
  if (database.name === 'pglite') {
    return { handles: Array.from({ length: count }, () => first), close: () => first.close() };
  }
  // The scratch database's name is in the redacted location; the credentials are in the server URL.
  const url = new URL(process.env.PROMPTOPS_TEST_POSTGRES!);
  url.pathname = new URL(first.location).pathname;
  const others = await Promise.all(
    Array.from({ length: count - 1 }, () => openDatabase({ url: url.toString() })),
  );
  return {
    handles: [first, ...others],
    async close() {
      await Promise.all(others.map((handle) => handle.close()));
      await first.close(); // drops the scratch database
    },
  };
}

/** Test support: the database with a count of the statements started through it. */
export function countingDatabase(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const starts = new Set<PropertyKey>(['select', 'insert', 'update', 'delete', 'execute', 'transaction']);
  const counted = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (!starts.has(key)) return value.bind(target);
      return (...args: unknown[]) => {
        statements++;
        return value.apply(target, args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}
