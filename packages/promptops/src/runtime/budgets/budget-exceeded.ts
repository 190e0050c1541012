import { PromptopsError } from '../../errors/index.ts';
import { periodLabel } from './budget-period.ts';

export interface BudgetStanding {
  /** Ledger name: `folder:support`. */
  budget: string;
  /** Ledger period key: `month:2026-11`. */
  period: string;
  spentUsd: number;
  /** Reserved by other replicas and not spent yet. */
  leasedElsewhereUsd: number;
  limitUsd: number;
  estimateUsd: number;
}

/** Money in messages: cents from a dollar up, down to a hundredth of a cent below (`$0.05`, `$0.0402`). */
export function formatUsd(amount: number): string {
  if (Math.abs(amount) >= 1) return `$${amount.toFixed(2)}`;
  return `$${amount.toFixed(4).replace(/0{1,2}$/, '')}`;
}

/**
 * The refusal of a hard limit, before any model is called.
 *
 * @example
 * budgetExceeded({ budget: 'folder:support', period: 'month:2026-11', spentUsd: 149.7, leasedElsewhereUsd: 0.25, limitUsd: 150, estimateUsd: 0.42 }).message;
 * // 'budget folder:support (month 2026-11) refuses the call: $149.70 spent of its $150.00 hard limit,
 * //  $0.25 leased to other replicas, and the call may cost up to $0.42'
 */
export function budgetExceeded(standing: BudgetStanding): PromptopsError {
  const leased =
    standing.leasedElsewhereUsd > 0
      ? `, ${formatUsd(standing.leasedElsewhereUsd)} leased to other replicas`
      : '';
  return new PromptopsError(
    'budget_exceeded',
    `budget ${standing.budget} (${periodLabel(standing.period)}) refuses the call: ` +
      `${formatUsd(standing.spentUsd)} spent of its ${formatUsd(standing.limitUsd)} hard limit${leased}, ` +
      `and the call may cost up to ${formatUsd(standing.estimateUsd)}`,
    { ...standing },
  );
}
