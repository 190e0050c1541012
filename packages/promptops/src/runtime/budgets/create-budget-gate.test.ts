import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { type DatabaseHandle, readBudget } from '../../store/index.ts';
import { countChatTokens } from '../../templates/token-count.ts';
import type { BuiltinModel } from '../models/index.ts';
import { estimateCall } from './call-estimate.ts';
import {
  type BudgetAlert,
  type BudgetGateOptions,
  createBudgetGate,
  type LeasingBudgetGate,
} from './create-budget-gate.ts';
import {
  countingDatabase,
  MESSAGES,
  manualClock,
  openaiCatalog,
  planFor,
  policiesWith,
  refusal,
  spendUntilRefused,
} from './test-fixtures.ts';

const PROMPT = 'support/classify-intent';
const OWNER = 'customer-support';
const models = openaiCatalog();
/** gpt-4o at max_tokens 1000: a cent and a bit per call. */
const plan = planFor(['openai/gpt-4o']);
const estimateUsd = costOf('openai/gpt-4o');

function costOf(model: string, maxTokens = 1_000): number {
  const estimate = estimateCall(model, countChatTokens(MESSAGES), maxTokens, models);
  if (!estimate.known) throw new Error(`${model} has no price`);
  return estimate.amountUsd;
}

describeEachDatabase('createBudgetGate', (database) => {
  let handle: DatabaseHandle;
  const gates: LeasingBudgetGate[] = [];
  const clock = manualClock('2026-11-22T10:00:00Z');

  beforeEach(async () => {
    handle = await database.open();
    clock.set('2026-11-22T10:00:00Z');
  });
  afterEach(async () => {
    for (const gate of gates.splice(0)) await gate.close();
    await handle.close();
  });

  function gate(
    options: Partial<BudgetGateOptions> & Pick<BudgetGateOptions, 'policies'>,
  ): LeasingBudgetGate {
    const created = createBudgetGate({
      db: handle.db,
      models,
      clock: clock.now,
      flushIntervalMs: 60_000,
      ...options,
    });
    gates.push(created);
    return created;
  }

  describe('hard limits', () => {
    it('refuses, before any model is called, the call the hard limit cannot cover', async () => {
      const budget = gate({
        policies: policiesWith([{ scope: 'prompt', match: PROMPT, period: 'day', hard_usd: 0.05 }]),
      });
      const { calls, error } = await spendUntilRefused(budget, {
        prompt: PROMPT,
        owner: OWNER,
        plan,
        costUsd: estimateUsd,
      });
      // 4 calls of a little over a cent fit under 5 cents; the 5th might not, so it is refused
      expect(calls).toBe(4);
      expect(error.code).toBe('budget_exceeded');
      expect(error.message).toMatch(
        /^budget prompt:support\/classify-intent \(day 2026-11-22\) refuses the call: \$0\.04\d* spent of its \$0\.05 hard limit, and the call may cost up to \$0\.01\d*$/,
      );
      expect(error.details).toMatchObject({
        budget: `prompt:${PROMPT}`,
        period: 'day:2026-11-22',
        limitUsd: 0.05,
      });
    });

    it('holds the estimates of calls in flight, so concurrent checks cannot all pass on one allowance', async () => {
      const budget = gate({ policies: policiesWith([{ scope: 'global', period: 'month', hard_usd: 0.05 }]) });
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          budget.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(4);
      expect(results.filter((result) => !result.ok && result.error.code === 'budget_exceeded')).toHaveLength(
        6,
      );
    });

    it('counts a call against every budget covering it: a team budget covers its prompts in every folder', async () => {
      const budget = gate({
        policies: policiesWith([
          { scope: 'team', match: OWNER, period: 'day', hard_usd: 0.05 },
          { scope: 'folder', match: 'support', period: 'day', hard_usd: 1 },
        ]),
      });
      const spend = (prompt: string, owner: string) =>
        spendUntilRefused(budget, { prompt, owner, plan, costUsd: estimateUsd / 2 });
      for (let index = 0; index < 4; index++) {
        expect(
          (await budget.check({ prompt: 'billing/refund', owner: OWNER, plan, messages: MESSAGES })).ok,
        ).toBe(true);
        budget.record({ prompt: 'billing/refund', owner: OWNER, cost: estimateUsd / 2 });
      }
      const { calls, error } = await spend(PROMPT, OWNER);
      expect(error.message).toMatch(/^budget team:customer-support \(day 2026-11-22\)/);
      expect(calls).toBeLessThan(6);
      // another team's prompts in the folder are not refused by the team's budget
      expect((await budget.check({ prompt: PROMPT, owner: 'sales', plan, messages: MESSAGES })).ok).toBe(
        true,
      );
      await budget.flush();
      const team = await readBudget(handle.db, `team:${OWNER}`, 'day:2026-11-22');
      const folder = await readBudget(handle.db, 'folder:support', 'day:2026-11-22');
      expect(team!.spent).toBeCloseTo((4 + calls) * (estimateUsd / 2), 9);
      expect(folder!.spent).toBeCloseTo(calls * (estimateUsd / 2), 9);
    });

    it('stays off the database while the local allowance covers the call', async () => {
      const counting = countingDatabase(handle.db);
      const budget = gate({
        db: counting.db,
        policies: policiesWith([{ scope: 'global', period: 'day', hard_usd: 100 }]),
      });
      const call = {
        prompt: PROMPT,
        owner: OWNER,
        plan: planFor(['openai/gpt-4o-mini'], 100),
        messages: MESSAGES,
      };
      expect((await budget.check(call)).ok).toBe(true); // reads the ledger and leases a 50-cent chunk
      const afterFirst = counting.statements();
      for (let index = 0; index < 100; index++) {
        expect((await budget.check(call)).ok).toBe(true);
        budget.record({ prompt: PROMPT, owner: OWNER, cost: 0.0001 });
      }
      expect(counting.statements()).toBe(afterFirst);
    });

    it('refuses from memory once the budget is used up, instead of asking the ledger for every call', async () => {
      const counting = countingDatabase(handle.db);
      const budget = gate({
        db: counting.db,
        policies: policiesWith([{ scope: 'global', period: 'day', hard_usd: 0.05 }]),
      });
      const { error } = await spendUntilRefused(budget, {
        prompt: PROMPT,
        owner: OWNER,
        plan,
        costUsd: estimateUsd,
      });
      const afterRefusal = counting.statements();
      for (let index = 0; index < 50; index++) {
        const again = refusal(await budget.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES }));
        expect(again.message).toBe(error.message);
      }
      expect(counting.statements()).toBe(afterRefusal);
    });

    it('settles spend in batches and gives every reservation back on close', async () => {
      const budget = gate({ policies: policiesWith([{ scope: 'global', period: 'day', hard_usd: 10 }]) });
      for (let index = 0; index < 3; index++) {
        await budget.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES });
        budget.record({ prompt: PROMPT, owner: OWNER, cost: 0.002 });
      }
      expect(await readBudget(handle.db, 'global', 'day:2026-11-22')).toMatchObject({
        spent: 0,
        reserved: 0.5,
      });
      await budget.flush();
      const settled = await readBudget(handle.db, 'global', 'day:2026-11-22');
      expect(settled!.spent).toBeCloseTo(0.006, 12);
      expect(settled!.reserved).toBeCloseTo(0.494, 12);
      await budget.close();
      const closed = await readBudget(handle.db, 'global', 'day:2026-11-22');
      expect(closed!.spent).toBeCloseTo(0.006, 12);
      expect(closed!.reserved).toBe(0);
    });
  });

  describe('soft limits', () => {
    it('on_soft alert: warns on every call past the limit and tells onAlert once', async () => {
      const alerts: BudgetAlert[] = [];
      const budget = gate({
        policies: policiesWith([
          { scope: 'folder', match: 'support', period: 'month', soft_usd: 0.03, on_soft: 'alert' },
        ]),
        onAlert: (alert) => alerts.push(alert),
      });
      const warningsPerCall: string[][] = [];
      for (let index = 0; index < 5; index++) {
        const result = await budget.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES });
        if (!result.ok) throw result.error;
        warningsPerCall.push(result.warnings);
        budget.record({ prompt: PROMPT, owner: OWNER, cost: estimateUsd });
      }
      // spent + this call: 1, 2 cents are under 3; the 3rd call could pass it
      expect(warningsPerCall.map((warnings) => warnings.length)).toEqual([0, 0, 1, 1, 1]);
      expect(warningsPerCall[2]![0]).toMatch(
        /^budget folder:support \(month 2026-11\) has reached its soft limit of \$0\.03 \(\$0\.02\d* spent\)$/,
      );
      expect(alerts).toEqual([
        {
          budget: 'folder:support',
          period: 'month:2026-11',
          prompt: PROMPT,
          softUsd: 0.03,
          spentUsd: expect.any(Number),
        },
      ]);
    });

    describe('on_soft cheaper_tier', () => {
      const builtin = (name: string, input: number, output: number): BuiltinModel => ({
        name,
        aliases: [],
        vendor: 'openai',
        capabilities: {
          contextWindow: 100_000,
          jsonMode: true,
          jsonSchema: true,
          tools: true,
          streaming: true,
          embeddings: false,
        },
        rates: { inputPerMtok: input, outputPerMtok: output },
      });
      const tiers = openaiCatalog([builtin('large', 5, 20), builtin('small', 0.5, 2)]);
      /** About 2 cents a call on the large model: a cent spent puts the next call past 3 cents. */
      const tieredPlan = planFor(['openai/large']);
      const policies = policiesWith([
        { scope: 'global', period: 'day', soft_usd: 0.03, hard_usd: 1, on_soft: 'cheaper_tier' },
      ]);

      it('switches to the cheapest allowed model past the soft limit, and says so', async () => {
        const budget = gate({ policies, models: tiers, classificationOf: () => 'internal' });
        const first = await budget.check({
          prompt: PROMPT,
          owner: OWNER,
          plan: tieredPlan,
          messages: MESSAGES,
        });
        expect(first).toMatchObject({ ok: true, warnings: [] });
        if (first.ok) expect(first.targets.map((target) => target.id)).toEqual(['openai/large']);
        budget.record({ prompt: PROMPT, owner: OWNER, cost: 0.01 });

        const second = await budget.check({
          prompt: PROMPT,
          owner: OWNER,
          plan: tieredPlan,
          messages: MESSAGES,
        });
        if (!second.ok) throw second.error;
        expect(second.targets).toEqual([
          { id: 'openai/small', provider: tieredPlan.targets[0]!.provider, model: 'small' },
        ]);
        expect(second.warnings).toEqual([
          expect.stringMatching(
            /^budget global \(day 2026-11-22\) has reached its soft limit of \$0\.03 \(\$0\.01 spent\): using openai\/small instead of openai\/large$/,
          ),
        ]);
      });

      it('keeps the model, with a warning, when no substitute is known to be allowed', async () => {
        const budget = gate({ policies, models: tiers }); // no classificationOf: nothing is shown allowed
        await budget.check({ prompt: PROMPT, owner: OWNER, plan: tieredPlan, messages: MESSAGES });
        budget.record({ prompt: PROMPT, owner: OWNER, cost: 0.01 });
        const result = await budget.check({
          prompt: PROMPT,
          owner: OWNER,
          plan: tieredPlan,
          messages: MESSAGES,
        });
        if (!result.ok) throw result.error;
        expect(result.targets.map((target) => target.id)).toEqual(['openai/large']);
        expect(result.warnings).toEqual([
          expect.stringMatching(/classification is unknown.*: keeping openai\/large$/),
        ]);
      });
    });
  });

  it('lets a call of unknown price through, even past a hard limit, warning that the budgets cannot account for it', async () => {
    const budget = gate({
      policies: policiesWith([{ scope: 'global', period: 'day', soft_usd: 0.01, hard_usd: 0.02 }]),
    });
    const { calls } = await spendUntilRefused(budget, {
      prompt: PROMPT,
      owner: OWNER,
      plan,
      costUsd: estimateUsd,
    });
    expect(calls).toBe(1);
    const unpriced = planFor(['openai/in-house-7b']);
    const result = await budget.check({ prompt: PROMPT, owner: OWNER, plan: unpriced, messages: MESSAGES });
    expect(result).toEqual({
      ok: true,
      targets: unpriced.targets,
      warnings: [
        'the price of openai/in-house-7b is unknown, so budget global cannot account for this call',
        expect.stringMatching(/^budget global \(day 2026-11-22\) has reached its soft limit of \$0\.01/),
      ],
    });
  });

  it('starts each period afresh, in UTC, and gives back what a past period reserved', async () => {
    clock.set('2026-11-22T23:59:00Z');
    const budget = gate({ policies: policiesWith([{ scope: 'global', period: 'day', hard_usd: 0.05 }]) });
    const call = { prompt: PROMPT, owner: OWNER, plan, costUsd: estimateUsd };
    const yesterday = await spendUntilRefused(budget, call);
    expect(yesterday.calls).toBe(4);
    clock.set('2026-11-23T00:00:30Z');
    const today = await spendUntilRefused(budget, call);
    expect(today.calls).toBe(4);
    expect(today.error.message).toContain('(day 2026-11-23)');
    await budget.flush();
    const past = await readBudget(handle.db, 'global', 'day:2026-11-22');
    expect(past!.spent).toBeCloseTo(4 * estimateUsd, 12);
    expect(past!.reserved).toBe(0);
  });

  it('lets calls through when no budget covers them, without counting tokens', async () => {
    const budget = gate({
      policies: policiesWith([{ scope: 'prompt', match: 'other/prompt', period: 'day', hard_usd: 0.01 }]),
    });
    const result = await budget.check({ prompt: PROMPT, owner: OWNER, plan, messages: MESSAGES });
    expect(result).toEqual({ ok: true, targets: plan.targets, warnings: [] });
  });
});
