import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { PromptopsError } from '../../errors/index.ts';
import { type DatabaseHandle, readBudget } from '../../store/index.ts';
import { countChatTokens } from '../../templates/token-count.ts';
import { estimateCall } from './call-estimate.ts';
import { createBudgetGate, type LeasingBudgetGate } from './create-budget-gate.ts';
import {
  MESSAGES,
  manualClock,
  openaiCatalog,
  openReplicaHandles,
  planFor,
  policiesWith,
} from './test-fixtures.ts';

const PROMPT = 'support/classify-intent';
const OWNER = 'customer-support';
const HARD_USD = 0.5;
/** The effective chunk: DEFAULT_BUDGET_CHUNK_USD capped at a twentieth of the hard limit. */
const CHUNK_USD = HARD_USD / 20;
const models = openaiCatalog();
/** gpt-4o-mini at max_tokens 2000: about 0.12 cents a call, so a few hundred calls use the budget up. */
const plan = planFor(['openai/gpt-4o-mini'], 2_000);
const estimate = estimateCall('openai/gpt-4o-mini', countChatTokens(MESSAGES), 2_000, models);
const ESTIMATE_USD = estimate.known ? estimate.amountUsd : Number.NaN;
const WORKERS_PER_REPLICA = 4;

interface ReplicaRun {
  calls: number;
  spentUsd: number;
  refusals: PromptopsError[];
}

/**
 * One replica serving calls from several concurrent workers until each is refused: check, a pause
 * standing in for the model call (during which the other replica and the background flush run),
 * then record what the call cost.
 */
async function runReplica(gate: LeasingBudgetGate, costOfCall: () => number): Promise<ReplicaRun> {
  const run: ReplicaRun = { calls: 0, spentUsd: 0, refusals: [] };
  const worker = async () => {
    for (;;) {
      const result = await gate.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES });
      if (!result.ok) {
        run.refusals.push(result.error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
      const cost = costOfCall();
      gate.record({ prompt: PROMPT, owner: OWNER, cost });
      run.calls++;
      run.spentUsd += cost;
    }
  };
  await Promise.all(Array.from({ length: WORKERS_PER_REPLICA }, worker));
  return run;
}

describeEachDatabase('budgets shared by replicas', (database) => {
  let handles: DatabaseHandle[];
  let closeHandles: () => Promise<void>;
  const gates: LeasingBudgetGate[] = [];
  const clock = manualClock('2026-11-22T10:00:00Z');
  const connections = database.name === 'postgres' ? 'two connection pools' : 'one PGlite handle';

  beforeEach(async () => {
    ({ handles, close: closeHandles } = await openReplicaHandles(database, 2));
  });
  afterEach(async () => {
    for (const gate of gates.splice(0)) await gate.close();
    await closeHandles();
  });

  function replica(handle: DatabaseHandle): LeasingBudgetGate {
    const gate = createBudgetGate({
      db: handle.db,
      models,
      clock: clock.now,
      policies: policiesWith([{ scope: 'global', period: 'day', hard_usd: HARD_USD }]),
      flushIntervalMs: 5,
    });
    gates.push(gate);
    return gate;
  }

  async function ledger() {
    const row = await readBudget(handles[0]!.db, 'global', 'day:2026-11-22');
    if (!row) throw new Error('no ledger row');
    return row;
  }

  it(`two replicas (${connections}) spending at once stop within one chunk each of the hard limit`, async () => {
    const [first, second] = [replica(handles[0]!), replica(handles[1]!)];
    const cost = () => ESTIMATE_USD * (0.5 + Math.random() / 2);
    const runs = await Promise.all([runReplica(first, cost), runReplica(second, cost)]);
    await Promise.all([first.flush(), second.flush()]);

    const recorded = runs[0]!.spentUsd + runs[1]!.spentUsd;
    const { spent } = await ledger();
    expect(spent).toBeCloseTo(recorded, 9); // every recorded cost settled, none twice
    expect(spent).toBeLessThanOrEqual(HARD_USD + 2 * CHUNK_USD); // the documented bound
    // Costs never exceeded their estimates here, and then the limit itself holds.
    expect(spent).toBeLessThanOrEqual(HARD_USD + 1e-9);
    // Both served calls, and the budget was used up, not refused early.
    expect(runs[0]!.calls).toBeGreaterThan(0);
    expect(runs[1]!.calls).toBeGreaterThan(0);
    expect(spent).toBeGreaterThan(HARD_USD - 2 * CHUNK_USD - 2 * WORKERS_PER_REPLICA * ESTIMATE_USD);
    for (const run of runs) {
      expect(run.refusals).toHaveLength(WORKERS_PER_REPLICA);
      for (const error of run.refusals) expect(error.code).toBe('budget_exceeded');
    }

    await Promise.all([first.close(), second.close()]);
    expect((await ledger()).reserved).toBeCloseTo(0, 12);
  });

  it(`calls costing more than their estimate (format retries) overrun by at most what was in flight (${connections})`, async () => {
    const [first, second] = [replica(handles[0]!), replica(handles[1]!)];
    const cost = () => ESTIMATE_USD * 1.5;
    const runs = await Promise.all([runReplica(first, cost), runReplica(second, cost)]);
    await Promise.all([first.close(), second.close()]);

    const { spent, reserved } = await ledger();
    expect(spent).toBeCloseTo(runs[0]!.spentUsd + runs[1]!.spentUsd, 9);
    expect(spent).toBeLessThanOrEqual(HARD_USD + 2 * CHUNK_USD);
    // An overrun is made good from the next chunk before another call starts, so only the calls in
    // flight when the ledger ran dry can take spend past the limit.
    expect(spent).toBeLessThanOrEqual(HARD_USD + 2 * WORKERS_PER_REPLICA * cost() + 1e-9);
    expect(reserved).toBeCloseTo(0, 12);
  });

  it(`a closed replica gives its allowance back; a crashed one's stays lost until the period ends (${connections})`, async () => {
    const [crashed, closed, survivor] = [replica(handles[0]!), replica(handles[1]!), replica(handles[0]!)];
    for (const gate of [crashed, closed]) {
      expect((await gate.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES })).ok).toBe(true);
      gate.record({ prompt: PROMPT, owner: OWNER, cost: ESTIMATE_USD });
      await gate.flush();
    }
    expect((await ledger()).reserved).toBeCloseTo(2 * (CHUNK_USD - ESTIMATE_USD), 9);
    await closed.close();
    // `crashed` never closes: as if its process died, its reservation stays in the ledger
    const run = await runReplica(survivor, () => ESTIMATE_USD);
    await survivor.close();
    const { spent, reserved } = await ledger();
    expect(run.refusals).toHaveLength(WORKERS_PER_REPLICA);
    const lost = CHUNK_USD - ESTIMATE_USD;
    expect(reserved).toBeCloseTo(lost, 9);
    expect(spent).toBeLessThanOrEqual(HARD_USD - lost + 1e-9);
    expect(spent).toBeGreaterThan(HARD_USD - lost - WORKERS_PER_REPLICA * ESTIMATE_USD);
  });
});
