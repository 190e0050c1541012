import type { BudgetRuleValue } from './budget-account.ts';
import { formatUsd } from './budget-exceeded.ts';
import { periodLabel } from './budget-period.ts';
import { knownSpentUsd, type Lease } from './lease.ts';

/** A soft limit the call reaches: spend known here, plus calls in flight here, plus this call. */
export interface SoftBreach {
  lease: Lease;
  rule: BudgetRuleValue;
  softUsd: number;
  spentUsd: number;
}

/**
 * The soft limits a call of `estimateUsd` would reach. Approximate by design: other replicas' spend
 * is seen once they settle it and this replica reads it back (about two flush intervals).
 */
export function softBreaches(leases: readonly Lease[], estimateUsd: number): SoftBreach[] {
  const breaches: SoftBreach[] = [];
  for (const lease of leases) {
    const spentUsd = knownSpentUsd(lease);
    for (const rule of lease.account.rules) {
      if (rule.soft_usd === undefined) continue;
      if (spentUsd + Math.max(0, lease.heldUsd) + estimateUsd > rule.soft_usd) {
        breaches.push({ lease, rule, softUsd: rule.soft_usd, spentUsd });
      }
    }
  }
  return breaches;
}

export function describeBreach(breach: SoftBreach): string {
  const { lease, softUsd, spentUsd } = breach;
  return (
    `budget ${lease.account.name} (${periodLabel(lease.period)}) has reached its soft limit of ` +
    `${formatUsd(softUsd)} (${formatUsd(spentUsd)} spent)`
  );
}
