import type { BudgetAccount } from './budget-account.ts';

/**
 * This replica's share of one budget in one period. Amounts are USD; `granted - used - held` is
 * what calls here may still start without asking the ledger.
 */
export interface Lease {
  readonly account: BudgetAccount;
  /** The ledger's period key, `day:2026-11-22` or `month:2026-11`. */
  readonly period: string;
  /** Reserved in the ledger for this replica, neither settled nor released yet. */
  grantedUsd: number;
  /** Actual spend recorded here, not settled to the ledger yet. */
  usedUsd: number;
  /** Cost estimates of the calls checked here and not recorded yet. */
  heldUsd: number;
  /** Calls checked here and not recorded yet (one of unknown price is counted, holding nothing). */
  calls: number;
  /** The ledger's `spent` (every replica) when last read, plus what this replica settled since. */
  ledgerSpentUsd: number;
  /** The ledger row exists (settleBudget only updates). */
  rowExists: boolean;
  /** Checked since the last flush, so the next flush reads the ledger's spend again. */
  touched: boolean;
  /** Soft-limit rules already reported to onAlert in this period, by this replica. */
  readonly alerted: Set<object>;
  /** The first read of the ledger row. */
  ready: Promise<void>;
  /** The reservation under way, shared by every call waiting for allowance. */
  refill: Promise<boolean> | undefined;
  /**
   * `performance.now()` before which the ledger is not asked again after it had not enough left:
   * capacity comes back only when other replicas release theirs, so a flood of refused calls
   * would otherwise be a flood of queries.
   */
  dryUntil: number;
  /** Where the budget stood when it ran dry, for the messages of the refusals until then. */
  standing: LeaseStanding | undefined;
}

export interface LeaseStanding {
  spentUsd: number;
  /** Reserved by other replicas and not spent yet. */
  leasedElsewhereUsd: number;
}

export function availableUsd(lease: Lease): number {
  return lease.grantedUsd - lease.usedUsd - lease.heldUsd;
}

/** Spend as this replica knows it: every replica's settled spend plus its own unsettled spend. */
export function knownSpentUsd(lease: Lease): number {
  return lease.ledgerSpentUsd + lease.usedUsd;
}

export function newLease(account: BudgetAccount, period: string): Lease {
  return {
    account,
    period,
    grantedUsd: 0,
    usedUsd: 0,
    heldUsd: 0,
    calls: 0,
    ledgerSpentUsd: 0,
    rowExists: false,
    touched: false,
    alerted: new Set(),
    ready: Promise.resolve(),
    refill: undefined,
    dryUntil: 0,
    standing: undefined,
  };
}
