import type { DataClassification } from '../../catalog/content/names.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { Policies } from '../../governance/policies/policies-schema.ts';
import type { Database } from '../../store/index.ts';
import { countChatTokens } from '../../templates/token-count.ts';
import type { CapabilityFlag, ModelCatalog } from '../models/index.ts';
import type { BudgetGate, ModelPlan } from '../runtime-parts.ts';
import { accountCovers, budgetAccounts } from './budget-account.ts';
import { budgetExceeded } from './budget-exceeded.ts';
import { estimateCall } from './call-estimate.ts';
import { cheaperTargets } from './cheaper-targets.ts';
import { createInFlightHolds, type Hold } from './in-flight-holds.ts';
import { createLeaseBook } from './lease-book.ts';
import { describeBreach, type SoftBreach, softBreaches } from './soft-limits.ts';

/** What a replica reserves from the ledger at once, unless a twentieth of the hard limit is less. */
export const DEFAULT_BUDGET_CHUNK_USD = 0.5;
const DEFAULT_FLUSH_INTERVAL_MS = 1_000;
/** Answers one check may pay for: the first and two format retries (the default for JSON output). */
const ANSWER_ROUNDS = 3;
const HOLD_SLACK_MS = 60_000;

/** A soft limit with `on_soft: alert` was reached; reported once per rule, period and replica. */
export interface BudgetAlert {
  /** Ledger name: `team:customer-support`. */
  budget: string;
  /** Ledger period key: `day:2026-11-22`. */
  period: string;
  prompt: string;
  softUsd: number;
  spentUsd: number;
}

export interface BudgetGateOptions {
  db: Database;
  policies: Pick<Policies, 'budgets'>;
  models: ModelCatalog;
  clock?: () => Date;
  /** Allowance reserved from the ledger at once; capped per budget at hard_usd / 20. Default 0.50. */
  chunkUsd?: number;
  /** How often spend is settled to the ledger. Default 1000. */
  flushIntervalMs?: number;
  /**
   * How long a checked call holds its estimate when its cost is never recorded. Default: the plan's
   * timeout × attempts × models × 3 answers, plus a minute.
   */
  holdMs?: number;
  /** The prompt's data classification; without it `cheaper_tier` finds no substitute (fails closed). */
  classificationOf?: (prompt: string) => DataClassification | undefined;
  /** Capabilities the prompt needs of a substitute; default: the current model's jsonMode, jsonSchema and tools. */
  requirementsOf?: (prompt: string) => readonly CapabilityFlag[] | undefined;
  onAlert?: (alert: BudgetAlert) => void;
  /** A ledger read or write failed in the background; the amounts are kept and retried. */
  onError?: (error: unknown) => void;
}

export interface LeasingBudgetGate extends BudgetGate {
  /** Settles recorded spend to the ledger now. */
  flush(): Promise<void>;
  /** Stops the timer, settles, and releases every reservation: call once the runtime has drained. */
  close(): Promise<void>;
}

/**
 * Stage 6 of the pipeline (DESIGN.md section 4) over budgets shared by every replica (section 5):
 * refuses a call a hard limit cannot cover, switches to a cheaper model or warns past a soft limit.
 * Spend is leased from the ledger in chunks, so a call that fits the local allowance touches no
 * database; see README.md for the policy and its overspend bound.
 *
 * @example
 * const budget = createBudgetGate({ db: handle.db, policies, models, classificationOf });
 * const runtime = await createRuntime({ ...options, budget });
 * // at shutdown, after the runtime: await budget.close();
 */
export function createBudgetGate(options: BudgetGateOptions): LeasingBudgetGate {
  const clock = options.clock ?? (() => new Date());
  const onError = options.onError ?? (() => {});
  const accounts = budgetAccounts(options.policies.budgets);
  const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const book = createLeaseBook({
    db: options.db,
    clock,
    chunkUsd: options.chunkUsd ?? DEFAULT_BUDGET_CHUNK_USD,
    dryMs: flushIntervalMs,
    onError,
  });
  const holds = createInFlightHolds();
  let flushing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(false), flushIntervalMs);
  timer.unref();

  function flush(releaseAll: boolean): Promise<void> {
    flushing = flushing.then(async () => {
      holds.sweep(clock().getTime());
      await book.flush({ releaseAll }).catch(onError);
    });
    return flushing;
  }

  function alertOnce(breach: SoftBreach, prompt: string): void {
    if (!options.onAlert || breach.lease.alerted.has(breach.rule)) return;
    breach.lease.alerted.add(breach.rule);
    const { lease, softUsd, spentUsd } = breach;
    options.onAlert({ budget: lease.account.name, period: lease.period, prompt, softUsd, spentUsd });
  }

  const check: BudgetGate['check'] = async ({ prompt, owner, plan, messages, classification }) => {
    const first = plan.targets[0];
    const covering = accounts.filter((account) => accountCovers(account, prompt, owner));
    if (covering.length === 0 || !first) return { ok: true, targets: plan.targets, warnings: [] };
    const now = clock();
    const leases = covering.map((account) => book.leaseFor(account, now));
    for (const lease of leases) lease.touched = true;
    await Promise.all(leases.map((lease) => lease.ready));

    const warnings: string[] = [];
    const inputTokens = countChatTokens(messages);
    const maxTokens = plan.parameters.maxTokens;
    let targets = plan.targets;
    let estimate = estimateCall(first.id, inputTokens, maxTokens, options.models);
    if (!estimate.known) {
      const names = leases.map((lease) => lease.account.name).join(', ');
      warnings.push(`${estimate.reason}, so budget ${names} cannot account for this call`);
    }

    const wantCheaper: SoftBreach[] = [];
    for (const breach of softBreaches(leases, estimate.known ? estimate.amountUsd : 0)) {
      if (breach.rule.on_soft === 'cheaper_tier') {
        wantCheaper.push(breach);
        continue;
      }
      warnings.push(describeBreach(breach));
      alertOnce(breach, prompt);
    }
    if (wantCheaper.length > 0) {
      const reached = wantCheaper.map(describeBreach).join('; ');
      const cheaper = cheaperTargets(
        {
          targets,
          inputTokens,
          maxTokens,
          classification: classification ?? options.classificationOf?.(prompt),
          requires: options.requirementsOf?.(prompt),
        },
        options.models,
      );
      // cheaperTier only offers models priced in the currency of the current one, so this is known
      const substitute = cheaper.found
        ? estimateCall(cheaper.model, inputTokens, maxTokens, options.models)
        : undefined;
      if (cheaper.found && substitute?.known) {
        targets = cheaper.targets;
        estimate = substitute;
        warnings.push(`${reached}: using ${cheaper.model} instead of ${first.id}`);
      } else {
        const reason = cheaper.found ? `the price of ${cheaper.model} is unknown` : cheaper.reason;
        warnings.push(`${reached}, but ${reason}: keeping ${first.id}`);
      }
    }

    const expiresAt = now.getTime() + (options.holdMs ?? holdMsOf(plan));
    if (!estimate.known) {
      // Allowed, as DESIGN.md has it; the hold only pairs the recorded cost with this period.
      holds.add(prompt, { leases, amountUsd: 0, expiresAt });
      return { ok: true, targets, warnings };
    }
    const hold: Hold = { leases, amountUsd: estimate.amountUsd, expiresAt };
    holds.add(prompt, hold);
    for (const lease of leases) {
      if (lease.account.hardUsd === undefined) continue;
      let covered: boolean;
      try {
        covered = await book.cover(lease, () => holds.cancel(prompt, hold));
      } catch (error) {
        return {
          ok: false,
          error: new PromptopsError(
            'database_error',
            `budget ${lease.account.name} cannot reserve allowance from the database, and a hard limit ` +
              `fails closed: ${(error as Error).message}`,
            {},
            { cause: error },
          ),
        };
      }
      if (!covered) {
        const standing = await book.standing(lease);
        return {
          ok: false,
          error: budgetExceeded({
            budget: lease.account.name,
            period: lease.period,
            ...standing,
            limitUsd: lease.account.hardUsd,
            estimateUsd: estimate.amountUsd,
          }),
        };
      }
    }
    return { ok: true, targets, warnings };
  };

  const record: BudgetGate['record'] = ({ prompt, owner, cost }) => {
    const now = clock();
    const hold = holds.take(prompt, now.getTime());
    if (!(cost > 0 && Number.isFinite(cost))) return;
    const leases =
      hold?.leases ??
      accounts
        .filter((account) => accountCovers(account, prompt, owner))
        .map((account) => book.leaseFor(account, now));
    for (const lease of leases) lease.usedUsd += cost;
  };

  return {
    check,
    record,
    flush: () => flush(false),
    async close(): Promise<void> {
      clearInterval(timer);
      await flush(true);
    },
  };
}

/** Longer than the slowest way the pipeline can end a call: every attempt of every model timing out. */
function holdMsOf(plan: ModelPlan): number {
  return (
    plan.policy.timeoutMs * (plan.policy.retries + 1) * plan.targets.length * ANSWER_ROUNDS + HOLD_SLACK_MS
  );
}
