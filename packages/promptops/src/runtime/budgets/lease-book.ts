import { type Database, readBudget, reserveBudget, settleBudget } from '../../store/index.ts';
import type { BudgetAccount } from './budget-account.ts';
import { periodKey } from './budget-period.ts';
import { availableUsd, type Lease, type LeaseStanding, newLease } from './lease.ts';

/** Amounts closer than this are equal: float noise from summing many micro-dollar costs. */
export const EPSILON_USD = 1e-9;

export interface LeaseBookOptions {
  db: Database;
  clock: () => Date;
  /** The most a replica reserves at once, before the per-budget cap (see chunkOf). */
  chunkUsd: number;
  /** How long a budget found used up is not asked again (other replicas give back at their flush). */
  dryMs: number;
  onError: (error: unknown) => void;
}

/**
 * This replica's leases on the shared ledger (DESIGN.md section 5). Calls spend local allowance;
 * the ledger is asked for another chunk only when it runs short (`cover`), and spend goes back in
 * batches (`flush`). `reserveBudget` never grants beyond a hard limit in total, which is what
 * bounds spend across replicas.
 */
export function createLeaseBook(options: LeaseBookOptions) {
  const { db, clock } = options;
  const leases = new Map<string, Lease>();

  /**
   * A chunk is `chunkUsd`, capped at a twentieth of the hard limit so that a small budget is not
   * taken by the first replica to ask: twenty replicas can hold a share of it at once.
   */
  function chunkOf(account: BudgetAccount): number {
    return account.hardUsd === undefined
      ? options.chunkUsd
      : Math.min(options.chunkUsd, account.hardUsd / 20);
  }

  function leaseFor(account: BudgetAccount, at: Date): Lease {
    const period = periodKey(account.period, at);
    const key = `${account.name} ${period}`;
    let lease = leases.get(key);
    if (!lease) {
      lease = newLease(account, period);
      lease.ready = refresh(lease);
      leases.set(key, lease);
    }
    return lease;
  }

  /** Reads the ledger's spend, which every replica settles into. */
  async function refresh(lease: Lease): Promise<void> {
    try {
      const row = await readBudget(db, lease.account.name, lease.period);
      if (row) {
        lease.ledgerSpentUsd = row.spent;
        lease.rowExists = true;
      }
    } catch (error) {
      options.onError(error);
    }
  }

  /**
   * Makes the lease cover everything held on it, reserving more from the ledger when short. False
   * when the ledger has not enough left under the hard limit; `abandon` is then called first (it
   * releases the caller's hold synchronously, so calls waiting on the same reservation see the
   * allowance it gave back).
   */
  async function cover(lease: Lease, abandon: () => void): Promise<boolean> {
    while (availableUsd(lease) < -EPSILON_USD) {
      if (!lease.refill && performance.now() < lease.dryUntil) {
        abandon();
        return false;
      }
      lease.refill ??= reserveShortfall(lease).finally(() => {
        lease.refill = undefined;
      });
      let full: boolean;
      try {
        full = await lease.refill;
      } catch (error) {
        abandon();
        throw error;
      }
      if (!full && availableUsd(lease) < -EPSILON_USD) {
        abandon();
        return false;
      }
    }
    return true;
  }

  async function reserveShortfall(lease: Lease): Promise<boolean> {
    const amount = Math.max(chunkOf(lease.account), -availableUsd(lease));
    const granted = await reserveBudget(db, {
      budget: lease.account.name,
      period: lease.period,
      amount,
      limit: lease.account.hardUsd ?? Number.POSITIVE_INFINITY,
      at: clock(),
    });
    lease.grantedUsd += granted;
    lease.rowExists = true;
    const full = granted + EPSILON_USD >= amount;
    lease.dryUntil = full ? 0 : performance.now() + options.dryMs;
    lease.standing = undefined;
    return full;
  }

  /**
   * Settles spend to the ledger and gives back allowance this replica does not need: all of a past
   * period's once its calls are recorded, and, of the current one, what is idle beyond one chunk.
   * `releaseAll` (on close) gives back every reservation. A failed write is kept for the next flush.
   */
  async function flush(mode: { releaseAll: boolean }): Promise<void> {
    const now = clock();
    for (const [key, lease] of leases) {
      await lease.ready;
      const stale = periodKey(lease.account.period, now) !== lease.period;
      const spent = lease.usedUsd;
      const release = mode.releaseAll
        ? lease.grantedUsd
        : releasable(lease, stale ? 0 : chunkOf(lease.account));
      if (spent > EPSILON_USD || release > EPSILON_USD) {
        // Taken out before the write, so calls checked meanwhile never count on what is given back.
        lease.usedUsd -= spent;
        lease.grantedUsd -= release;
        lease.ledgerSpentUsd += spent;
        try {
          if (!lease.rowExists) {
            // A budget without a hard limit never reserves; this creates the row settleBudget updates.
            await reserveBudget(db, {
              budget: lease.account.name,
              period: lease.period,
              amount: 0,
              limit: 0,
              at: now,
            });
            lease.rowExists = true;
          }
          await settleBudget(db, {
            budget: lease.account.name,
            period: lease.period,
            spent,
            released: release,
            at: now,
          });
        } catch (error) {
          lease.usedUsd += spent;
          lease.grantedUsd += release;
          lease.ledgerSpentUsd -= spent;
          options.onError(error);
          continue;
        }
      }
      if (stale) {
        if (lease.calls === 0 && lease.grantedUsd <= EPSILON_USD && lease.usedUsd <= EPSILON_USD)
          leases.delete(key);
      } else if (lease.touched) {
        lease.touched = false;
        await refresh(lease);
      }
    }
  }

  /**
   * Where the budget stands, for a refusal message: read once each time it runs dry, the local view
   * when the read fails.
   */
  async function standing(lease: Lease): Promise<LeaseStanding> {
    if (lease.standing && performance.now() < lease.dryUntil) return lease.standing;
    const row = await readBudget(db, lease.account.name, lease.period).catch(() => undefined);
    lease.standing = {
      spentUsd: (row?.spent ?? lease.ledgerSpentUsd) + lease.usedUsd,
      leasedElsewhereUsd: Math.max(0, (row?.reserved ?? 0) - lease.grantedUsd),
    };
    return lease.standing;
  }

  return { leaseFor, cover, flush, chunkOf, standing };
}

/**
 * What a flush gives back: the reservation the settled spend used (up to what was granted; spend
 * beyond it is an overrun that settles as spent alone) and idle allowance beyond `keepUsd`.
 */
function releasable(lease: Lease, keepUsd: number): number {
  const usedFromGrant = Math.min(Math.max(0, lease.usedUsd), lease.grantedUsd);
  const idle = lease.grantedUsd - usedFromGrant - Math.max(0, lease.heldUsd);
  return usedFromGrant + Math.max(0, idle - keepUsd);
}

export type LeaseBook = ReturnType<typeof createLeaseBook>;
